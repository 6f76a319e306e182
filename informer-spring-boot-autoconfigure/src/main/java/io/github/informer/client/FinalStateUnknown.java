package io.github.informer.client;

import java.util.ArrayList;
import java.util.List;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.cache.Cache;
import io.kubernetes.client.informer.cache.DeltaFIFO;

/**
 * Wraps objects found missing by a relist in client-java's {@link DeltaFIFO.DeletedFinalStateUnknown}, which its
 * {@code ProcessorListener} turns into {@code onDelete(lastKnownState, true)}. Its constructor is package-private;
 * {@link DeltaFIFO#replace} is the public way client-java creates them, so this asks a throwaway queue to do it.
 */
final class FinalStateUnknown {

	private FinalStateUnknown() {
	}

	/**
	 * Wrap the last known states of objects deleted while no watch was running.
	 * @param objects the objects
	 * @return one {@code DeletedFinalStateUnknown} per object
	 */
	@SuppressWarnings("unchecked")
	static List<KubernetesObject> wrap(List<? extends KubernetesObject> objects) {
		if (objects.isEmpty()) {
			return List.of();
		}
		Cache<KubernetesObject> known = new Cache<>();
		objects.forEach(known::add);
		DeltaFIFO queue = new DeltaFIFO(known.getKeyFunc(), known);
		queue.replace(List.of(), "");
		List<KubernetesObject> wrapped = new ArrayList<>(objects.size());
		try {
			int count = known.listKeys().size();
			for (int i = 0; i < count; i++) {
				queue.pop((deltas) -> deltas.forEach((delta) -> wrapped.add(delta.getRight())));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return wrapped;
	}

}
