package io.github.informer.test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import org.jspecify.annotations.Nullable;

/** Gson helpers over untyped objects: the server keeps objects as JSON trees and bytes, never as models. */
final class Json {

	static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

	private Json() {
	}

	static JsonObject parseObject(byte[] bytes) {
		return parseObject(new String(bytes, StandardCharsets.UTF_8));
	}

	static JsonObject parseObject(String text) {
		try {
			JsonElement element = JsonParser.parseString(text);
			if (!element.isJsonObject()) {
				throw ApiError.badRequest("the request body must be a JSON object");
			}
			return element.getAsJsonObject();
		}
		catch (JsonParseException ex) {
			throw ApiError.badRequest("the request body is not valid JSON: " + ex.getMessage());
		}
	}

	static byte[] bytes(JsonElement element) {
		return GSON.toJson(element).getBytes(StandardCharsets.UTF_8);
	}

	/** The object's metadata, created when absent. */
	static JsonObject metadata(JsonObject object) {
		JsonElement metadata = object.get("metadata");
		if (metadata == null || !metadata.isJsonObject()) {
			JsonObject created = new JsonObject();
			object.add("metadata", created);
			return created;
		}
		return metadata.getAsJsonObject();
	}

	static @Nullable String string(JsonObject object, String member) {
		JsonElement value = object.get(member);
		return (value == null || value.isJsonNull() || !value.isJsonPrimitive()) ? null : value.getAsString();
	}

	static @Nullable JsonObject object(JsonObject object, String member) {
		JsonElement value = object.get(member);
		return (value != null && value.isJsonObject()) ? value.getAsJsonObject() : null;
	}

	/** The value at a dotted path as a string ("" when absent), as field selectors compare it. */
	static String path(JsonObject object, String dottedPath) {
		JsonElement current = object;
		for (String part : dottedPath.split("\\.")) {
			if (current == null || !current.isJsonObject()) {
				return "";
			}
			current = current.getAsJsonObject().get(part);
		}
		return (current == null || current.isJsonNull() || !current.isJsonPrimitive()) ? "" : current.getAsString();
	}

	static JsonObject stringMap(Map<String, String> values) {
		JsonObject object = new JsonObject();
		values.forEach(object::addProperty);
		return object;
	}

}
