package io.github.informer.controller;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The key of one primary object: what a {@link Reconciler} is asked to reconcile, and what the work queue
 * de-duplicates on.
 *
 * @param namespace the namespace, {@code null} for a cluster-scoped object
 * @param name the name
 */
public record ReconcileRequest(@Nullable String namespace, String name) {

	public ReconcileRequest {
		Assert.hasText(name, "name must not be empty");
		if (namespace != null && namespace.isEmpty()) {
			namespace = null;
		}
	}

	/**
	 * Return the request for an object.
	 * @param object the object, with a name in its metadata
	 * @return its request
	 */
	public static ReconcileRequest of(KubernetesObject object) {
		V1ObjectMeta metadata = object.getMetadata();
		Assert.isTrue(metadata != null && metadata.getName() != null, "object has no metadata.name");
		return new ReconcileRequest(metadata.getNamespace(), metadata.getName());
	}

	/**
	 * Return the cache key of the object: {@code namespace/name}, or {@code name} when cluster-scoped (the key the
	 * informers' indexers and {@code Lister.get} use).
	 * @return the key
	 */
	public String key() {
		return (this.namespace != null) ? this.namespace + "/" + this.name : this.name;
	}

	@Override
	public String toString() {
		return key();
	}

}
