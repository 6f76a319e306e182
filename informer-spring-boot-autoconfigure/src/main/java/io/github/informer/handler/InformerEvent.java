package io.github.informer.handler;

import io.github.informer.annotation.EventType;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.cache.Caches;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import org.jspecify.annotations.Nullable;

/**
 * One informer event as a handler method sees it.
 *
 * @param type the kind of change
 * @param object the new state; on {@link EventType#DELETED} the last known state
 * @param oldObject the previous state on {@link EventType#UPDATED}, otherwise {@code null}
 * @param resync whether this is a periodic re-delivery of an unchanged cached object ({@code oldObject == object})
 * @param finalStateUnknown whether a delete was missed while the watch was down and found by a relist, so
 * {@code object} may be stale
 * @param informer the informer's name
 * @param <T> the Kubernetes object type
 */
public record InformerEvent<T extends KubernetesObject>(EventType type, T object, @Nullable T oldObject,
		boolean resync, boolean finalStateUnknown, String informer) {

	/**
	 * An object the informer added to its cache (or replays to a handler added late).
	 * @param informer the informer's name
	 * @param object the object
	 * @param <T> the object type
	 * @return the event
	 */
	public static <T extends KubernetesObject> InformerEvent<T> added(String informer, T object) {
		return new InformerEvent<>(EventType.ADDED, object, null, false, false, informer);
	}

	/**
	 * An object that changed.
	 * @param informer the informer's name
	 * @param oldObject the previous state
	 * @param newObject the new state
	 * @param <T> the object type
	 * @return the event
	 */
	public static <T extends KubernetesObject> InformerEvent<T> updated(String informer, T oldObject, T newObject) {
		return new InformerEvent<>(EventType.UPDATED, newObject, oldObject, false, false, informer);
	}

	/**
	 * A cached object delivered again by a handler's resync period: {@code UPDATED}, flagged {@code resync}, with
	 * {@code oldObject == object}.
	 * @param informer the informer's name
	 * @param object the cached object
	 * @param <T> the object type
	 * @return the event
	 */
	public static <T extends KubernetesObject> InformerEvent<T> resynced(String informer, T object) {
		return new InformerEvent<>(EventType.UPDATED, object, object, true, false, informer);
	}

	/**
	 * An object removed from the cache.
	 * @param informer the informer's name
	 * @param object its last known state
	 * @param finalStateUnknown whether a relist found it gone, so {@code object} may be stale
	 * @param <T> the object type
	 * @return the event
	 */
	public static <T extends KubernetesObject> InformerEvent<T> deleted(String informer, T object,
			boolean finalStateUnknown) {
		return new InformerEvent<>(EventType.DELETED, object, null, false, finalStateUnknown, informer);
	}

	/**
	 * The object's cache key, {@code namespace/name} or {@code name} for cluster-scoped objects. Safe to log.
	 * @return the key
	 */
	public String key() {
		V1ObjectMeta metadata = this.object.getMetadata();
		if (metadata == null) {
			return "<no metadata>";
		}
		return String.valueOf(Caches.metaNamespaceKeyFunc(this.object));
	}

	/**
	 * Describes the event without object contents (informers may watch Secrets).
	 */
	@Override
	public String toString() {
		return "InformerEvent[type=" + this.type + ", informer=" + this.informer + ", key=" + key() + ", resync="
				+ this.resync + ", finalStateUnknown=" + this.finalStateUnknown + "]";
	}

}
