package io.github.informer.decoder;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.JarURLConnection;
import java.net.URL;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.jar.JarFile;

import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Pod;
import org.jspecify.annotations.Nullable;

/**
 * Every model class of client-java-api (enumerated from its jar), and instances of them filled with generated
 * values for every field: nested models, lists, maps, every special type, empty collections.
 */
final class ModelValues {

	private static final String[] STRINGS = { "a", "", "nginx:1.25", "ünïcødé ☃", "quote \" backslash \\ tab \t",
			"line\nbreak", "100", "true", "{not json}" };

	private static final String[] QUANTITIES = { "100m", "2Gi", "1.5", "0", "1e3", "500Mi", "3" };

	private final Random random;

	ModelValues(long seed) {
		this.random = new Random(seed);
	}

	/** Every concrete model class of client-java-api. */
	static List<Class<?>> modelClasses() throws Exception {
		List<Class<?>> classes = new ArrayList<>();
		URL jar = V1Pod.class.getResource("V1Pod.class");
		try (JarFile file = ((JarURLConnection) jar.openConnection()).getJarFile()) {
			for (var entry : file.stream().toList()) {
				String name = entry.getName();
				if (name.startsWith("io/kubernetes/client/openapi/models/") && name.endsWith(".class")
						&& !name.contains("$")) {
					Class<?> type = Class.forName(name.replace('/', '.').replace(".class", ""));
					if (!Modifier.isAbstract(type.getModifiers())) {
						classes.add(type);
					}
				}
			}
		}
		return classes;
	}

	@SuppressWarnings("unchecked")
	static Set<String> requiredFields(Class<?> type) {
		try {
			return (Set<String>) type.getField("openapiRequiredFields").get(null);
		}
		catch (ReflectiveOperationException ex) {
			return Set.of();
		}
	}

	/**
	 * Fill an instance of the class: every field gets a value (required ones always), optional ones sometimes
	 * {@code null} or empty.
	 */
	Object fill(Class<?> type, int depth) throws Exception {
		Constructor<?> constructor = type.getDeclaredConstructor();
		constructor.setAccessible(true);
		Object target = constructor.newInstance();
		Set<String> required = requiredFields(type);
		for (Field field : type.getDeclaredFields()) {
			if (Modifier.isStatic(field.getModifiers())) {
				continue;
			}
			field.setAccessible(true);
			String name = field.getAnnotation(com.google.gson.annotations.SerializedName.class).value();
			boolean isRequired = required.contains(name);
			if (!isRequired && this.random.nextInt(8) == 0) {
				field.set(target, null);
				continue;
			}
			field.set(target, value(field.getGenericType(), depth, isRequired));
		}
		return target;
	}

	@Nullable Object value(Type type, int depth, boolean required) throws Exception {
		Class<?> raw = ValueReaders.rawType(type);
		if (raw == String.class) {
			return STRINGS[this.random.nextInt(STRINGS.length)];
		}
		if (raw == Integer.class) {
			return switch (this.random.nextInt(4)) {
				case 0 -> 0;
				case 1 -> -this.random.nextInt(1000);
				case 2 -> Integer.MAX_VALUE;
				default -> this.random.nextInt();
			};
		}
		if (raw == Long.class) {
			return (this.random.nextBoolean()) ? this.random.nextLong() : (long) this.random.nextInt(100000);
		}
		if (raw == Double.class) {
			return (this.random.nextBoolean()) ? this.random.nextDouble() * 1e6 : 0.5;
		}
		if (raw == Boolean.class) {
			return this.random.nextBoolean();
		}
		if (raw == OffsetDateTime.class) {
			OffsetDateTime time = OffsetDateTime.of(2026, 1 + this.random.nextInt(12), 1 + this.random.nextInt(28),
					this.random.nextInt(24), this.random.nextInt(60), this.random.nextInt(60), 0, ZoneOffset.UTC);
			return this.random.nextBoolean() ? time : time.withNano(this.random.nextInt(1_000_000) * 1000);
		}
		if (raw == byte[].class) {
			byte[] bytes = new byte[this.random.nextInt(40)];
			this.random.nextBytes(bytes);
			return bytes;
		}
		if (raw == IntOrString.class) {
			return this.random.nextBoolean() ? new IntOrString(this.random.nextInt(65536))
					: new IntOrString(STRINGS[this.random.nextInt(STRINGS.length)]);
		}
		if (raw == Quantity.class) {
			return Quantity.fromString(QUANTITIES[this.random.nextInt(QUANTITIES.length)]);
		}
		if (raw == Object.class) {
			return switch (this.random.nextInt(5)) {
				case 0 -> "free-form";
				case 1 -> 42.0;
				case 2 -> true;
				case 3 -> new ArrayList<>(List.of("x", 1.5));
				default -> new LinkedHashMap<>(Map.of("nested", new LinkedHashMap<>(Map.of("k", "v")), "n", 2.0));
			};
		}
		if (List.class.isAssignableFrom(raw)) {
			Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
			int size = (depth > 2) ? 0 : this.random.nextInt(3);
			if (required && size == 0 && depth <= 2) {
				size = 1;
			}
			List<Object> list = new ArrayList<>();
			for (int i = 0; i < size; i++) {
				list.add(value(element, depth + 1, true));
			}
			return list;
		}
		if (Map.class.isAssignableFrom(raw)) {
			Type valueType = ((ParameterizedType) type).getActualTypeArguments()[1];
			int size = (depth > 2) ? 0 : this.random.nextInt(3);
			Map<String, Object> map = new LinkedHashMap<>();
			for (int i = 0; i < size; i++) {
				map.put("key-" + i + "/" + STRINGS[this.random.nextInt(STRINGS.length)], value(valueType, depth + 1,
						true));
			}
			return map;
		}
		if (raw.getName().startsWith(ModelSchema.MODELS_PACKAGE)) {
			if (depth > 3 && !required) {
				return null;
			}
			return fill(raw, depth + 1);
		}
		throw new IllegalStateException("no generator for " + type);
	}

}
