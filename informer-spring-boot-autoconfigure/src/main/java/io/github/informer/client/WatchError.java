package io.github.informer.client;

import java.net.SocketTimeoutException;
import java.time.Instant;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Status;
import org.jspecify.annotations.Nullable;

/**
 * The last failure of a list/watch loop, as shown by the endpoint and health: what was requested and what the API
 * server (or the network) answered. The translation of a loop's failure into one lives here too ({@link #of}), so the
 * loop itself only decides what to do next.
 *
 * @param at when it happened
 * @param verb {@code list}, {@code watch}, {@code watch-list} or {@code discovery}
 * @param resource the resource plural, with its group when not core ({@code deployments.apps})
 * @param namespace the namespace, {@code null} for all namespaces or a cluster-scoped resource
 * @param code the HTTP status, {@code 0} when no response was received
 * @param reason the Kubernetes {@code Status} reason ({@code Forbidden}, {@code Expired}) or the exception type
 * @param message the Kubernetes {@code Status} message or the exception message
 */
public record WatchError(Instant at, String verb, String resource, @Nullable String namespace, int code, String reason,
		String message) {

	/**
	 * A one-line description for logs and health details.
	 * @return the description
	 */
	public String describe() {
		String where = (this.namespace != null) ? " in namespace " + this.namespace : "";
		String status = (this.code != 0) ? this.code + " " + this.reason : this.reason;
		return this.verb + " " + this.resource + where + " failed: " + status + ": " + this.message;
	}

	/**
	 * Describe a failure of a loop: an API server's {@code Status} (reason, message) when there was a response, this
	 * application's code and the object being cached for a {@link LocalFailureException}, the exception and the API
	 * server's URL otherwise.
	 * @param failure what the loop caught, unwrapped with {@link #unwrap}
	 * @param verb what the loop was doing: {@code list}, {@code watch}, {@code watch-list} or {@code discovery}
	 * @param source the loop's lister/watcher (resource, namespace, URL, read timeout)
	 */
	static WatchError of(Throwable failure, String verb, KubernetesListerWatcher<?> source) {
		String resource = source.resource().resourceName();
		String namespace = source.namespace();
		Instant now = Instant.now();
		if (failure instanceof ApiException api && api.getCode() > 0) {
			String reason = "";
			String message = apiMessage(api);
			V1Status status = parseStatus(api.getResponseBody());
			if (status != null) {
				reason = (status.getReason() != null) ? status.getReason() : "";
				message = (status.getMessage() != null) ? status.getMessage() : message;
			}
			if (message == null || message.isEmpty()) {
				message = "HTTP " + api.getCode();
			}
			if (reason.isEmpty()) {
				reason = reasonOf(api.getCode());
			}
			return new WatchError(now, (api instanceof DiscoveryException) ? "discovery" : verb, resource, namespace,
					api.getCode(), reason, message);
		}
		if (failure instanceof LocalFailureException local) {
			Throwable cause = local.getCause();
			return new WatchError(now, "cache", resource, namespace, 0, cause.getClass().getSimpleName(),
					messageOf(cause) + " (caching " + local.objectKey() + " from " + local.source() + "; thrown by "
							+ origin(cause) + " in this application, not by the API server)");
		}
		String message = messageOf(failure);
		if (failure instanceof SocketTimeoutException && !verb.startsWith("watch")
				&& ("timeout".equals(message) || "Read timed out".equals(message))) {
			message = "no data for " + source.readTimeout().toMillis()
					+ " ms (kubernetes.informers.client.read-timeout), the response stalled";
		}
		String reason = (failure instanceof WatchEndedException) ? "WatchEnded"
				: (failure instanceof WatchListIncompleteException) ? "InitialEventsIncomplete"
						: failure.getClass().getSimpleName();
		return new WatchError(now, verb, resource, namespace, 0, reason,
				message + " (API server " + source.basePath() + ")");
	}

	/**
	 * Describe a failure whose description itself failed (its {@code getMessage()} throws, or memory ran out again)
	 * without calling into it.
	 */
	static WatchError undescribed(Throwable failure, Throwable describing, String verb,
			KubernetesListerWatcher<?> source) {
		Throwable cause = (failure instanceof LocalFailureException local) ? local.getCause() : failure;
		return new WatchError(Instant.now(), (failure instanceof LocalFailureException) ? "cache" : verb,
				source.resource().resourceName(), source.namespace(), 0, cause.getClass().getSimpleName(),
				"a " + cause.getClass().getName() + " that could not be described (" + describing.getClass().getName()
						+ " while describing it)");
	}

	/** The loop's thread ended while it was meant to run. */
	static WatchError loopEnded(KubernetesListerWatcher<?> source) {
		return new WatchError(Instant.now(), "watch", source.resource().resourceName(), source.namespace(), 0,
				"LoopEnded", "the list/watch loop ended unexpectedly; the cache no longer follows the server");
	}

	/**
	 * Unwrap client-java's wrappers of I/O failures (an {@link ApiException} without status, the
	 * {@code RuntimeException} a watch throws from {@code hasNext}) to the I/O failure itself.
	 */
	static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while (current.getCause() != null && current.getCause() != current
				&& (current instanceof ApiException api && api.getCode() == 0
						|| !(current instanceof ApiException) && current instanceof RuntimeException)) {
			current = current.getCause();
		}
		return current;
	}

	private static String messageOf(Throwable failure) {
		String message = failure.getMessage();
		return (message != null && !message.isEmpty()) ? message : failure.getClass().getName();
	}

	/** Where a local failure was thrown: the first frame outside the JDK, so the user's transform or index shows. */
	private static String origin(Throwable failure) {
		StackTraceElement[] frames = failure.getStackTrace();
		for (StackTraceElement frame : frames) {
			String type = frame.getClassName();
			if (!type.startsWith("java.") && !type.startsWith("jdk.") && !type.startsWith("sun.")) {
				return frame.toString();
			}
		}
		return (frames.length > 0) ? frames[0].toString() : "unknown code";
	}

	private static String reasonOf(int code) {
		return switch (code) {
			case 400 -> "BadRequest";
			case 401 -> "Unauthorized";
			case 403 -> "Forbidden";
			case 404 -> "NotFound";
			case 409 -> "Conflict";
			case 410 -> "Expired";
			case 429 -> "TooManyRequests";
			case 500 -> "InternalError";
			case 503 -> "ServiceUnavailable";
			case 504 -> "Timeout";
			default -> "HTTP" + code;
		};
	}

	/** The message an {@link ApiException} was made with, without the status, body and headers it appends. */
	private static @Nullable String apiMessage(ApiException ex) {
		String message = ex.getMessage();
		if (message != null && message.startsWith("Message: ")) {
			int end = message.indexOf('\n');
			message = message.substring("Message: ".length(), (end > 0) ? end : message.length()).strip();
		}
		return "null".equals(message) ? null : message;
	}

	private static @Nullable V1Status parseStatus(@Nullable String body) {
		if (body == null || body.isBlank() || !body.trim().startsWith("{")) {
			return null;
		}
		try {
			return JSON.deserialize(body, V1Status.class);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
