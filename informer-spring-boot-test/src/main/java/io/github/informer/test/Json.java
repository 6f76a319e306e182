package io.github.informer.test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
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

	/**
	 * The value at a dotted path of serialized JSON, read with a streaming reader that skips every other subtree
	 * (no tree is built): field selectors over 100k large objects stay cheap.
	 */
	static String path(byte[] json, String[] path) {
		try (JsonReader reader = new JsonReader(new InputStreamReader(new ByteArrayInputStream(json),
				StandardCharsets.UTF_8))) {
			for (String part : path) {
				if (reader.peek() != JsonToken.BEGIN_OBJECT) {
					return "";
				}
				reader.beginObject();
				boolean found = false;
				while (reader.hasNext()) {
					if (reader.nextName().equals(part)) {
						found = true;
						break;
					}
					reader.skipValue();
				}
				if (!found) {
					return "";
				}
			}
			return switch (reader.peek()) {
				case STRING, NUMBER -> reader.nextString();
				case BOOLEAN -> Boolean.toString(reader.nextBoolean());
				default -> "";
			};
		}
		catch (IOException | IllegalStateException ex) {
			return "";
		}
	}

	/** The strings of an array member (finalizers), empty when absent. */
	static List<String> strings(JsonObject object, String member) {
		JsonElement value = object.get(member);
		List<String> strings = new ArrayList<>();
		if (value != null && value.isJsonArray()) {
			for (JsonElement element : value.getAsJsonArray()) {
				if (element.isJsonPrimitive()) {
					strings.add(element.getAsString());
				}
			}
		}
		return strings;
	}

	/** Sets an array member of strings, or removes it when empty (as kube-apiserver omits empty lists). */
	static void setStrings(JsonObject object, String member, List<String> strings) {
		if (strings.isEmpty()) {
			object.remove(member);
			return;
		}
		JsonArray array = new JsonArray();
		strings.forEach(array::add);
		object.add(member, array);
	}

	static JsonObject stringMap(Map<String, String> values) {
		JsonObject object = new JsonObject();
		values.forEach(object::addProperty);
		return object;
	}

}
