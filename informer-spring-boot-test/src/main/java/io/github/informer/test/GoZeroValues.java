package io.github.informer.test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.annotations.SerializedName;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.util.ModelMapper;

/**
 * The JSON kube-apiserver writes for the Go zero value of a kind, as in the object of a BOOKMARK event. Go writes
 * every struct field without {@code omitempty}; those are, closely enough, the fields client-java's model marks
 * required. Their zero values: {@code ""}, {@code 0}, {@code false}, {@code null} for slices, maps and times, and a
 * nested struct's own zero value.
 */
final class GoZeroValues {

	private GoZeroValues() {
	}

	static byte[] bookmark(ResourceType type, long resourceVersion) {
		Class<?> model = ModelMapper.getApiTypeClass(type.apiVersion(), type.kind());
		JsonObject object = (model != null) ? zeroValue(model, 0) : new JsonObject();
		object.addProperty("kind", type.kind());
		object.addProperty("apiVersion", type.apiVersion());
		JsonObject metadata = new JsonObject();
		metadata.addProperty("resourceVersion", Long.toString(resourceVersion));
		metadata.add("creationTimestamp", JsonNull.INSTANCE);
		object.add("metadata", metadata);
		return object.toString().getBytes(StandardCharsets.UTF_8);
	}

	private static JsonObject zeroValue(Class<?> model, int depth) {
		JsonObject object = new JsonObject();
		Set<?> required = requiredFields(model);
		for (Field field : model.getDeclaredFields()) {
			SerializedName name = field.getAnnotation(SerializedName.class);
			if (Modifier.isStatic(field.getModifiers()) || name == null || !required.contains(name.value())) {
				continue;
			}
			Class<?> type = field.getType();
			if (type == String.class) {
				object.addProperty(name.value(), "");
			}
			else if (type == Integer.class || type == Long.class || type == Double.class || type == IntOrString.class) {
				object.addProperty(name.value(), 0);
			}
			else if (type == Boolean.class) {
				object.addProperty(name.value(), false);
			}
			else if (type == Quantity.class) {
				object.addProperty(name.value(), "0");
			}
			else if (type.getName().startsWith("io.kubernetes.client.openapi.models.") && depth < 10) {
				object.add(name.value(), zeroValue(type, depth + 1));
			}
			else if (Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type) || depth >= 10
					|| type.getName().startsWith("java.time.") || type == byte[].class || type == Object.class) {
				object.add(name.value(), JsonNull.INSTANCE);
			}
		}
		return object;
	}

	private static Set<?> requiredFields(Class<?> model) {
		try {
			Object value = model.getField("openapiRequiredFields").get(null);
			return (value instanceof Set<?> set) ? set : Set.of();
		}
		catch (ReflectiveOperationException ex) {
			return Set.of();
		}
	}


}
