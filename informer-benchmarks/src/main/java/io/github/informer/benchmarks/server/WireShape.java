package io.github.informer.benchmarks.server;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Makes generated model objects serialise like a real API server's JSON. client-java's models start every list and
 * map field as an empty collection, which Gson writes as {@code []} / {@code {}} (about 600 bytes per Pod); a real
 * API server omits empty fields, so they are set to {@code null} before the objects are seeded.
 */
public final class WireShape {

	private static final String MODELS = "io.kubernetes.client.openapi.models.";

	private WireShape() {
	}

	public static <T> T omitEmptyCollections(T object) {
		clear(object);
		return object;
	}

	private static void clear(Object object) {
		for (Class<?> type = object.getClass(); type.getName().startsWith(MODELS); type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				if (Modifier.isStatic(field.getModifiers())) {
					continue;
				}
				field.setAccessible(true);
				Object value = get(field, object);
				if (value instanceof Collection<?> collection) {
					if (collection.isEmpty()) {
						set(field, object, null);
					}
					else {
						collection.forEach(WireShape::clearIfModel);
					}
				}
				else if (value instanceof Map<?, ?> map) {
					if (map.isEmpty()) {
						set(field, object, null);
					}
					else {
						map.values().forEach(WireShape::clearIfModel);
					}
				}
				else {
					clearIfModel(value);
				}
			}
		}
	}

	private static void clearIfModel(@Nullable Object value) {
		if (value != null && value.getClass().getName().startsWith(MODELS)) {
			clear(value);
		}
	}

	private static @Nullable Object get(Field field, Object object) {
		try {
			return field.get(object);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot read " + field, ex);
		}
	}

	private static void set(Field field, Object object, @Nullable Object value) {
		try {
			field.set(object, value);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot write " + field, ex);
		}
	}

}
