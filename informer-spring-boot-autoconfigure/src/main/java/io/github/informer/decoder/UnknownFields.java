package io.github.informer.decoder;

import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Removes from a JSON tree every field the model classes do not declare, at every level, so that client-java's
 * generated adapters (which throw on unknown fields) decode what they know.
 */
final class UnknownFields {

	private UnknownFields() {
	}

	static void remove(JsonElement tree, Type type) {
		Class<?> raw = ValueReaders.rawType(type);
		if (Collection.class.isAssignableFrom(raw)) {
			if (tree.isJsonArray()) {
				Type element = ValueReaders.typeArgument(type, 0);
				tree.getAsJsonArray().forEach((item) -> remove(item, element));
			}
			return;
		}
		if (Map.class.isAssignableFrom(raw)) {
			if (tree.isJsonObject()) {
				Type value = ValueReaders.typeArgument(type, 1);
				tree.getAsJsonObject().entrySet().forEach((entry) -> remove(entry.getValue(), value));
			}
			return;
		}
		if (!tree.isJsonObject()) {
			return;
		}
		ModelSchema schema = ModelSchema.of(raw);
		if (!schema.strippable()) {
			return;
		}
		JsonObject object = tree.getAsJsonObject();
		Iterator<Map.Entry<String, JsonElement>> entries = object.entrySet().iterator();
		while (entries.hasNext()) {
			Map.Entry<String, JsonElement> entry = entries.next();
			Type fieldType = schema.fieldType(entry.getKey());
			if (fieldType == null) {
				entries.remove();
			}
			else {
				remove(entry.getValue(), fieldType);
			}
		}
	}

}
