package io.github.informer.client;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.ResourceEventHandler;

/**
 * A {@link ResourceEventHandler} that tells resync deliveries apart from real updates. A plain handler receives a
 * resync as {@code onUpdate(object, object)}, as client-java delivers it; this one receives {@link #onResync}.
 *
 * @param <T> the object type
 */
public interface ResyncingEventHandler<T extends KubernetesObject> extends ResourceEventHandler<T> {

	/**
	 * A cached object delivered again by this handler's resync period; unchanged since the last event about it.
	 * @param object the cached object
	 */
	void onResync(T object);

}
