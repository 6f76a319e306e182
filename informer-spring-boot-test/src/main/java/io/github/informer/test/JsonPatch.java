package io.github.informer.test;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/** RFC 6902 JSON patch as kube-apiserver applies it (replacing a missing object member adds it, like json-patch v4). */
final class JsonPatch {

	private JsonPatch() {
	}

	/** Applies an RFC 6902 JSON patch; a failing operation (including {@code test}) is a 422. */
	static JsonElement apply(JsonElement target, JsonElement patch) {
		if (!patch.isJsonArray()) {
			throw ApiError.badRequest("a JSON patch must be an array of operations");
		}
		JsonElement document = target.deepCopy();
		for (JsonElement operation : patch.getAsJsonArray()) {
			if (!operation.isJsonObject()) {
				throw ApiError.badRequest("a JSON patch operation must be an object: " + operation);
			}
			document = applyOperation(document, operation.getAsJsonObject());
		}
		return document;
	}

	private static JsonElement applyOperation(JsonElement document, JsonObject operation) {
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
