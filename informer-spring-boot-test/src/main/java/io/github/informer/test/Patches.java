package io.github.informer.test;

import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import org.jspecify.annotations.Nullable;

/**
 * The three patch formats of PATCH requests: JSON merge patch (RFC 7386), JSON patch (RFC 6902), and strategic
 * merge patch for the common cases (lists of containers, env, ports, volumes, volume mounts... merged by their
 * merge key, {@code $patch: delete|replace}; other {@code $} directives are ignored; everything else merges like a
 * JSON merge patch).
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

	/** Applies an RFC 6902 JSON patch; a failing operation (including {@code test}) is a 422. */
	static JsonElement jsonPatch(JsonElement target, JsonElement patch) {
		if (!patch.isJsonArray()) {
			throw ApiError.badRequest("a JSON patch must be an array of operations");
		}
		JsonElement document = target.deepCopy();
		for (JsonElement operation : patch.getAsJsonArray()) {
			if (!operation.isJsonObject()) {
				throw ApiError.badRequest("a JSON patch operation must be an object: " + operation);
			}
			document = apply(document, operation.getAsJsonObject());
		}
		return document;
	}

	private static JsonElement apply(JsonElement document, JsonObject operation) {
		String op = Json.string(operation, "op");
		String path = Json.string(operation, "path");
		if (op == null || path == null) {
			throw ApiError.badRequest("a JSON patch operation needs \"op\" and \"path\": " + operation);
		}
		return switch (op) {
			case "add" -> add(document, path, required(operation, "value"));
			case "remove" -> {
				remove(document, path);
				yield document;
			}
			case "replace" -> {
				// like kube-apiserver's json-patch (v4): replacing a missing object member adds it
				JsonElement parent = parentOf(document, tokens(path), path);
				if (!parent.isJsonObject()) {
					remove(document, path);
				}
				yield add(document, path, required(operation, "value"));
			}
			case "move" -> {
				String from = fromOf(operation);
				JsonElement value = get(document, from);
				remove(document, from);
				yield add(document, path, value);
			}
			case "copy" -> add(document, path, get(document, fromOf(operation)).deepCopy());
			case "test" -> {
				if (!get(document, path).equals(required(operation, "value"))) {
					throw new ApiError(422, "Invalid", "the JSON patch test operation failed at " + path, null);
				}
				yield document;
			}
			default -> throw ApiError.badRequest("unknown JSON patch operation \"" + op + "\"");
		};
	}

	private static String fromOf(JsonObject operation) {
		String from = Json.string(operation, "from");
		if (from == null) {
			throw ApiError.badRequest("a JSON patch " + Json.string(operation, "op") + " needs \"from\"");
		}
		return from;
	}

	private static JsonElement required(JsonObject operation, String member) {
		JsonElement value = operation.get(member);
		if (value == null) {
			throw ApiError.badRequest("a JSON patch " + Json.string(operation, "op") + " needs \"" + member + "\"");
		}
		return value.deepCopy();
	}

	private static String[] tokens(String path) {
		if (path.isEmpty()) {
			return new String[0];
		}
		if (!path.startsWith("/")) {
			throw ApiError.badRequest("a JSON pointer must start with '/': " + path);
		}
		String[] tokens = path.substring(1).split("/", -1);
		for (int i = 0; i < tokens.length; i++) {
			tokens[i] = tokens[i].replace("~1", "/").replace("~0", "~");
		}
		return tokens;
	}

	private static JsonElement get(JsonElement document, String path) {
		JsonElement current = document;
		for (String token : tokens(path)) {
			current = child(current, token, path);
		}
		return current;
	}

	private static JsonElement child(JsonElement parent, String token, String path) {
		JsonElement child = null;
		if (parent.isJsonObject()) {
			child = parent.getAsJsonObject().get(token);
		}
		else if (parent.isJsonArray()) {
			int index = index(token, parent.getAsJsonArray().size() - 1, path);
			child = parent.getAsJsonArray().get(index);
		}
		if (child == null) {
			throw new ApiError(422, "Invalid", "the JSON patch path " + path + " does not exist", null);
		}
		return child;
	}

	private static JsonElement add(JsonElement document, String path, JsonElement value) {
		String[] tokens = tokens(path);
		if (tokens.length == 0) {
			return value;
		}
		JsonElement parent = parentOf(document, tokens, path);
		String last = tokens[tokens.length - 1];
		if (parent.isJsonObject()) {
			parent.getAsJsonObject().add(last, value);
		}
		else if (parent.isJsonArray()) {
			JsonArray array = parent.getAsJsonArray();
			if (last.equals("-")) {
				array.add(value);
			}
			else {
				insert(array, index(last, array.size(), path), value);
			}
		}
		else {
			throw new ApiError(422, "Invalid", "the JSON patch path " + path + " does not exist", null);
		}
		return document;
	}

	private static void insert(JsonArray array, int index, JsonElement value) {
		array.add(JsonNull.INSTANCE);
		for (int i = array.size() - 1; i > index; i--) {
			array.set(i, array.get(i - 1));
		}
		array.set(index, value);
	}

	private static void remove(JsonElement document, String path) {
		String[] tokens = tokens(path);
		if (tokens.length == 0) {
			throw ApiError.badRequest("a JSON patch cannot remove the whole document");
		}
		JsonElement parent = parentOf(document, tokens, path);
		String last = tokens[tokens.length - 1];
		if (parent.isJsonObject() && parent.getAsJsonObject().has(last)) {
			parent.getAsJsonObject().remove(last);
		}
		else if (parent.isJsonArray()) {
			parent.getAsJsonArray().remove(index(last, parent.getAsJsonArray().size() - 1, path));
		}
		else {
			throw new ApiError(422, "Invalid", "the JSON patch path " + path + " does not exist", null);
		}
	}

	private static JsonElement parentOf(JsonElement document, String[] tokens, String path) {
		JsonElement current = document;
		for (int i = 0; i < tokens.length - 1; i++) {
			current = child(current, tokens[i], path);
		}
		return current;
	}

	private static int index(String token, int max, String path) {
		try {
			int index = Integer.parseInt(token);
			if (index < 0 || index > max) {
				throw new NumberFormatException();
			}
			return index;
		}
		catch (NumberFormatException ex) {
			throw new ApiError(422, "Invalid", "the JSON patch path " + path + " has an invalid array index", null);
		}
	}

}
