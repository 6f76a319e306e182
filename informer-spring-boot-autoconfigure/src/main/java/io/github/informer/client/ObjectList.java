package io.github.informer.client;

import java.util.ArrayList;
import java.util.List;

import io.github.informer.decoder.DecodedList;
import io.kubernetes.client.common.KubernetesListObject;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1ListMeta;
import org.jspecify.annotations.Nullable;

/**
 * A list response of any kind ({@code PodList}, a custom resource list) with the item type as a generic parameter,
 * so one list/watch implementation serves built-in models, user models and {@code DynamicKubernetesObject} alike.
 * Decoded by the informer's {@code ModelDecoder}, item by item from the response stream.
 *
 * @param <T> the item type
 */
public final class ObjectList<T extends KubernetesObject> implements KubernetesListObject {

	private @Nullable String apiVersion;

	private @Nullable String kind;

	private @Nullable V1ListMeta metadata;

	private @Nullable List<T> items;

	/**
	 * Create an empty list.
	 */
	public ObjectList() {
	}

	ObjectList(DecodedList<T> decoded) {
		this.apiVersion = decoded.apiVersion();
		this.kind = decoded.kind();
		this.metadata = decoded.metadata();
		this.items = decoded.items();
	}

	@Override
	public V1ListMeta getMetadata() {
		if (this.metadata == null) {
			this.metadata = new V1ListMeta();
		}
		return this.metadata;
	}

	@Override
	public List<T> getItems() {
		if (this.items == null) {
			this.items = new ArrayList<>();
		}
		return this.items;
	}

	@Override
	public @Nullable String getApiVersion() {
		return this.apiVersion;
	}

	@Override
	public @Nullable String getKind() {
		return this.kind;
	}

}
