package io.github.informer.selector;

/**
 * A selector kube-apiserver would reject; the message is the text kube-apiserver answers in its 400 Status.
 */
public final class SelectorSyntaxException extends IllegalArgumentException {

	private static final long serialVersionUID = 1L;

	SelectorSyntaxException(String message) {
		super(message);
	}

}
