package io.github.informer.client;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.annotations.SerializedName;
import org.jspecify.annotations.Nullable;

/**
 * The JSON-named fields of Kubernetes model classes (client-java's generated models and user models decoded by
 * Gson), looked up once per class. Used by pruning (which addresses fields by their JSON path) and interning (which
 * walks every field).
 */
final class ModelFields {

	/**
	 * Per class, held by the class itself ({@link ClassValue}) rather than by a static map, so a model class of a
	 * discarded class loader (a devtools restart, a redeployed application) is not pinned by this class.
	 */
	private static final ClassValue<Map<String, Field>> FIELDS = new ClassValue<>() {

		@Override
		protected Map<String, Field> computeValue(Class<?> type) {
			return introspect(type);
		}

	};

	private ModelFields() {
	}

	/**
	 * Return the instance fields of a class and its superclasses by JSON name ({@code @SerializedName}, else the
	 * field name), made accessible.
	 * @param type the class
	 * @return the fields by JSON name
	 */
	static Map<String, Field> of(Class<?> type) {
		return FIELDS.get(type);
	}

	private static Map<String, Field> introspect(Class<?> type) {
		Map<String, Field> fields = new LinkedHashMap<>();
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			for (Field field : current.getDeclaredFields()) {
				if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
					continue;
				}
				SerializedName name = field.getAnnotation(SerializedName.class);
				String jsonName = (name != null) ? name.value() : field.getName();
				if (!fields.containsKey(jsonName)) {
					field.setAccessible(true);
					fields.put(jsonName, field);
				}
			}
		}
		return Collections.unmodifiableMap(fields);
	}

	/**
	 * Return the element type of a collection field, or the value type of a map field.
	 * @param field the field
	 * @return the element or value class, or {@code null} if not a parameterized collection or map
	 */
	static @Nullable Class<?> elementType(Field field) {
		Type generic = field.getGenericType();
		if (!(generic instanceof ParameterizedType parameterized)) {
			return null;
		}
		Type[] arguments = parameterized.getActualTypeArguments();
		Type element;
		if (Collection.class.isAssignableFrom(field.getType()) && arguments.length == 1) {
			element = arguments[0];
		}
		else if (Map.class.isAssignableFrom(field.getType()) && arguments.length == 2) {
			element = arguments[1];
		}
		else {
			return null;
		}
		if (element instanceof Class<?> elementClass) {
			return elementClass;
		}
		if (element instanceof ParameterizedType elementParameterized
				&& elementParameterized.getRawType() instanceof Class<?> raw) {
			return raw;
		}
		return null;
	}

}
