package io.github.informer.test;

import com.google.gson.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * A failed API call, rendered as the {@code Status} object kube-apiserver sends so that client-java's
 * {@code ApiException} and kubectl show it as they would for a real cluster.
 */
final class ApiError extends RuntimeException {

	private final int code;

	private final String reason;

	private final @Nullable JsonObject details;

	ApiError(int code, String reason, String message, @Nullable JsonObject details) {
		super(message);
		this.code = code;
		this.reason = reason;
		this.details = details;
	}

	int code() {
		return this.code;
	}

	String reason() {
		return this.reason;
	}

	JsonObject toStatus() {
		JsonObject status = new JsonObject();
		status.addProperty("kind", "Status");
		status.addProperty("apiVersion", "v1");
		status.add("metadata", new JsonObject());
		status.addProperty("status", "Failure");
		status.addProperty("message", getMessage());
		status.addProperty("reason", this.reason);
		if (this.details != null) {
			status.add("details", this.details);
		}
		status.addProperty("code", this.code);
		return status;
	}

	static JsonObject details(@Nullable String name, ResourceType type) {
		JsonObject details = new JsonObject();
		if (name != null) {
			details.addProperty("name", name);
		}
		if (!type.group().isEmpty()) {
			details.addProperty("group", type.group());
		}
		details.addProperty("kind", type.plural());
		return details;
	}

	static ApiError notFound(ResourceType type, String name) {
		return new ApiError(404, "NotFound", type.groupResource() + " \"" + name + "\" not found", details(name, type));
	}

	static ApiError alreadyExists(ResourceType type, String name) {
		return new ApiError(409, "AlreadyExists", type.groupResource() + " \"" + name + "\" already exists",
				details(name, type));
	}

	static ApiError conflict(ResourceType type, String name, String why) {
		return new ApiError(409, "Conflict",
				"Operation cannot be fulfilled on " + type.groupResource() + " \"" + name + "\": " + why,
				details(name, type));
	}

	static ApiError expired(String message) {
		return new ApiError(410, "Expired", message, null);
	}

	static ApiError badRequest(String message) {
		return new ApiError(400, "BadRequest", message, null);
	}

	static ApiError invalid(ResourceType type, @Nullable String name, String message) {
		return new ApiError(422, "Invalid", type.kind() + " \"" + (name != null ? name : "") + "\" is invalid: "
				+ message, details(name, type));
	}

	static ApiError pathNotFound(String path) {
		return new ApiError(404, "NotFound", "the server could not find the requested resource (" + path + ")",
				null);
	}

	static ApiError methodNotAllowed(String method, String path) {
		return new ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource ("
				+ method + " " + path + ")", null);
	}

	static ApiError unsupportedMediaType(String contentType) {
		return new ApiError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted"
				+ " media types include: application/json-patch+json, application/merge-patch+json,"
				+ " application/apply-patch+yaml, application/strategic-merge-patch+json (got " + contentType + ")",
				null);
	}

	/** The reason kube-apiserver puts in a Status for an HTTP code, for injected failures. */
	static String reasonFor(int code) {
		return switch (code) {
			case 400 -> "BadRequest";
			case 401 -> "Unauthorized";
			case 403 -> "Forbidden";
			case 404 -> "NotFound";
			case 405 -> "MethodNotAllowed";
			case 409 -> "Conflict";
			case 410 -> "Expired";
			case 422 -> "Invalid";
			case 429 -> "TooManyRequests";
			case 503 -> "ServiceUnavailable";
			case 504 -> "Timeout";
			default -> "InternalError";
		};
	}

}
