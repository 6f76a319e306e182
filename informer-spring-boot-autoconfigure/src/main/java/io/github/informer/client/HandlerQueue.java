package io.github.informer.client;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.ResourceEventHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One handler's queue and thread, as client-java's {@code ProcessorListener} gives each handler: a slow handler only
 * delays itself, and each handler sees the events of one object in order. Unlike it, the queue depth is visible (for
 * the endpoint and metrics) and stopping is quiet.
 *
 * @param <T> the object type
 */
final class HandlerQueue<T extends KubernetesObject> implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(HandlerQueue.class);

	private final String informerName;

	private final ResourceEventHandler<T> handler;

	private final BlockingQueue<Event<T>> queue = new LinkedBlockingQueue<>();

	private final AtomicLong delivered = new AtomicLong();

	private volatile boolean running = true;

	private volatile @Nullable Thread thread;

	HandlerQueue(String informerName, ResourceEventHandler<T> handler) {
		this.informerName = informerName;
		this.handler = handler;
	}

	ResourceEventHandler<T> handler() {
		return this.handler;
	}

	void added(T object) {
		this.queue.add(new Event<>(EventKind.ADDED, null, object, false));
	}

	void updated(T oldObject, T newObject) {
		this.queue.add(new Event<>(EventKind.UPDATED, oldObject, newObject, false));
	}

	void deleted(T object, boolean finalStateUnknown) {
		this.queue.add(new Event<>(EventKind.DELETED, null, object, finalStateUnknown));
	}

	int queued() {
		return this.queue.size();
	}

	long delivered() {
		return this.delivered.get();
	}

	void start(Thread newThread) {
		this.thread = newThread;
		newThread.start();
	}

	void signalStop() {
		this.running = false;
		Thread current = this.thread;
		if (current != null) {
			current.interrupt();
		}
	}

	boolean awaitTermination(long millis) throws InterruptedException {
		Thread current = this.thread;
		if (current == null) {
			return true;
		}
		current.join(Math.max(1, millis));
		return !current.isAlive();
	}

	@Override
	public void run() {
		while (this.running) {
			Event<T> event;
			try {
				event = this.queue.take();
			}
			catch (InterruptedException ex) {
				return;
			}
			try {
				switch (event.kind) {
					case ADDED -> this.handler.onAdd(event.object);
					case UPDATED -> this.handler.onUpdate(event.oldObject, event.object);
					case DELETED -> this.handler.onDelete(event.object, event.finalStateUnknown);
				}
			}
			catch (RuntimeException ex) {
				logger.error("Informer '{}': handler {} failed on a {} event", this.informerName, this.handler,
						event.kind, ex);
			}
			finally {
				this.delivered.incrementAndGet();
			}
		}
	}

	private enum EventKind {

		ADDED, UPDATED, DELETED

	}

	private record Event<T>(EventKind kind, @Nullable T oldObject, T object, boolean finalStateUnknown) {
	}

}
