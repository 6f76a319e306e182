package io.github.informer.decoder;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.Map;

import com.google.gson.JsonObject;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import org.jspecify.annotations.Nullable;

/**
 * Reads the object of a BOOKMARK event as what it is, a resourceVersion (and the annotations, which carry
 * {@code k8s.io/initial-events-end} in a streaming list), never through the model: a bookmark's object is an empty
 * object of the kind, either only {@code metadata.resourceVersion} or the kind's Go zero value
 * ({@code "involvedObject":{}}, {@code "containers":null}), which client-java's required-field checks reject for
 * about 40 kinds. The event's object is a new instance of the model holding only that metadata.
 *
 * @param <T> the model type
 */
final class Bookmarks<T> {

	private final Class<T> type;

	Bookmarks(Class<T> type) {
		this.type = type;
	}

	/**
	 * Read a bookmark's object from a reader positioned on it.
	 * @return an instance holding only the metadata, or {@code null} if the model has no way to hold it
	 */
	@Nullable T read(JsonReader in) throws IOException {
		if (in.peek() != JsonToken.BEGIN_OBJECT) {
			in.skipValue();
			return null;
		}
		V1ObjectMeta metadata = new V1ObjectMeta();
		in.beginObject();
		while (in.hasNext()) {
			if (in.nextName().equals("metadata") && in.peek() == JsonToken.BEGIN_OBJECT) {
				readMetadata(in, metadata);
			}
			else {
				in.skipValue();
			}
		}
		in.endObject();
		return create(metadata);
	}

	private static void readMetadata(JsonReader in, V1ObjectMeta metadata) throws IOException {
		in.beginObject();
		while (in.hasNext()) {
			String name = in.nextName();
			JsonToken token = in.peek();
			if (name.equals("resourceVersion") && (token == JsonToken.STRING || token == JsonToken.NUMBER)) {
				metadata.setResourceVersion(in.nextString());
			}
			else if (name.equals("annotations") && token == JsonToken.BEGIN_OBJECT) {
				metadata.setAnnotations(readStrings(in));
			}
			else {
				in.skipValue();
			}
		}
		in.endObject();
	}

	private static Map<String, String> readStrings(JsonReader in) throws IOException {
		Map<String, String> values = new HashMap<>();
		in.beginObject();
		while (in.hasNext()) {
			String key = in.nextName();
			JsonToken token = in.peek();
			if (token == JsonToken.STRING || token == JsonToken.NUMBER || token == JsonToken.BOOLEAN) {
				values.put(key, (token == JsonToken.BOOLEAN) ? Boolean.toString(in.nextBoolean()) : in.nextString());
			}
			else {
				in.skipValue();
			}
		}
		in.endObject();
		return values;
	}

	private @Nullable T create(V1ObjectMeta metadata) {
		if (DynamicKubernetesObject.class.isAssignableFrom(this.type)) {
			JsonObject raw = new JsonObject();
			raw.add("metadata", new JsonObject());
			DynamicKubernetesObject object = newDynamic(raw);
			if (object != null) {
				object.setMetadata(metadata);
			}
			return this.type.cast(object);
		}
		try {
			Constructor<T> constructor = this.type.getDeclaredConstructor();
			constructor.setAccessible(true);
			T object = constructor.newInstance();
			if (!setMetadata(object, metadata)) {
				return null;
			}
			return object;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	private @Nullable DynamicKubernetesObject newDynamic(JsonObject raw) {
		if (this.type == DynamicKubernetesObject.class) {
			return new DynamicKubernetesObject(raw);
		}
		try {
			Constructor<T> constructor = this.type.getDeclaredConstructor(JsonObject.class);
			constructor.setAccessible(true);
			return (DynamicKubernetesObject) constructor.newInstance(raw);
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return null;
		}
	}

	private boolean setMetadata(T object, V1ObjectMeta metadata) throws ReflectiveOperationException {
		try {
			Method setter = this.type.getMethod("setMetadata", V1ObjectMeta.class);
			setter.invoke(object, metadata);
			return true;
		}
		catch (NoSuchMethodException ex) {
			for (Class<?> current = this.type; current != null && current != Object.class;
					current = current.getSuperclass()) {
				for (Field field : current.getDeclaredFields()) {
					if (field.getType() == V1ObjectMeta.class) {
						field.setAccessible(true);
						field.set(object, metadata);
						return true;
					}
				}
			}
			return false;
		}
	}

}
