package io.github.informer.decoder;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.google.gson.JsonElement;
import com.google.gson.JsonIOException;
import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.internal.LazilyParsedNumber;
import com.google.gson.internal.bind.TypeAdapters;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;
import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.JSON;
import org.jspecify.annotations.Nullable;

/**
 * Readers for the value types of model fields. For client-java's generated models ({@code tree} semantics) the
 * scalars are converted as client-java converts them after reading a JSON tree ({@code JsonPrimitive}'s rules: a
 * number {@code 1.5} in an integer field is 1, a number too large for an int keeps its low bits, a NaN is an
 * error); types whose adapters read strings only (dates, {@code Quantity}, base64 {@code byte[]}, booleans) use
 * client-java's adapters directly; {@code Object} fields (the free-form parts of {@code V1JSONSchemaProps}) are
 * read as a tree, as client-java reads them. For user classes, which Gson reads reflectively from the stream, every
 * scalar uses Gson's adapter on the stream.
 */
final class ValueReaders {

	static final ObjectReader<String> STRING = (in) -> {
		JsonToken token = in.peek();
		if (token == JsonToken.NULL) {
			in.nextNull();
			return null;
		}
		// as Gson's string adapter: a boolean becomes its text, a number its literal
		return (token == JsonToken.BOOLEAN) ? Boolean.toString(in.nextBoolean()) : in.nextString();
	};

	private static final ObjectReader<Integer> TREE_INTEGER = (in) -> treeNumber(in,
			(number) -> number.intValue(), Integer::parseInt);

	private static final ObjectReader<Long> TREE_LONG = (in) -> treeNumber(in, (number) -> number.longValue(),
			Long::parseLong);

	private static final ObjectReader<Double> TREE_DOUBLE = (in) -> {
		JsonToken token = in.peek();
		if (token == JsonToken.NULL) {
			in.nextNull();
			return null;
		}
		requireNumberOrString(in, token);
		double value = Double.parseDouble(in.nextString());
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			// client-java's tree reader is strict; its adapter wraps the failure as fromJsonTree does
			throw new JsonIOException(new MalformedJsonException("JSON forbids NaN and infinities: " + value));
		}
		return value;
	};

	private static final ObjectReader<IntOrString> TREE_INT_OR_STRING = (in) -> {
		JsonToken token = in.peek();
		if (token == JsonToken.NULL) {
			in.nextNull();
			return null;
		}
		if (token == JsonToken.NUMBER) {
			return new IntOrString(new LazilyParsedNumber(in.nextString()).intValue());
		}
		if (token == JsonToken.STRING) {
			return new IntOrString(in.nextString());
		}
		throw new IllegalStateException("Could not deserialize to IntOrString. Was " + token);
	};

	private ValueReaders() {
	}

	/**
	 * Return the reader for a field's declared type.
	 * @param type the generic type
	 * @param tree whether the declaring class is a client-java model (tree semantics)
	 * @param validated whether client-java validates the declaring class (its list elements must be objects)
	 * @return the reader
	 */
	static ObjectReader<?> forType(Type type, boolean tree, boolean validated) {
		Class<?> raw = rawType(type);
		if (raw == String.class) {
			return STRING;
		}
		if (tree) {
			if (raw == Integer.class) {
				return TREE_INTEGER;
			}
			if (raw == Long.class) {
				return TREE_LONG;
			}
			if (raw == Double.class) {
				return TREE_DOUBLE;
			}
			if (raw == IntOrString.class) {
				return TREE_INT_OR_STRING;
			}
			if (raw == Boolean.class || raw == Quantity.class || raw == byte[].class
					|| raw == java.time.OffsetDateTime.class || raw == java.time.LocalDate.class) {
				// these adapters read one string or boolean token: the same on a stream as on a tree
				return adapter(type);
			}
		}
		if (raw == List.class || raw == Collection.class || raw == ArrayList.class) {
			Type element = typeArgument(type, 0);
			Class<?> elementRaw = rawType(element);
			boolean nullForbidden = validated && ModelSchema.streamable(elementRaw);
			ObjectReader<?> elementReader = nullForbidden ? new ModelReader(elementRaw, true)
					: forType(element, tree, false);
			return new ListReader(elementReader);
		}
		if (raw == Map.class && rawType(typeArgument(type, 0)) == String.class) {
			return new MapReader(forType(typeArgument(type, 1), tree, false), fallback(type, tree), !tree);
		}
		if (ModelSchema.streamable(raw)) {
			return new ModelReader(raw, false);
		}
		if (ModelSchema.of(raw).strippable() || io.kubernetes.client.common.KubernetesObject.class
				.isAssignableFrom(raw)) {
			return new ClientJavaReader<>(raw);
		}
		return fallback(type, tree);
	}

	/**
	 * The reader that does what client-java does with any other value: read its tree and map it (client-java
	 * models), or Gson's adapter on the stream (user classes).
	 */
	private static ObjectReader<?> fallback(Type type, boolean tree) {
		return tree ? new TreeValueReader(type) : adapter(type);
	}

	private static ObjectReader<?> adapter(Type type) {
		TypeAdapter<?> adapter = JSON.getGson().getAdapter(TypeToken.get(type));
		return adapter::read;
	}

	/**
	 * An integer as client-java's tree converts it: a number token through {@code LazilyParsedNumber} (which
	 * truncates fractions and keeps the low bits of large values), a string token parsed strictly; a number format
	 * failure is a {@code JsonSyntaxException}, as Gson's integer adapters make it.
	 */
	private static <N> @Nullable N treeNumber(JsonReader in, Function<LazilyParsedNumber, N> fromNumber,
			Function<String, N> fromString) throws IOException {
		JsonToken token = in.peek();
		if (token == JsonToken.NULL) {
			in.nextNull();
			return null;
		}
		requireNumberOrString(in, token);
		try {
			return (token == JsonToken.NUMBER) ? fromNumber.apply(new LazilyParsedNumber(in.nextString()))
					: fromString.apply(in.nextString());
		}
		catch (NumberFormatException ex) {
			throw new JsonSyntaxException(ex);
		}
	}

	private static void requireNumberOrString(JsonReader in, JsonToken token) {
		if (token != JsonToken.NUMBER && token != JsonToken.STRING) {
			throw new IllegalStateException("Expected NUMBER but was " + token + " at path " + in.getPath());
		}
	}

	static Class<?> rawType(Type type) {
		if (type instanceof WildcardType wildcard) {
			return rawType(wildcard.getUpperBounds()[0]);
		}
		return TypeToken.get(type).getRawType();
	}

	static Type typeArgument(Type type, int index) {
		if (type instanceof ParameterizedType parameterized) {
			Type argument = parameterized.getActualTypeArguments()[index];
			return (argument instanceof WildcardType wildcard) ? wildcard.getUpperBounds()[0] : argument;
		}
		return Object.class;
	}

	/** A nested model object, streamed. */
	static final class ModelReader implements ObjectReader<Object> {

		private final Class<?> type;

		private final boolean nullForbidden;

		private volatile @Nullable ModelSchema schema;

		ModelReader(Class<?> type, boolean nullForbidden) {
			this.type = type;
			this.nullForbidden = nullForbidden;
		}

		@Override
		public @Nullable Object read(JsonReader in) throws IOException {
			if (in.peek() == JsonToken.NULL) {
				in.nextNull();
				if (this.nullForbidden) {
					// client-java validates every element of a list of models as an object
					throw new IllegalStateException("Not a JSON Object: null");
				}
				return null;
			}
			ModelSchema schema = this.schema;
			if (schema == null) {
				schema = ModelSchema.of(this.type);
				this.schema = schema;
			}
			return schema.readObject(in);
		}

	}

	/** A list, as Gson's collection adapter reads it (into an {@code ArrayList}). */
	private static final class ListReader implements ObjectReader<List<Object>> {

		private final ObjectReader<?> element;

		ListReader(ObjectReader<?> element) {
			this.element = element;
		}

		@Override
		public @Nullable List<Object> read(JsonReader in) throws IOException {
			if (in.peek() == JsonToken.NULL) {
				in.nextNull();
				return null;
			}
			List<Object> list = new ArrayList<>();
			in.beginArray();
			while (in.hasNext()) {
				list.add(this.element.read(in));
			}
			in.endArray();
			return list;
		}

	}

	/**
	 * A map with string keys, as Gson's map adapter reads it, in a {@code LinkedHashMap} (Gson makes a
	 * {@code LinkedTreeMap}: equal by {@code Map.equals}, same iteration order, cheaper to fill (no tree), and what the
	 * starter's interning turns every map into anyway). A duplicate key keeps the last value for client-java models
	 * (their tree has already merged duplicates) and fails for user classes (Gson's adapter on the stream fails).
	 */
	private static final class MapReader implements ObjectReader<Map<String, Object>> {

		private final ObjectReader<?> value;

		private final ObjectReader<?> arrayForm;

		private final boolean duplicatesFail;

		MapReader(ObjectReader<?> value, ObjectReader<?> arrayForm, boolean duplicatesFail) {
			this.value = value;
			this.arrayForm = arrayForm;
			this.duplicatesFail = duplicatesFail;
		}

		@Override
		@SuppressWarnings("unchecked")
		public @Nullable Map<String, Object> read(JsonReader in) throws IOException {
			JsonToken token = in.peek();
			if (token == JsonToken.NULL) {
				in.nextNull();
				return null;
			}
			if (token == JsonToken.BEGIN_ARRAY) {
				// Gson's map adapter also takes an array of [key, value] pairs: rare enough to hand over
				return (Map<String, Object>) this.arrayForm.read(in);
			}
			Map<String, Object> map = new LinkedHashMap<>();
			in.beginObject();
			while (in.hasNext()) {
				String key = in.nextName();
				Object replaced = map.put(key, this.value.read(in));
				if (replaced != null && this.duplicatesFail) {
					throw new JsonSyntaxException("duplicate key: " + key);
				}
			}
			in.endObject();
			return map;
		}

	}

	/** Any other value of a client-java model: read as a tree and mapped, as client-java does. */
	private static final class TreeValueReader implements ObjectReader<Object> {

		private final TypeToken<?> type;

		TreeValueReader(Type type) {
			this.type = TypeToken.get(type);
		}

		@Override
		public @Nullable Object read(JsonReader in) throws IOException {
			JsonElement tree = TypeAdapters.JSON_ELEMENT.read(in);
			return JSON.getGson().getAdapter(this.type).fromJsonTree(tree);
		}

	}

}
