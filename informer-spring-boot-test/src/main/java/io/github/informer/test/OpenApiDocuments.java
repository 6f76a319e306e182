package io.github.informer.test;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * The smallest OpenAPI v3 documents kubectl needs: an index of group versions and, per group version, the PATCH
 * operation of each resource declaring the {@code fieldValidation} parameter. With them kubectl leaves validation
 * to the server (which accepts and ignores it) instead of downloading full schemas, and builds strategic merge
 * patches for built-in kinds from its own types. No schemas are served.
 */
final class OpenApiDocuments {

	private final ResourceTypes types;

	OpenApiDocuments(ResourceTypes types) {
		this.types = types;
	}

	JsonObject index() {
		JsonObject paths = new JsonObject();
		for (ResourceType type : this.types.all()) {
			String groupVersion = type.group().isEmpty() ? "api/" + type.version()
					: "apis/" + type.group() + "/" + type.version();
			if (!paths.has(groupVersion)) {
				JsonObject entry = new JsonObject();
				entry.addProperty("serverRelativeURL", "/openapi/v3/" + groupVersion + "?hash=" + hash());
				paths.add(groupVersion, entry);
			}
		}
		JsonObject index = new JsonObject();
		index.add("paths", paths);
		return index;
	}

	private String hash() {
		return Integer.toHexString(this.types.all().hashCode()).toUpperCase(java.util.Locale.ROOT);
	}

	/** The document of {@code api/v1} or {@code apis/{group}/{version}}, or null when nothing is served there. */
	@Nullable JsonObject groupVersion(String group, String version) {
		JsonObject paths = new JsonObject();
		for (ResourceType type : this.types.all()) {
			if (type.group().equals(group) && type.version().equals(version)) {
				String prefix = (group.isEmpty() ? "/api/" : "/apis/" + group + "/") + version
						+ (type.namespaced() ? "/namespaces/{namespace}/" : "/") + type.plural() + "/{name}";
				JsonObject item = new JsonObject();
				item.add("patch", patch(type));
				paths.add(prefix, item);
			}
		}
		if (paths.size() == 0) {
			return null;
		}
		JsonObject info = new JsonObject();
		info.addProperty("title", "Kubernetes");
		info.addProperty("version", "v1.32.0");
		JsonObject document = new JsonObject();
		document.addProperty("openapi", "3.0.0");
		document.add("info", info);
		document.add("paths", paths);
		JsonObject components = new JsonObject();
		components.add("schemas", new JsonObject());
		document.add("components", components);
		return document;
	}

	private static JsonObject patch(ResourceType type) {
		JsonObject gvk = new JsonObject();
		gvk.addProperty("group", type.group());
		gvk.addProperty("version", type.version());
		gvk.addProperty("kind", type.kind());
		JsonObject parameter = new JsonObject();
		parameter.addProperty("name", "fieldValidation");
		parameter.addProperty("in", "query");
		parameter.addProperty("description", "accepted and ignored by FakeKubernetesApiServer");
		JsonObject schema = new JsonObject();
		schema.addProperty("type", "string");
		parameter.add("schema", schema);
		JsonArray parameters = new JsonArray();
		parameters.add(parameter);
		JsonObject ok = new JsonObject();
		ok.addProperty("description", "OK");
		JsonObject responses = new JsonObject();
		responses.add("200", ok);
		JsonObject operation = new JsonObject();
		operation.addProperty("operationId", "patch" + type.kind());
		operation.add("parameters", parameters);
		operation.add("responses", responses);
		operation.addProperty("x-kubernetes-action", "patch");
		operation.add("x-kubernetes-group-version-kind", gvk);
		return operation;
	}

}
