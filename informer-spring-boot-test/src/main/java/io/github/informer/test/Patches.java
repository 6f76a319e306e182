package io.github.informer.test;

import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * The merging patch formats of PATCH requests: JSON merge patch (RFC 7386) and strategic merge patch for the
 * common cases (lists of containers, env, ports, volumes, volume mounts... merged by their merge key,
 * {@code $patch: delete|replace}; other {@code $} directives are ignored; everything else merges like a JSON merge
 * patch).
 */
final class Patches {

	private static final Map<String, String> MERGE_KEYS = Map.ofEntries(Map.entry("containers", "name"),
			Map.entry("initContainers", "name"), Map.entry("ephemeralContainers", "name"),
			Map.entry("volumes", "name"), Map.entry("env", "name"), Map.entry("imagePullSecrets", "name"),
			Map.entry("volumeMounts", "mountPath"), Map.entry("volumeDevices", "devicePath"),
			Map.entry("conditions", "type"), Map.entry("ownerReferences", "uid"), Map.entry("hostAliases", "ip"),
			Map.entry("topologySpreadConstraints", "topologyKey"), Map.entry("resourceClaims", "name"));

	private Patches() {
	}

	static JsonElement merge(JsonElement target, JsonElement patch) {
		if (!patch.isJsonObject()) {
			return patch.deepCopy();
		}
		JsonObject result = (target != null && target.isJsonObject()) ? target.getAsJsonObject().deepCopy()
				: new JsonObject();
		for (Map.Entry<String, JsonElement> entry : patch.getAsJsonObject().entrySet()) {
			if (entry.getValue().isJsonNull()) {
				result.remove(entry.getKey());
			}
			else {
				JsonElement existing = result.get(entry.getKey());
				result.add(entry.getKey(), merge((existing != null) ? existing : JsonNull.INSTANCE, entry.getValue()));
			}
		}
		return result;
	}

	static JsonElement strategic(JsonElement target, JsonElement patch) {
		return strategicValue(null, target, patch);
	}

	private static JsonElement strategicValue(@Nullable String field, @Nullable JsonElement target,
			JsonElement patch) {
		if (patch.isJsonObject()) {
			JsonObject patchObject = patch.getAsJsonObject();
			String directive = Json.string(patchObject, "$patch");
			if ("replace".equals(directive)) {
				JsonObject replaced = patchObject.deepCopy();
				replaced.remove("$patch");
				return withoutDirectives(replaced);
			}
			JsonObject result = (target != null && target.isJsonObject()) ? target.getAsJsonObject().deepCopy()
					: new JsonObject();
			for (Map.Entry<String, JsonElement> entry : patchObject.entrySet()) {
				String key = entry.getKey();
				if (key.startsWith("$")) {
					continue;
				}
				JsonElement value = entry.getValue();
				if (value.isJsonNull()) {
					result.remove(key);
				}
				else {
					result.add(key, strategicValue(key, result.get(key), value));
				}
			}
			return result;
		}
		if (patch.isJsonArray() && field != null && MERGE_KEYS.containsKey(field) && target != null
				&& target.isJsonArray()) {
			return mergeList(target.getAsJsonArray(), patch.getAsJsonArray(), mergeKey(field, patch.getAsJsonArray()));
		}
		if (patch.isJsonArray() && field != null && field.equals("ports") && target != null && target.isJsonArray()) {
			return mergeList(target.getAsJsonArray(), patch.getAsJsonArray(), mergeKey(field, patch.getAsJsonArray()));
		}
		return withoutDirectives(patch.deepCopy());
	}

	private static String mergeKey(String field, JsonArray patch) {
		if (!field.equals("ports")) {
			return MERGE_KEYS.get(field);
		}
		for (JsonElement item : patch) {
			if (item.isJsonObject() && item.getAsJsonObject().has("containerPort")) {
				return "containerPort";
			}
		}
		return "port";
	}

	private static JsonArray mergeList(JsonArray target, JsonArray patch, String key) {
		for (JsonElement item : patch) {
			if (item.isJsonObject() && "replace".equals(Json.string(item.getAsJsonObject(), "$patch"))) {
				JsonArray replaced = new JsonArray();
				for (JsonElement other : patch) {
					if (!(other.isJsonObject() && other.getAsJsonObject().has("$patch"))) {
						replaced.add(withoutDirectives(other.deepCopy()));
					}
				}
				return replaced;
			}
		}
		JsonArray result = target.deepCopy();
		for (JsonElement item : patch) {
			if (!item.isJsonObject() || !item.getAsJsonObject().has(key)) {
				result.add(withoutDirectives(item.deepCopy()));
				continue;
			}
			JsonObject patchItem = item.getAsJsonObject();
			JsonElement id = patchItem.get(key);
			int index = indexOf(result, key, id);
			if ("delete".equals(Json.string(patchItem, "$patch"))) {
				if (index >= 0) {
					result.remove(index);
				}
			}
			else if (index >= 0) {
				result.set(index, strategicValue(null, result.get(index), patchItem));
			}
			else {
				result.add(withoutDirectives(patchItem.deepCopy()));
			}
		}
		return result;
	}

	private static int indexOf(JsonArray array, String key, JsonElement id) {
		for (int i = 0; i < array.size(); i++) {
			JsonElement item = array.get(i);
			if (item.isJsonObject() && sameValue(item.getAsJsonObject().get(key), id)) {
				return i;
			}
		}
		return -1;
	}

	private static boolean sameValue(@Nullable JsonElement a, JsonElement b) {
		if (a == null) {
			return false;
		}
		if (a.isJsonPrimitive() && b.isJsonPrimitive()) {
			return a.getAsString().equals(b.getAsString());
		}
		return a.equals(b);
	}

	private static JsonElement withoutDirectives(JsonElement element) {
		if (element.isJsonObject()) {
			JsonObject object = element.getAsJsonObject();
			object.entrySet().removeIf((entry) -> entry.getKey().startsWith("$"));
			for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
				withoutDirectives(entry.getValue());
			}
		}
		else if (element.isJsonArray()) {
			for (JsonElement item : element.getAsJsonArray()) {
				withoutDirectives(item);
			}
		}
		return element;
	}

}
