package io.github.informer.test;

import java.util.Map;

import io.github.informer.selector.SelectorSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * The {@code labelSelector} parameter: kube-apiserver's own parser (the shared
 * {@link io.github.informer.selector.LabelSelector}), its error message answered as the 400 kube-apiserver answers.
 */
final class LabelSelector {

	static final LabelSelector EVERYTHING = new LabelSelector(io.github.informer.selector.LabelSelector.everything());

	private final io.github.informer.selector.LabelSelector selector;

	private LabelSelector(io.github.informer.selector.LabelSelector selector) {
		this.selector = selector;
	}

	/** Parses the parameter; 400 BadRequest with kube-apiserver's message when malformed. */
	static LabelSelector parse(@Nullable String selector) {
		if (selector == null || selector.isEmpty()) {
			return EVERYTHING;
		}
		try {
			return new LabelSelector(io.github.informer.selector.LabelSelector.parse(selector));
		}
		catch (SelectorSyntaxException ex) {
			throw ApiError.badRequest(ex.getMessage());
		}
	}

	boolean matchesEverything() {
		return this.selector.isEmpty();
	}

	boolean matches(Map<String, String> labels) {
		return this.selector.matches(labels);
	}

}
