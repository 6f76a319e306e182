package io.github.informer.test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * The merging patch formats of PATCH requests: JSON merge patch (RFC 7386) and strategic merge patch for the
 * common cases (lists of containers, env, ports, volumes, volume mounts... merged by their merge key,
 * {@code $patch: delete|replace}, {@code $setElementOrder} on those lists; other {@code $} directives are ignored;
 * everything else merges like a JSON merge patch).
 */
final class Patches {

	private static final Map<String, String> MERGE_KEYS = Map.ofEntries(Map.entry("containers", "name"),
			Map.entry("initContainers", "name"), Map.entry("ephemeralContainers", "name"),
			Map.entry("volumes", "name"), Map.entry("env", "name"), Map.entry("imagePullSecrets", "name"),
			Map.entry("volumeMounts", "mountPath"), Map.entry("volumeDevices", "devicePath"),
			Map.entry("conditions", "type"), Map.entry("ownerReferences", "uid"), Map.entry("hostAliases", "ip"),
			Map.entry("topologySpreadConstraints", "topologyKey"), Map.entry("resourceClaims", "name"));

	private static final String SET_ELEMENT_ORDER = "$setElementOrder/";

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
			for (Map.Entry<String, JsonElement> entry : patchObject.entrySet()) {
				if (entry.getKey().startsWith(SET_ELEMENT_ORDER) && entry.getValue().isJsonArray()) {
					String key = entry.getKey().substring(SET_ELEMENT_ORDER.length());
					JsonElement merged = result.get(key);
					JsonElement original = (target != null && target.isJsonObject())
							? target.getAsJsonObject().get(key) : null;
					if (merged != null && merged.isJsonArray() && (MERGE_KEYS.containsKey(key) || key.equals("ports"))) {
						JsonArray order = entry.getValue().getAsJsonArray();
						result.add(key, ordered(merged.getAsJsonArray(), order,
								(original != null && original.isJsonArray()) ? original.getAsJsonArray()
										: new JsonArray(), mergeKey(key, order)));
					}
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

	/**
	 * {@code $setElementOrder/<list>}: the merged items the order names follow it, the server-only ones keep their
	 * place relative to them in the live list, as {@code normalizeElementOrder} and {@code mergeSortedSlice} of the
	 * strategic merge patch package arrange them.
	 */
	private static JsonArray ordered(JsonArray merged, JsonArray order, JsonArray original, String key) {
		List<JsonElement> patchItems = new ArrayList<>();
		List<JsonElement> serverOnly = new ArrayList<>();
		for (JsonElement item : merged) {
			JsonElement id = item.isJsonObject() ? item.getAsJsonObject().get(key) : null;
			if (id != null && indexOf(order, key, id) >= 0) {
				patchItems.add(item);
			}
			else {
				serverOnly.add(item);
			}
		}
		patchItems.sort(Comparator.comparingInt((item) -> indexOf(order, key, item.getAsJsonObject().get(key))));
		JsonArray result = new JsonArray();
		int left = 0;
		int right = 0;
		while (left < serverOnly.size() || right < patchItems.size()) {
			if (right >= patchItems.size()) {
				result.add(serverOnly.get(left++));
			}
			else if (left >= serverOnly.size()) {
				result.add(patchItems.get(right++));
			}
			else {
				int l = positionIn(original, key, serverOnly.get(left));
				int r = positionIn(original, key, patchItems.get(right));
				result.add((l >= 0 && r >= 0 && l < r) ? serverOnly.get(left++) : patchItems.get(right++));
			}
		}
		return result;
	}

	private static int positionIn(JsonArray list, String key, JsonElement item) {
		JsonElement id = item.isJsonObject() ? item.getAsJsonObject().get(key) : null;
		return (id != null) ? indexOf(list, key, id) : -1;
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
