package io.github.informer.decoder;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonIOException;
import com.google.gson.JsonObject;
import com.google.gson.annotations.JsonAdapter;
import com.google.gson.annotations.SerializedName;
import com.google.gson.internal.bind.TypeAdapters;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Status;
import org.jspecify.annotations.Nullable;

/**
 * How one model class is read from a stream: its fields by JSON name, each with the reader of its type and the
 * check client-java's generated {@code validateJsonElement} makes on it, so that a value of the wrong JSON type
 * fails with the exception client-java throws. Worked out once per class (a {@link ClassValue}, so a restarted
 * class loader's classes are not pinned).
 * <p>
 * Two kinds of class are streamed. client-java's generated models ({@code io.kubernetes.client.openapi.models},
 * with their {@code CustomTypeAdapterFactory}): client-java reads them into a tree, validates it, and maps it with
 * Gson's reflective adapter, so their scalars follow the tree's rules (a number is converted the way a
 * {@code JsonPrimitive} converts it). User classes that Gson decodes reflectively: client-java's path streams them
 * already, so their scalars use Gson's own adapters. Every other class (client-java's {@code V1Status}, which
 * gson-fire pre-processes, {@code DynamicKubernetesObject}, classes with their own adapter) goes through
 * client-java's adapter, with unknown fields removed first.
 */
final class ModelSchema {

	static final String MODELS_PACKAGE = "io.kubernetes.client.openapi.models.";

	private static final String REFLECTIVE_ADAPTER = "com.google.gson.internal.bind.ReflectiveTypeAdapterFactory";

	private static final ClassValue<ModelSchema> SCHEMAS = new ClassValue<>() {

		@Override
		protected ModelSchema computeValue(Class<?> type) {
			return new ModelSchema(type);
		}

	};

	private final Class<?> type;

	private final boolean clientJavaModel;

	private final boolean validated;

	private final boolean streamable;

	private final boolean strippable;

	private final Map<String, Field> fieldsByName;

	private volatile @Nullable Map<String, Binding> bindings;

	private final @Nullable Constructor<?> constructor;

	private ModelSchema(Class<?> type) {
		this.type = type;
		this.clientJavaModel = type.getName().startsWith(MODELS_PACKAGE) && hasGeneratedAdapter(type);
		this.validated = this.clientJavaModel && validatedByClientJava(type);
		this.constructor = noArgConstructor(type);
		this.streamable = this.constructor != null && (this.clientJavaModel ? type != V1Status.class
				: decodedReflectively(type));
		this.strippable = this.streamable || type.getName().startsWith(MODELS_PACKAGE);
		this.fieldsByName = this.strippable ? jsonFields(type) : Map.of();
	}

	static ModelSchema of(Class<?> type) {
		return SCHEMAS.get(type);
	}

	/**
	 * Return whether objects of the type can be read straight from the stream.
	 * @param type the class
	 * @return whether it is streamed
	 */
	static boolean streamable(Class<?> type) {
		return of(type).streamable;
	}

	/**
	 * Return the declared type of the field with that JSON name, for removing unknown fields from a tree, or
	 * {@code null} if the class has no such field.
	 */
	@Nullable Type fieldType(String jsonName) {
		Field field = this.fieldsByName.get(jsonName);
		return (field != null) ? field.getGenericType() : null;
	}

	/** Whether unknown fields of this class are removed before client-java's adapter reads it. */
	boolean strippable() {
		return this.strippable;
	}

	/**
	 * Read one object of this class; the reader is on its {@code BEGIN_OBJECT}.
	 */
	Object readObject(JsonReader in) throws IOException {
		Map<String, Binding> bindings = bindings();
		Object target = newInstance();
		in.beginObject();
		while (in.hasNext()) {
			Binding binding = bindings.get(in.nextName());
			if (binding == null) {
				in.skipValue();
			}
			else {
				binding.read(in, target);
			}
		}
		in.endObject();
		return target;
	}

	private Object newInstance() {
		try {
			return this.constructor.newInstance();
		}
		catch (InvocationTargetException ex) {
			throw new JsonIOException("Failed to invoke constructor of " + this.type.getName(), ex.getCause());
		}
		catch (ReflectiveOperationException ex) {
			throw new JsonIOException("Failed to invoke constructor of " + this.type.getName(), ex);
		}
	}

	private Map<String, Binding> bindings() {
		Map<String, Binding> bindings = this.bindings;
		if (bindings == null) {
			bindings = createBindings();
			this.bindings = bindings;
		}
		return bindings;
	}

	private Map<String, Binding> createBindings() {
		Gson gson = JSON.getGson();
		Set<String> required = requiredFields(this.type);
		Map<String, Binding> bindings = new HashMap<>();
		for (Class<?> current = this.type; current != null && current != Object.class;
				current = current.getSuperclass()) {
			for (Field field : current.getDeclaredFields()) {
				if (Modifier.isStatic(field.getModifiers()) || field.isSynthetic()) {
					continue;
				}
				field.setAccessible(true);
				String name = jsonName(gson, field);
				// excluded as Gson excludes it (transient fields, and V1ObjectMeta.managedFields unless
				// -Dkubernetes.client.includeManagedFields=true): skipped, after client-java's shape checks
				boolean excluded = gson.excluder().excludeField(field, false);
				Check check = check(field, required.contains(name));
				if (excluded && check == Check.NONE && !this.validated) {
					continue;
				}
				ObjectReader<?> reader = excluded ? skipping(field)
						: ValueReaders.forType(field.getGenericType(), this.clientJavaModel, this.validated);
				Binding binding = new Binding(name, excluded ? null : field, reader, check);
				bindings.putIfAbsent(name, binding);
				SerializedName serializedName = field.getAnnotation(SerializedName.class);
				if (serializedName != null) {
					for (String alternate : serializedName.alternate()) {
						bindings.putIfAbsent(alternate, binding);
					}
				}
			}
		}
		return Collections.unmodifiableMap(bindings);
	}

	/**
	 * A reader that skips an excluded field's value, failing first where client-java's validation (which still
	 * sees the field) fails: a list of models whose elements are not objects.
	 */
	private ObjectReader<?> skipping(Field field) {
		boolean modelList = this.validated && List.class.isAssignableFrom(field.getType()) && ValueReaders
			.rawType(ValueReaders.typeArgument(field.getGenericType(), 0))
			.getName()
			.startsWith(MODELS_PACKAGE);
		return (in) -> {
			if (modelList && in.peek() == JsonToken.BEGIN_ARRAY) {
				in.beginArray();
				while (in.hasNext()) {
					JsonToken token = in.peek();
					if (token != JsonToken.BEGIN_OBJECT) {
						throw new IllegalStateException("Not a JSON Object: " + TypeAdapters.JSON_ELEMENT.read(in));
					}
					in.skipValue();
				}
				in.endArray();
			}
			else {
				in.skipValue();
			}
			return null;
		};
	}

	/**
	 * The check client-java's {@code validateJsonElement} makes on a field before mapping, by the field's type:
	 * strings, {@code IntOrString} and {@code Quantity} must be primitives, lists arrays (an optional list of models
	 * is cast to an array first, which throws a {@code ClassCastException}). Required fields are not required here.
	 */
	private Check check(Field field, boolean required) {
		if (!this.validated) {
			return Check.NONE;
		}
		Class<?> raw = field.getType();
		if (raw == String.class || raw == io.kubernetes.client.custom.IntOrString.class
				|| raw == io.kubernetes.client.custom.Quantity.class) {
			return Check.PRIMITIVE;
		}
		if (List.class.isAssignableFrom(raw)) {
			Class<?> element = ValueReaders.rawType(ValueReaders.typeArgument(field.getGenericType(), 0));
			boolean modelElements = element.getName().startsWith(MODELS_PACKAGE);
			return (modelElements && !required) ? Check.ARRAY_CAST : Check.ARRAY;
		}
		return Check.NONE;
	}

	private static Map<String, Field> jsonFields(Class<?> type) {
		Gson gson = JSON.getGson();
		Map<String, Field> fields = new LinkedHashMap<>();
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			for (Field field : current.getDeclaredFields()) {
				if (!Modifier.isStatic(field.getModifiers()) && !field.isSynthetic()) {
					fields.putIfAbsent(jsonName(gson, field), field);
				}
			}
		}
		return fields;
	}

	private static String jsonName(Gson gson, Field field) {
		SerializedName serializedName = field.getAnnotation(SerializedName.class);
		return (serializedName != null) ? serializedName.value() : gson.fieldNamingStrategy().translateName(field);
	}

	@SuppressWarnings("unchecked")
	private static Set<String> requiredFields(Class<?> type) {
		try {
			Object value = type.getField("openapiRequiredFields").get(null);
			return (value instanceof Set<?> set) ? (Set<String>) set : Set.of();
		}
		catch (ReflectiveOperationException ex) {
			return Set.of();
		}
	}

	/**
	 * Whether client-java's adapter validates the class before mapping it: it does for all but the few whose
	 * validation client-java disabled by hand ({@code V1ListMeta}, {@code V1Status}). Asked of the adapter itself,
	 * with an object holding one field no model has: a validating adapter rejects it.
	 */
	private static boolean validatedByClientJava(Class<?> type) {
		JsonObject probe = new JsonObject();
		probe.addProperty("io.github.informer.decoder.probe", 0);
		try {
			JSON.getGson().getAdapter(type).fromJsonTree(probe);
			return false;
		}
		catch (IllegalArgumentException ex) {
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static boolean hasGeneratedAdapter(Class<?> type) {
		for (Class<?> nested : type.getDeclaredClasses()) {
			if (nested.getSimpleName().equals("CustomTypeAdapterFactory")) {
				return true;
			}
		}
		return false;
	}

	private static boolean decodedReflectively(Class<?> type) {
		if (type.isInterface() || type.isEnum() || type.isRecord() || type.isArray() || type.isPrimitive()
				|| Modifier.isAbstract(type.getModifiers()) || type.isAnnotationPresent(JsonAdapter.class)) {
			return false;
		}
		String name = type.getName();
		if (name.startsWith("io.kubernetes.client.") || name.startsWith("java.") || name.startsWith("com.google.gson.")) {
			return false;
		}
		try {
			return JSON.getGson().getAdapter(type).getClass().getName().startsWith(REFLECTIVE_ADAPTER);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static @Nullable Constructor<?> noArgConstructor(Class<?> type) {
		if (type.isInterface() || type.isPrimitive() || type.isArray() || Modifier.isAbstract(type.getModifiers())) {
			return null;
		}
		try {
			Constructor<?> constructor = type.getDeclaredConstructor();
			constructor.setAccessible(true);
			return constructor;
		}
		catch (NoSuchMethodException | RuntimeException ex) {
			return null;
		}
	}

	/** What is checked on a field's JSON value before it is read. */
	enum Check {

		NONE, PRIMITIVE, ARRAY, ARRAY_CAST

	}

	/**
	 * One field: its JSON name, the reader of its type, the check before reading.
	 */
	static final class Binding {

		private final String name;

		private final @Nullable Field field;

		private final ObjectReader<?> reader;

		private final Check check;

		private final boolean primitive;

		/**
		 * Create a binding.
		 * @param field the field, or {@code null} for a field that is read (and checked) but not kept
		 */
		Binding(String name, @Nullable Field field, ObjectReader<?> reader, Check check) {
			this.name = name;
			this.field = field;
			this.reader = reader;
			this.check = check;
			this.primitive = field != null && field.getType().isPrimitive();
		}

		void read(JsonReader in, Object target) throws IOException {
			if (this.check != Check.NONE) {
				verify(in);
			}
			Object value = this.reader.read(in);
			if (this.field != null && (value != null || !this.primitive)) {
				try {
					this.field.set(target, value);
				}
				catch (IllegalAccessException ex) {
					throw new JsonIOException("Cannot set field " + this.field, ex);
				}
			}
		}

		private void verify(JsonReader in) throws IOException {
			JsonToken token = in.peek();
			if (this.check == Check.PRIMITIVE) {
				if (token == JsonToken.BEGIN_OBJECT || token == JsonToken.BEGIN_ARRAY) {
					throw new IllegalArgumentException(String.format(Locale.ROOT,
							"Expected the field `%s` to be a primitive type in the JSON string but got `%s`", this.name,
							TypeAdapters.JSON_ELEMENT.read(in)));
				}
			}
			else if (token != JsonToken.BEGIN_ARRAY && token != JsonToken.NULL) {
				JsonElement value = TypeAdapters.JSON_ELEMENT.read(in);
				if (this.check == Check.ARRAY_CAST) {
					// client-java casts the value to an array before checking it is one
					JsonArray.class.cast(value);
				}
				throw new IllegalArgumentException(String.format(Locale.ROOT,
						"Expected the field `%s` to be an array in the JSON string but got `%s`", this.name, value));
			}
		}

	}

}
