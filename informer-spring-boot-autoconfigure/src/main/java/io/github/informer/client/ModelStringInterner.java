package io.github.informer.client;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Interns every short string of a decoded model object in place: string fields, string list elements, map keys and
 * string map values, recursively through nested model objects. Which fields to visit is worked out once per class,
 * so the per-object cost is a walk over the fields that hold strings or nested models. Writes only what a field
 * accepts: a map is replaced only in a field declared as {@code Map} (or {@code LinkedHashMap}) that holds a
 * Gson-decoded or insertion-ordered map, so a user model's {@code SortedMap}, {@code TreeMap} or
 * {@code ConcurrentMap} keeps its instance and ordering (its values are interned in place).
 */
final class ModelStringInterner {

	private static final String CLIENT_MODELS_PACKAGE = "io.kubernetes.client.openapi.models";

	/**
	 * JSON fields whose values are unique per object (or per container), so interning them would only fill the table:
	 * uids, resourceVersions, IPs, container IDs; and {@code metadata.name}.
	 */
	private static final Set<String> UNIQUE_FIELDS = Set.of("uid", "resourceVersion", "selfLink", "podIP", "ip",
			"containerID", "name:V1ObjectMeta");

	private final StringInterner interner;

	private final String userModelsPackage;

	private final Map<Class<?>, List<Step>> plans = new ConcurrentHashMap<>();

	/**
	 * Create an interner for objects of the given type (its package is walked too, for user models).
	 * @param interner the string table
	 * @param rootType the cached object type
	 */
	ModelStringInterner(StringInterner interner, Class<?> rootType) {
		this.interner = interner;
		this.userModelsPackage = rootType.getPackageName();
	}

	void intern(Object model) {
		for (Step step : this.plans.computeIfAbsent(model.getClass(), this::plan)) {
			try {
				step.apply(model);
			}
			catch (IllegalAccessException | UnsupportedOperationException ex) {
				// an immutable collection or an inaccessible field: leave it as decoded
			}
		}
	}

	private boolean walkable(@Nullable Class<?> type) {
		if (type == null || type.isEnum() || type.isPrimitive() || type.isArray()) {
			return false;
		}
		String packageName = type.getPackageName();
		return packageName.equals(CLIENT_MODELS_PACKAGE) || packageName.equals(this.userModelsPackage);
	}

	private List<Step> plan(Class<?> type) {
		List<Step> steps = new ArrayList<>();
		for (Map.Entry<String, Field> entry : ModelFields.of(type).entrySet()) {
			Field field = entry.getValue();
			Class<?> fieldType = field.getType();
			if (fieldType == String.class && (UNIQUE_FIELDS.contains(entry.getKey())
					|| UNIQUE_FIELDS.contains(entry.getKey() + ":" + type.getSimpleName()))) {
				continue;
			}
			Class<?> element = ModelFields.elementType(field);
			if (fieldType == String.class) {
				steps.add((object) -> {
					String value = (String) field.get(object);
					if (value != null) {
						field.set(object, this.interner.intern(value));
					}
				});
			}
			else if (List.class.isAssignableFrom(fieldType) && element == String.class) {
				steps.add((object) -> internStrings(field.get(object)));
			}
			else if (Collection.class.isAssignableFrom(fieldType) && walkable(element)) {
				steps.add((object) -> walkAll(field.get(object)));
			}
			else if (Map.class.isAssignableFrom(fieldType)) {
				boolean stringValues = element == String.class;
				boolean modelValues = walkable(element);
				// a field declared as Map or LinkedHashMap takes a rebuilt map (keys interned too); any other map type
				// (SortedMap, TreeMap, ConcurrentMap, a user's own) keeps its instance, with values interned in place
				boolean replaceable = fieldType.isAssignableFrom(LinkedHashMap.class);
				steps.add((object) -> internMap(object, field, replaceable, stringValues, modelValues));
			}
			else if (walkable(fieldType)) {
				steps.add((object) -> {
					Object nested = field.get(object);
					if (nested != null) {
						intern(nested);
					}
				});
			}
		}
		return List.copyOf(steps);
	}

	@SuppressWarnings("unchecked")
	private void internStrings(@Nullable Object list) {
		if (list == null) {
			return;
		}
		ListIterator<String> iterator = ((List<String>) list).listIterator();
		while (iterator.hasNext()) {
			String value = iterator.next();
			if (value != null) {
				iterator.set(this.interner.intern(value));
			}
		}
	}

	private void walkAll(@Nullable Object collection) {
		if (collection == null) {
			return;
		}
		for (Object element : (Collection<?>) collection) {
			if (element != null) {
				intern(element);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private void internMap(Object object, Field field, boolean replaceable, boolean stringValues, boolean modelValues)
			throws IllegalAccessException {
		Map<Object, Object> map = (Map<Object, Object>) field.get(object);
		if (map == null || map.isEmpty()) {
			return;
		}
		if (!replaceable || !unordered(map)) {
			internValues(map, stringValues, modelValues);
			return;
		}
		Map<Object, Object> interned = new LinkedHashMap<>((int) (map.size() / 0.75f) + 1);
		for (Map.Entry<Object, Object> entry : map.entrySet()) {
			Object key = (entry.getKey() instanceof String text) ? this.interner.intern(text) : entry.getKey();
			interned.put(key, internValue(entry.getValue(), stringValues, modelValues));
		}
		field.set(object, interned);
	}

	/** Whether a map has no ordering or type of its own that a LinkedHashMap would lose. */
	private static boolean unordered(Map<?, ?> map) {
		Class<?> type = map.getClass();
		return type == LinkedHashMap.class || type == HashMap.class || type.getName().startsWith("com.google.gson.");
	}

	/** Interns the values of a map whose type must be kept: its keys stay as they are (they cannot be swapped). */
	private void internValues(Map<Object, Object> map, boolean stringValues, boolean modelValues) {
		for (Map.Entry<Object, Object> entry : map.entrySet()) {
			Object value = entry.getValue();
			Object interned = internValue(value, stringValues, modelValues);
			if (interned != value) {
				entry.setValue(interned);
			}
		}
	}

	private @Nullable Object internValue(@Nullable Object value, boolean stringValues, boolean modelValues) {
		if (stringValues && value instanceof String text) {
			return this.interner.intern(text);
		}
		if (modelValues && value != null) {
			intern(value);
		}
		return value;
	}

	@FunctionalInterface
	private interface Step {

		void apply(Object object) throws IllegalAccessException;

	}

}
