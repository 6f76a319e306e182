package io.github.informer.test;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A fault in the body of the next matching responses, after a successful status line: what a half-open connection,
 * an overloaded API server or a broken proxy looks like to a client, as opposed to the error statuses of
 * {@link RequestFailure}. {@code ResponseFault.stall(Duration.ofMinutes(1)).verb("list")},
 * {@code ResponseFault.watchErrorEvent(500).times(3)}, {@code ResponseFault.emptyWatch().namespace("web")},
 * {@code ResponseFault.oneWatchEventThenClose().times(100)}. Filters left unset match every request (watch faults
 * only ever match watches).
 *
 * @param kind what goes wrong
 * @param code the {@code Status} code of a {@link Kind#WATCH_ERROR_EVENT} ({@code 0} for the other kinds)
 * @param stall how long a {@link Kind#STALL} stops writing ({@link Duration#ZERO} for the other kinds)
 * @param times how many matching requests get the fault
 * @param resource resource (plural, e.g. {@code pods}) to match, or null for any request
 * @param namespace namespace to match, or null for any
 * @param verb Kubernetes verb to match ({@code get, list, watch, ...}), or null for any
 * @param path exact request path to match ({@code /api/v1} for discovery), or null for any
 */
public record ResponseFault(Kind kind, int code, Duration stall, int times, @Nullable String resource,
		@Nullable String namespace, @Nullable String verb, @Nullable String path) {

	/** What goes wrong in the response. */
	public enum Kind {

		/** Status line, headers and half of the body are sent; then nothing for {@code stall}, then the rest. */
		STALL,

		/** A watch answers 200 with one {@code ERROR} event carrying a {@code Status} of {@code code}, then ends. */
		WATCH_ERROR_EVENT,

		/** A watch answers 200 and ends at once with an empty body. */
		WATCH_EMPTY,

		/**
		 * A watch answers 200, sends its first event and ends; with nothing to send at once, that event is a BOOKMARK
		 * at the current resourceVersion (when the client allows bookmarks).
		 */
		WATCH_ONE_EVENT

	}

	public ResponseFault {
		if (times < 1) {
			throw new IllegalArgumentException("ResponseFault.times must be at least 1, got " + times);
		}
		if (kind == Kind.STALL && (stall.isNegative() || stall.isZero())) {
			throw new IllegalArgumentException("ResponseFault.stall needs a positive duration, got " + stall);
		}
		if (kind == Kind.WATCH_ERROR_EVENT && (code < 100 || code > 599)) {
			throw new IllegalArgumentException("ResponseFault.watchErrorEvent needs an HTTP status code (100-599), got "
					+ code);
		}
	}

	/** The next response (of any request) stops writing half-way through its body for {@code duration}. */
	public static ResponseFault stall(Duration duration) {
		return new ResponseFault(Kind.STALL, 0, duration, 1, null, null, null, null);
	}

	/** The next watch gets one {@code ERROR} event with a {@code Status} of this code (410: Expired), then ends. */
	public static ResponseFault watchErrorEvent(int code) {
		return new ResponseFault(Kind.WATCH_ERROR_EVENT, code, Duration.ZERO, 1, null, null, "watch", null);
	}

	/** The next watch answers 200 with an empty body. */
	public static ResponseFault emptyWatch() {
		return new ResponseFault(Kind.WATCH_EMPTY, 0, Duration.ZERO, 1, null, null, "watch", null);
	}

	/** The next watch ends right after its first event (a BOOKMARK if no change is waiting). */
	public static ResponseFault oneWatchEventThenClose() {
		return new ResponseFault(Kind.WATCH_ONE_EVENT, 0, Duration.ZERO, 1, null, null, "watch", null);
	}

	public ResponseFault times(int times) {
		return new ResponseFault(this.kind, this.code, this.stall, times, this.resource, this.namespace, this.verb,
				this.path);
	}

	public ResponseFault resource(String resource) {
		return new ResponseFault(this.kind, this.code, this.stall, this.times, resource, this.namespace, this.verb,
				this.path);
	}

	public ResponseFault namespace(String namespace) {
		return new ResponseFault(this.kind, this.code, this.stall, this.times, this.resource, namespace, this.verb,
				this.path);
	}

	/** Match one verb; watch faults always match {@code watch} only. */
	public ResponseFault verb(String verb) {
		if (this.kind != Kind.STALL && !"watch".equals(verb)) {
			throw new IllegalArgumentException(
					"ResponseFault." + this.kind + " applies to watches only, not to " + verb);
		}
		return new ResponseFault(this.kind, this.code, this.stall, this.times, this.resource, this.namespace, verb,
				this.path);
	}

	public ResponseFault path(String path) {
		return new ResponseFault(this.kind, this.code, this.stall, this.times, this.resource, this.namespace, this.verb,
				path);
	}

	boolean matches(@Nullable String resource, @Nullable String namespace, @Nullable String verb, String path) {
		return (this.resource == null || this.resource.equals(resource))
				&& (this.namespace == null || this.namespace.equals(namespace))
				&& (this.verb == null || this.verb.equals(verb)) && (this.path == null || this.path.equals(path));
	}

}
