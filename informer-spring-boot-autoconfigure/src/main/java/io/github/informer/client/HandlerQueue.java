package io.github.informer.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.ResourceEventHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One handler's queue and thread, as client-java's {@code ProcessorListener} gives each handler: a slow handler only
 * delays itself, and each handler sees the events of one object in order. Unlike it, the queue depth and lag are
 * visible (for the endpoint and metrics), resync rounds go through the same queue as watch events (so a resync never
 * overtakes a change), a round is not queued again while the previous one waits, and stopping is quiet.
 *
 * @param <T> the object type
 */
final class HandlerQueue<T extends KubernetesObject> implements Runnable, HandlerQueueView {

	private static final Logger logger = LoggerFactory.getLogger(HandlerQueue.class);

	private final String informerName;

	private final ResourceEventHandler<T> handler;

	private final String threadName;

	private final BlockingQueue<Event<T>> queue = new LinkedBlockingQueue<>();

	private final AtomicInteger pendingResync = new AtomicInteger();

	private final AtomicLong resyncRounds = new AtomicLong();

	private volatile long busySinceNanos;

	private volatile boolean running = true;

	private volatile @Nullable Thread thread;

	private volatile @Nullable ScheduledFuture<?> resyncTask;

	HandlerQueue(String informerName, ResourceEventHandler<T> handler, String threadName) {
		this.informerName = informerName;
		this.handler = handler;
		this.threadName = threadName;
	}

	String threadName() {
		return this.threadName;
	}

	void added(T object) {
		this.queue.add(new Event<>(EventKind.ADDED, null, object, false, System.nanoTime()));
	}

	void updated(T oldObject, T newObject) {
		this.queue.add(new Event<>(EventKind.UPDATED, oldObject, newObject, false, System.nanoTime()));
	}

	void deleted(T object, boolean finalStateUnknown) {
		this.queue.add(new Event<>(EventKind.DELETED, null, object, finalStateUnknown, System.nanoTime()));
	}

	/**
	 * Queue one resync round over the given cached objects, unless the previous round is still waiting.
	 * @param objects the cache's current objects
	 * @return whether a round was queued
	 */
	boolean resync(List<T> objects) {
		if (!this.pendingResync.compareAndSet(0, objects.size() + 1)) {
			return false;
		}
		long now = System.nanoTime();
		for (T object : objects) {
			this.queue.add(new Event<>(EventKind.RESYNC, null, object, false, now));
		}
		this.queue.add(new Event<>(EventKind.RESYNC_DONE, null, null, false, now));
		return true;
	}

	@Override
	public int queued() {
		int waiting = this.queue.size() - (this.pendingResync.get() > 0 ? 1 : 0);
		return Math.max(0, waiting) + ((this.busySinceNanos != 0) ? 1 : 0);
	}

	@Override
	public Duration lag() {
		long since = this.busySinceNanos;
		if (since == 0) {
			Event<T> head = this.queue.peek();
			if (head == null) {
				return Duration.ZERO;
			}
			since = head.enqueuedNanos();
		}
		return Duration.ofNanos(Math.max(0, System.nanoTime() - since));
	}

	@Override
	public long resyncRounds() {
		return this.resyncRounds.get();
	}

	void start(Thread newThread) {
		this.thread = newThread;
		newThread.start();
	}

	void resyncTask(ScheduledFuture<?> task) {
		this.resyncTask = task;
	}

	void signalStop() {
		this.running = false;
		ScheduledFuture<?> task = this.resyncTask;
		if (task != null) {
			task.cancel(false);
		}
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
		boolean ended = !current.isAlive();
		if (ended) {
			this.queue.clear();
		}
		return ended;
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
			this.busySinceNanos = event.enqueuedNanos();
			try {
				deliver(event);
			}
			catch (Throwable ex) {
				logger.error("Informer '{}': handler {} failed on a {} event", this.informerName, this.handler,
						event.kind, ex);
			}
			finally {
				this.busySinceNanos = 0;
			}
		}
	}

	@SuppressWarnings("NullAway")
	private void deliver(Event<T> event) {
		switch (event.kind) {
			case ADDED -> this.handler.onAdd(event.object);
			case UPDATED -> this.handler.onUpdate(event.oldObject, event.object);
			case DELETED -> this.handler.onDelete(event.object, event.finalStateUnknown);
			case RESYNC -> {
				this.pendingResync.decrementAndGet();
				if (this.handler instanceof ResyncingEventHandler<T> resyncing) {
					resyncing.onResync(event.object);
				}
				else {
					this.handler.onUpdate(event.object, event.object);
				}
			}
			case RESYNC_DONE -> {
				this.resyncRounds.incrementAndGet();
				this.pendingResync.set(0);
			}
		}
	}

	private enum EventKind {

		ADDED, UPDATED, DELETED, RESYNC, RESYNC_DONE

	}

	private record Event<T>(EventKind kind, @Nullable T oldObject, @Nullable T object, boolean finalStateUnknown,
			long enqueuedNanos) {
	}

}
