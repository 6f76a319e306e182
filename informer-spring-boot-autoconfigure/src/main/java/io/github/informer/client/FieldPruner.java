package io.github.informer.client;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import org.jspecify.annotations.Nullable;

/**
 * Drops configured fields ({@code status.containerStatuses}, {@code metadata.annotations.<key>}) from objects before
 * they are cached. Paths use JSON field names; a path through a list applies to every element; on a map, the rest of
 * the path is one key (so annotation keys with dots work). Paths on model classes are checked when compiled, so a typo
 * fails at startup rather than silently pruning nothing, and so does a path the pruner cannot write (a primitive, a
 * record component) or one the informer cannot do without (the object's metadata, name, namespace, uid,
 * resourceVersion).
 */
public final class FieldPruner {

	private static final FieldPruner NONE = new FieldPruner(List.of(), List.of());

	/**
	 * Fields the informer itself needs, by path, with why: without them the cache cannot key, version or tell apart
	 * its objects.
	 */
	private static final Map<String, String> IDENTITY_FIELDS = Map.of("metadata",
			"the informer needs the object's metadata (name, namespace, uid, resourceVersion) to cache it",
			"metadata.name", "the name is part of the object's cache key (namespace/name), so all objects would share one",
			"metadata.namespace",
			"the namespace is part of the object's cache key (namespace/name) and of the namespace index",
			"metadata.uid", "the uid tells an object from a re-created one of the same name (owner references use it)",
			"metadata.resourceVersion",
			"the resourceVersion tells the informer whether a relisted object changed, so without it every relist "
					+ "would deliver every object again");

	private final List<List<Segment>> typedPaths;

	private final List<String[]> jsonPaths;

	private FieldPruner(List<List<Segment>> typedPaths, List<String[]> jsonPaths) {
		this.typedPaths = typedPaths;
		this.jsonPaths = jsonPaths;
	}

	/**
	 * Compile paths for a type.
	 * @param apiType the cached object type; for {@link DynamicKubernetesObject} the paths are applied to the raw JSON
	 * @param paths the dotted field paths
	 * @return the pruner
	 * @throws IllegalArgumentException naming the path, the segment that does not exist and the fields that do, or why
	 * the path cannot be pruned; a message of the form {@code problem; fix} when there is a specific fix
	 */
	public static FieldPruner compile(Class<?> apiType, List<String> paths) {
		if (paths.isEmpty()) {
			return NONE;
		}
		List<List<Segment>> typed = new ArrayList<>();
		List<String[]> json = new ArrayList<>();
		for (String path : paths) {
			String[] parts = path.trim().split("\\.", -1);
			if (path.isBlank() || Arrays.stream(parts).anyMatch(String::isEmpty)) {
				throw new IllegalArgumentException("'" + path + "' is not a field path; use dotted JSON field names "
						+ "such as 'status.containerStatuses' or 'metadata.annotations.example.com/key'");
			}
			String identity = IDENTITY_FIELDS.get(String.join(".", parts));
			if (identity != null) {
				throw new IllegalArgumentException("'" + path.trim() + "' cannot be pruned: " + identity
						+ "; remove it from the prune list");
			}
			if (DynamicKubernetesObject.class.isAssignableFrom(apiType)) {
				json.add(parts);
			}
			else {
				typed.add(compileTyped(apiType, path, parts));
			}
		}
		return new FieldPruner(List.copyOf(typed), List.copyOf(json));
	}

	private static List<Segment> compileTyped(Class<?> apiType, String path, String[] parts) {
		List<Segment> segments = new ArrayList<>();
		Class<?> current = apiType;
		for (int i = 0; i < parts.length; i++) {
			Map<String, Field> fields = ModelFields.of(current);
			Field field = fields.get(parts[i]);
			if (field == null) {
				throw new IllegalArgumentException("'" + path + "': " + current.getSimpleName() + " has no field '"
						+ parts[i] + "' (its fields are " + fields.keySet() + ")");
			}
			boolean last = i == parts.length - 1;
			if (Map.class.isAssignableFrom(field.getType()) && !last) {
				String key = String.join(".", Arrays.copyOfRange(parts, i + 1, parts.length));
				segments.add(new Segment(field, false, key));
				return segments;
			}
			if (last) {
				checkWritable(path, current, field);
			}
			boolean collection = Collection.class.isAssignableFrom(field.getType());
			segments.add(new Segment(field, collection, null));
			if (!last) {
				Class<?> next = collection ? ModelFields.elementType(field) : field.getType();
				if (next == null || next.isPrimitive() || next.isArray() || next.isEnum()
						|| next.getName().startsWith("java.")) {
					throw new IllegalArgumentException("'" + path + "': field '" + parts[i] + "' of "
							+ current.getSimpleName() + " has no fields below it");
				}
				current = next;
			}
		}
		return segments;
	}

	/** Dropping a field sets it to {@code null}: a primitive or a final field of a record cannot take that. */
	private static void checkWritable(String path, Class<?> owner, Field field) {
		if (field.getType().isPrimitive()) {
			throw new IllegalArgumentException("'" + path + "': field '" + field.getName() + "' of "
					+ owner.getSimpleName() + " is a primitive " + field.getType().getName()
					+ ", which cannot be dropped (pruning sets a field to null); declare it as "
					+ wrapper(field.getType()) + " in the model, or remove the path");
		}
		if (Modifier.isFinal(field.getModifiers())
				&& (field.getDeclaringClass().isRecord() || field.getDeclaringClass().isHidden())) {
			throw new IllegalArgumentException("'" + path + "': field '" + field.getName() + "' of "
					+ owner.getSimpleName() + " is a final field of a record, which cannot be dropped; use a class "
					+ "with a non-final field, or remove the path");
		}
	}

	private static String wrapper(Class<?> primitive) {
		return switch (primitive.getName()) {
			case "int" -> "Integer";
			case "char" -> "Character";
			default -> Character.toUpperCase(primitive.getName().charAt(0)) + primitive.getName().substring(1);
		};
	}

	/**
	 * Return whether this pruner drops anything.
	 * @return {@code true} if paths are configured
	 */
	public boolean isEmpty() {
		return this.typedPaths.isEmpty() && this.jsonPaths.isEmpty();
	}

	/**
	 * Drop the configured fields from an object, in place.
	 * @param object the object
	 */
	public void prune(Object object) {
		if (object instanceof DynamicKubernetesObject dynamic) {
			for (String[] path : this.jsonPaths) {
				pruneJson(dynamic.getRaw(), path, 0);
			}
			return;
		}
		for (List<Segment> path : this.typedPaths) {
			try {
				pruneTyped(object, path, 0);
			}
			catch (IllegalAccessException | UnsupportedOperationException ex) {
				// an immutable collection: leave it as decoded
			}
		}
	}

	private static void pruneTyped(@Nullable Object object, List<Segment> path, int index)
			throws IllegalAccessException {
		if (object == null) {
			return;
		}
		Segment segment = path.get(index);
		if (segment.mapKey != null) {
			Object map = segment.field.get(object);
			if (map instanceof Map<?, ?> values) {
				values.remove(segment.mapKey);
			}
			return;
		}
		if (index == path.size() - 1) {
			segment.field.set(object, null);
			return;
		}
		Object value = segment.field.get(object);
		if (segment.collection && value instanceof Collection<?> elements) {
			for (Object element : elements) {
				pruneTyped(element, path, index + 1);
			}
		}
		else {
			pruneTyped(value, path, index + 1);
		}
	}

	private static void pruneJson(@Nullable JsonElement element, String[] path, int index) {
		if (element instanceof JsonArray array) {
			for (JsonElement item : array) {
				pruneJson(item, path, index);
			}
			return;
		}
		if (!(element instanceof JsonObject object)) {
			return;
		}
		String rest = String.join(".", Arrays.copyOfRange(path, index, path.length));
		if (object.has(rest)) {
			object.remove(rest);
			return;
		}
		if (index < path.length - 1) {
			pruneJson(object.get(path[index]), path, index + 1);
		}
	}

	private record Segment(Field field, boolean collection, @Nullable String mapKey) {
	}

}
