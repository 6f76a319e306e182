package io.github.informer.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;

/**
 * The {@code scale} subresource ({@code kubectl scale}, {@code kubectl autoscale}, the HPA's client): an
 * autoscaling/v1 Scale read from and written to the object's replica paths, for deployments, statefulsets,
 * replicasets, replicationcontrollers and custom resources whose definition declares {@code subresources.scale}.
 * GET reads it; PUT, and PATCH (merge, JSON or strategic merge patch of the Scale), change only the object's
 * desired replicas, with the Scale's resourceVersion as a precondition (409 when stale).
 */
final class ScaleSubresource {

	/** The Scale kind, for decoding bodies and naming it in errors. */
	static final ResourceType SCALE = new ResourceType("autoscaling", "v1", "Scale", "scale", true, List.of(), false,
			false);

	private final ObjectStore store;

	private final ResourceFeatures features;

	private final BodyReader bodies;

	ScaleSubresource(ObjectStore store, ResourceFeatures features, BodyReader bodies) {
		this.store = store;
		this.features = features;
		this.bodies = bodies;
	}

	boolean serves(ResourceType type) {
		return this.features.scale(type) != null;
	}

	void respond(HttpExchange exchange, Response response, ResourceType type, ApiRoute route, String verb,
			ApiOperations operations) throws IOException {
		ResourceFeatures.ScalePaths paths = this.features.scale(type);
		StoredObject current = this.store.get(type, type.namespaced() ? route.namespace() : null, route.name());
		if (current == null) {
			throw ApiError.notFound(type, route.name());
		}
		switch (verb) {
			case "get" -> response.json(200, scale(current.parse(), paths));
			case "update" -> response.json(200,
					write(type, route, paths, this.bodies.read(exchange, SCALE), operations));
			case "patch" -> {
				JsonObject patched = patch(exchange, scale(current.parse(), paths));
				response.json(200, write(type, route, paths, patched, operations));
			}
			default -> throw ApiError.methodNotAllowed(exchange.getRequestMethod(), route.plural() + "/scale");
		}
	}

	private static JsonObject patch(HttpExchange exchange, JsonObject scale) throws IOException {
		String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
		String mediaType = (contentType != null) ? contentType.split(";")[0].trim() : "";
		JsonElement patch;
		try {
			patch = JsonParser.parseString(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (JsonParseException ex) {
			throw ApiError.badRequest("the patch is not valid JSON: " + ex.getMessage());
		}
		JsonElement patched = switch (mediaType) {
			case "application/merge-patch+json" -> Patches.merge(scale, patch);
			case "application/strategic-merge-patch+json" -> Patches.strategic(scale, patch);
			case "application/json-patch+json" -> JsonPatch.apply(scale, patch);
			default -> throw ApiError.unsupportedMediaType(ApiError.PATCH_TYPES);
		};
		if (!patched.isJsonObject()) {
			throw ApiError.badRequest("the patched Scale is not a JSON object");
		}
		return patched.getAsJsonObject();
	}

	/** Sets the object's desired replicas from a Scale and answers the Scale of the result. */
	private JsonObject write(ResourceType type, ApiRoute route, ResourceFeatures.ScalePaths paths, JsonObject scale,
			ApiOperations operations) {
		JsonObject spec = Json.object(scale, "spec");
		JsonElement replicas = (spec != null) ? spec.get("replicas") : null;
		long value = (replicas != null && replicas.isJsonPrimitive()) ? replicas.getAsLong() : 0;
		if (value < 0) {
			throw ApiError.invalid(SCALE, route.name(), "spec.replicas: Invalid value: " + value
					+ ": must be greater than or equal to 0");
		}
		JsonObject change = new JsonObject();
		String resourceVersion = Json.string(Json.metadata(scale), "resourceVersion");
		if (resourceVersion != null && !resourceVersion.isEmpty()) {
			JsonObject metadata = new JsonObject();
			metadata.addProperty("resourceVersion", resourceVersion);
			change.add("metadata", metadata);
		}
		set(change, paths.specReplicas(), value);
		StoredObject written = operations.patch(type, route.namespace(), route.name(), ApiOperations.PatchType.MERGE,
				change, false);
		return scale(written.parse(), paths);
	}

	/** The autoscaling/v1 Scale of an object, as kube-apiserver derives it. */
	static JsonObject scale(JsonObject object, ResourceFeatures.ScalePaths paths) {
		JsonObject scale = new JsonObject();
		scale.addProperty("kind", "Scale");
		scale.addProperty("apiVersion", "autoscaling/v1");
		JsonObject source = Json.metadata(object);
		JsonObject metadata = new JsonObject();
		for (String member : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
			if (source.has(member)) {
				metadata.add(member, source.get(member));
			}
		}
		scale.add("metadata", metadata);
		JsonObject spec = new JsonObject();
		List<JsonElement> desired = JsonPaths.find(object, paths.specReplicas());
		long replicas = (!desired.isEmpty() && JsonPaths.isNumber(desired.get(0))) ? desired.get(0).getAsLong()
				: paths.builtIn() ? 1 : 0;
		spec.addProperty("replicas", replicas);
		scale.add("spec", spec);
		JsonObject status = new JsonObject();
		List<JsonElement> observed = JsonPaths.find(object, paths.statusReplicas());
		status.addProperty("replicas",
				(!observed.isEmpty() && JsonPaths.isNumber(observed.get(0))) ? observed.get(0).getAsLong() : 0);
		String selector = selector(object, paths);
		if (!selector.isEmpty()) {
			status.addProperty("selector", selector);
		}
		scale.add("status", status);
		return scale;
	}

	private static String selector(JsonObject object, ResourceFeatures.ScalePaths paths) {
		if (paths.labelSelector() == null) {
			return "";
		}
		List<JsonElement> found = JsonPaths.find(object, paths.labelSelector());
		if (found.isEmpty() || !found.get(0).isJsonObject() && !found.get(0).isJsonPrimitive()) {
			return "";
		}
		JsonElement value = found.get(0);
		if (value.isJsonPrimitive()) {
			return value.getAsString();
		}
		if (paths.selector() == ResourceFeatures.Selector.LABEL_SELECTOR) {
			return TableColumns.selectorString(value.getAsJsonObject());
		}
		JsonObject matchLabels = new JsonObject();
		matchLabels.add("matchLabels", value);
		return TableColumns.selectorString(matchLabels);
	}

	/** Puts a value at a simple dotted path ({@code .spec.replicas}), creating the objects on the way. */
	private static void set(JsonObject root, String path, long value) {
		String[] parts = path.replaceFirst("^\\.", "").split("\\.");
		JsonObject current = root;
		for (int i = 0; i < parts.length - 1; i++) {
			JsonObject next = Json.object(current, parts[i]);
			if (next == null) {
				next = new JsonObject();
				current.add(parts[i], next);
			}
			current = next;
		}
		current.addProperty(parts[parts.length - 1], value);
	}

}
