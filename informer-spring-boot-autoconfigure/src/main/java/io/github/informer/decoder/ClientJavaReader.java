package io.github.informer.decoder;

import java.io.IOException;

import com.google.gson.JsonElement;
import com.google.gson.internal.bind.TypeAdapters;
import com.google.gson.stream.JsonReader;
import io.kubernetes.client.openapi.JSON;
import org.jspecify.annotations.Nullable;

/**
 * client-java's own decoding of one object (its adapter over a JSON tree, with its validation), after removing the
 * fields its models do not know: client-java 27 rejects them, so one field added by a newer API server would stop
 * the informer. The result is client-java's decoding of the same JSON without those fields.
 *
 * @param <T> the object type
 */
final class ClientJavaReader<T> implements ObjectReader<T> {

	private final Class<T> type;

	ClientJavaReader(Class<T> type) {
		this.type = type;
	}

	@Override
	public @Nullable T read(JsonReader in) throws IOException {
		JsonElement tree = TypeAdapters.JSON_ELEMENT.read(in);
		UnknownFields.remove(tree, this.type);
		// the adapter of the current Gson: DynamicKubernetesApi replaces client-java's Gson to register its own
		return JSON.getGson().getAdapter(this.type).fromJsonTree(tree);
	}

}
