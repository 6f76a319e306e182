package io.github.informer.test;

/**
 * A Java-API call on {@link FakeKubernetesApiServer} failed the way the HTTP API would have: the same status code
 * and reason (409 Conflict for a stale resourceVersion, 409 AlreadyExists, 404 NotFound, 422 Invalid...).
 */
public class FakeKubernetesApiException extends IllegalStateException {

	private final int code;

	private final String reason;

	FakeKubernetesApiException(int code, String reason, String message) {
		super(message);
		this.code = code;
		this.reason = reason;
	}

	/** The HTTP status the API would have answered. */
	public int code() {
		return this.code;
	}

	/** The Status reason, e.g. {@code Conflict}, {@code AlreadyExists}, {@code NotFound}. */
	public String reason() {
		return this.reason;
	}

}
