package io.github.informer.decoder;

import java.util.Locale;

/**
 * How list pages and watch events are decoded ({@code kubernetes.informers.decoder}).
 */
public enum DecoderType {

	/**
	 * Straight from the response stream into the model classes, with the semantics of client-java's adapters but
	 * without their JSON tree; unknown fields are skipped and missing required fields are tolerated.
	 */
	STREAMING,

	/**
	 * client-java's generated adapters (a JSON tree per object, validated, then mapped), with fields the models do
	 * not know removed from the tree first so that a newer API server does not stop the informer.
	 */
	CLIENT_JAVA;

	/**
	 * Return the value as written in properties and shown by the endpoint: {@code streaming} or
	 * {@code client-java}.
	 * @return the property value
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
