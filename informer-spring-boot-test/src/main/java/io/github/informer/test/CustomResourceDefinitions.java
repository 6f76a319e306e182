package io.github.informer.test;

import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/** Reads a CustomResourceDefinition into the resources it serves and marks it established, as kube-apiserver does. */
final class CustomResourceDefinitions {

	private CustomResourceDefinitions() {
	}

	static List<ResourceType> resourceTypes(JsonObject definition) {
		JsonObject spec = Json.object(definition, "spec");
		List<ResourceType> types = new ArrayList<>();
		if (spec == null) {
			return types;
		}
		JsonObject names = Json.object(spec, "names");
		String group = Json.string(spec, "group");
		if (names == null || group == null) {
			return types;
		}
		String plural = Json.string(names, "plural");
		String kind = Json.string(names, "kind");
		if (plural == null || kind == null) {
			return types;
		}
		boolean namespaced = !"Cluster".equals(Json.string(spec, "scope"));
		List<String> shortNames = new ArrayList<>();
		JsonElement shorts = names.get("shortNames");
		if (shorts != null && shorts.isJsonArray()) {
			shorts.getAsJsonArray().forEach((name) -> shortNames.add(name.getAsString()));
		}
		JsonElement versions = spec.get("versions");
		if (versions != null && versions.isJsonArray()) {
			for (JsonElement element : versions.getAsJsonArray()) {
				JsonObject version = element.getAsJsonObject();
				JsonElement served = version.get("served");
				if (served == null || served.getAsBoolean()) {
					JsonObject subresources = Json.object(version, "subresources");
					boolean status = subresources != null && subresources.has("status");
					types.add(new ResourceType(group, Json.string(version, "name"), kind, plural, namespaced,
							List.copyOf(shortNames), status, false));
				}
			}
		}
		return types;
	}

	/** Sets the status a real API server reports once a definition is accepted. */
	static void accept(JsonObject definition) {
		JsonObject status = new JsonObject();
		JsonArray conditions = new JsonArray();
		conditions.add(condition("NamesAccepted", "NoConflicts"));
		conditions.add(condition("Established", "InitialNamesAccepted"));
		status.add("conditions", conditions);
		JsonObject spec = Json.object(definition, "spec");
		JsonObject names = (spec != null) ? Json.object(spec, "names") : null;
		status.add("acceptedNames", (names != null) ? names.deepCopy() : new JsonObject());
		JsonArray storedVersions = new JsonArray();
		for (ResourceType type : resourceTypes(definition)) {
			storedVersions.add(type.version());
		}
		status.add("storedVersions", storedVersions);
		definition.add("status", status);
	}

	private static JsonObject condition(String type, String reason) {
		JsonObject condition = new JsonObject();
		condition.addProperty("type", type);
		condition.addProperty("status", "True");
		condition.addProperty("lastTransitionTime", java.time.Instant.now().truncatedTo(
				java.time.temporal.ChronoUnit.SECONDS).toString());
		condition.addProperty("reason", reason);
		condition.addProperty("message", "accepted by FakeKubernetesApiServer");
		return condition;
	}

}
