package io.github.informer.client;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import org.jspecify.annotations.Nullable;

/**
 * Sets {@code apiVersion} and {@code kind} from the informer's resource on objects that arrive without them:
 * kube-apiserver omits them on the items of typed lists (and aggregated APIs do too), so handlers, conditions and
 * indexes could not rely on them otherwise. Works on the JSON-named fields of typed models (client-java's and user
 * models, whose getters may not tolerate a missing value) and on the raw JSON of a {@link DynamicKubernetesObject}
 * (whose {@code getApiVersion()} throws when the member is absent).
 */
final class TypeMeta {

	private final String apiVersion;

	private final String kind;

	private final @Nullable Field apiVersionField;

	private final @Nullable Field kindField;

	TypeMeta(ResourceType<?> resource) {
		this.apiVersion = resource.apiVersion();
		this.kind = resource.kind();
		Class<?> type = resource.apiType();
		boolean dynamic = DynamicKubernetesObject.class.isAssignableFrom(type);
		this.apiVersionField = dynamic ? null : stringField(type, "apiVersion");
		this.kindField = dynamic ? null : stringField(type, "kind");
	}

	private static @Nullable Field stringField(Class<?> type, String jsonName) {
		Field field = ModelFields.of(type).get(jsonName);
		boolean writable = field != null && field.getType() == String.class && !Modifier.isFinal(field.getModifiers());
		return writable ? field : null;
	}

	/**
	 * Fill the missing members of one object, in place.
	 * @param object the object, as decoded
	 */
	void fill(KubernetesObject object) {
		if (object instanceof DynamicKubernetesObject dynamic) {
			JsonObject raw = dynamic.getRaw();
			fill(raw, "apiVersion", this.apiVersion);
			fill(raw, "kind", this.kind);
			return;
		}
		try {
			fill(object, this.apiVersionField, this.apiVersion);
			fill(object, this.kindField, this.kind);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot set apiVersion/kind on " + object.getClass().getName(), ex);
		}
	}

	private static void fill(JsonObject raw, String member, String value) {
		JsonElement current = raw.get(member);
		if (current == null || current.isJsonNull()) {
			raw.addProperty(member, value);
		}
	}

	private static void fill(Object object, @Nullable Field field, String value) throws IllegalAccessException {
		if (field != null && field.getDeclaringClass().isInstance(object) && field.get(object) == null) {
			field.set(object, value);
		}
	}

}
