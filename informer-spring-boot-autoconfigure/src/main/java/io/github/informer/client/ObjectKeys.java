package io.github.informer.client;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.cache.Caches;

/**
 * The cache key of an object for log lines: {@code namespace/name}, never the object's contents (informers may watch
 * Secrets), and a placeholder instead of a failure when the object has no metadata.
 */
final class ObjectKeys {

	private ObjectKeys() {
	}

	static String of(KubernetesObject object) {
		try {
			return Caches.deletionHandlingMetaNamespaceKeyFunc(object);
		}
		catch (RuntimeException ex) {
			return "an object without metadata.name";
		}
	}

}
