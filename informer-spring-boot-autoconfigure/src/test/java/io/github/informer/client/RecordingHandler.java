package io.github.informer.client;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.ResourceEventHandler;

/**
 * Records the events a handler receives, as "ADDED ns/name", "UPDATED ns/name", "DELETED ns/name[ unknown]".
 */
class RecordingHandler<T extends KubernetesObject> implements ResourceEventHandler<T> {

	final List<String> events = new CopyOnWriteArrayList<>();

	final List<String> threads = new CopyOnWriteArrayList<>();

	@Override
	public void onAdd(T object) {
		record("ADDED " + key(object));
	}

	@Override
	public void onUpdate(T oldObject, T newObject) {
		record("UPDATED " + key(newObject));
	}

	@Override
	public void onDelete(T object, boolean finalStateUnknown) {
		record("DELETED " + key(object) + (finalStateUnknown ? " unknown" : ""));
	}

	private void record(String event) {
		this.threads.add(Thread.currentThread().getName());
		this.events.add(event);
	}

	private static String key(KubernetesObject object) {
		return object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
	}

}
