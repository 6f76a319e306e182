package io.github.informer.client;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/** Caching an object failed in this application (a transform, an index function, the starter itself). */
final class LocalFailureException extends Exception {

	private final String objectKey;

	private final String source;

	LocalFailureException(@Nullable String objectKey, String source, Throwable cause) {
		// no cause.toString(): a failure's own methods may throw
		super("caching an object failed in this application", cause);
		this.objectKey = (objectKey != null) ? objectKey : "the objects missing from it";
		this.source = source;
	}

	/** The key of the object being cached, or what was being done when there is no single object. */
	String objectKey() {
		return this.objectKey;
	}

	/** Where the object came from: {@code a list} or {@code a watch event}. */
	String source() {
		return this.source;
	}

	@Override
	public synchronized Throwable getCause() {
		return Objects.requireNonNull(super.getCause());
	}

}
