package io.github.informer.test;

import org.jspecify.annotations.Nullable;

/**
 * A failure to inject into the next matching requests: {@code RequestFailure.status(429).times(3)
 * .retryAfterSeconds(1).resource("pods").namespace("web").verb("list")}. Filters left unset match every request.
 *
 * @param status HTTP status to answer with (a Status object with the matching reason is the body)
 * @param times how many matching requests fail
 * @param retryAfterSeconds value of the {@code Retry-After} header, or null for none
 * @param resource resource (plural, e.g. {@code pods}) to match, or null for any request
 * @param namespace namespace to match, or null for any
 * @param verb Kubernetes verb to match ({@code get, list, watch, create, update, patch, delete,
 * deletecollection}), or null for any
 */
public record RequestFailure(int status, int times, @Nullable Integer retryAfterSeconds, @Nullable String resource,
		@Nullable String namespace, @Nullable String verb) {

	public RequestFailure {
		if (status < 400 || status > 599) {
			throw new IllegalArgumentException("RequestFailure.status must be an HTTP error status (400-599), got "
					+ status);
		}
		if (times < 1) {
			throw new IllegalArgumentException("RequestFailure.times must be at least 1, got " + times);
		}
	}

	/** One failing request with the given status; narrow it with the other methods. */
	public static RequestFailure status(int status) {
		return new RequestFailure(status, 1, (status == 429) ? 1 : null, null, null, null);
	}

	public RequestFailure times(int times) {
		return new RequestFailure(this.status, times, this.retryAfterSeconds, this.resource, this.namespace, this.verb);
	}

	public RequestFailure retryAfterSeconds(int seconds) {
		return new RequestFailure(this.status, this.times, seconds, this.resource, this.namespace, this.verb);
	}

	public RequestFailure resource(String resource) {
		return new RequestFailure(this.status, this.times, this.retryAfterSeconds, resource, this.namespace, this.verb);
	}

	public RequestFailure namespace(String namespace) {
		return new RequestFailure(this.status, this.times, this.retryAfterSeconds, this.resource, namespace, this.verb);
	}

	public RequestFailure verb(String verb) {
		return new RequestFailure(this.status, this.times, this.retryAfterSeconds, this.resource, this.namespace, verb);
	}

	boolean matches(@Nullable String resource, @Nullable String namespace, @Nullable String verb) {
		return (this.resource == null || this.resource.equals(resource))
				&& (this.namespace == null || this.namespace.equals(namespace))
				&& (this.verb == null || this.verb.equals(verb));
	}

}
