package io.github.informer.test;

import java.util.ArrayList;
import java.util.List;

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

	/**
	 * The 504 of a read at a resourceVersion the server has not reached, with the {@code ResourceVersionTooLarge}
	 * cause client-go's reflector looks for (it then lists again without a resourceVersion).
	 */
	static ApiError tooLargeResourceVersion(long requested, long current) {
		JsonObject details = new JsonObject();
		com.google.gson.JsonArray causes = new com.google.gson.JsonArray();
		JsonObject cause = new JsonObject();
		cause.addProperty("reason", "ResourceVersionTooLarge");
		cause.addProperty("message", "Too large resource version");
		causes.add(cause);
		details.add("causes", causes);
		details.addProperty("retryAfterSeconds", 1);
		return new ApiError(504, "Timeout", "Too large resource version: " + requested + ", current: " + current,
				details);
	}

	static ApiError badRequest(String message) {
		return new ApiError(400, "BadRequest", message, null);
	}

	/**
	 * A 422 Invalid as {@code errors.NewInvalid} builds it: {@code Kind.group "name" is invalid: <errors>} with
	 * {@code details.kind} the Kind and one cause per error. {@code errors} are rendered messages
	 * ({@code metadata.name: Required value: why}).
	 */
	static ApiError invalid(ResourceType type, @Nullable String name, String... errors) {
		List<FieldError> parsed = new ArrayList<>();
		for (String error : errors) {
			parsed.add(FieldError.parse(error));
		}
		return invalid(type.group(), type.kind(), name, parsed);
	}

	static ApiError invalid(String group, String kind, @Nullable String name, List<FieldError> errors) {
		JsonObject details = new JsonObject();
		if (name != null && !name.isEmpty()) {
			details.addProperty("name", name);
		}
		if (!group.isEmpty()) {
			details.addProperty("group", group);
		}
		details.addProperty("kind", kind);
		details.add("causes", FieldError.causes(errors));
		String qualifiedKind = group.isEmpty() ? kind : kind + "." + group;
		String message = qualifiedKind + " \"" + ((name != null) ? name : "") + "\" is invalid"
				+ (errors.isEmpty() ? "" : ": " + FieldError.aggregate(errors));
		return new ApiError(422, "Invalid", message, details);
	}

	/** A 422 for list or watch parameters: {@code ListOptions.meta.k8s.io "" is invalid: ...}. */
	static ApiError invalidOptions(String kind, List<FieldError> errors) {
		return invalid("meta.k8s.io", kind, "", errors);
	}

	static ApiError pathNotFound(String path) {
		return new ApiError(404, "NotFound", "the server could not find the requested resource (" + path + ")",
				null);
	}

	static ApiError methodNotAllowed(String method, String path) {
		return new ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource ("
				+ method + " " + path + ")", null);
	}

	/** The patch formats of built-in kinds, in the order kube-apiserver lists them. */
	static final List<String> PATCH_TYPES = List.of("application/json-patch+json", "application/merge-patch+json",
			"application/strategic-merge-patch+json", "application/apply-patch+yaml");

	/** Custom resources take no strategic merge patch (they have no patch strategy schema). */
	static final List<String> CUSTOM_RESOURCE_PATCH_TYPES = List.of("application/json-patch+json",
			"application/merge-patch+json", "application/apply-patch+yaml");

	/** A 415 as {@code negotiation.NewUnsupportedMediaTypeError} words it. */
	static ApiError unsupportedMediaType(List<String> accepted) {
		return new ApiError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted"
				+ " media types include: " + String.join(", ", accepted), null);
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
