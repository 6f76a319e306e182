package io.github.informer.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.ResourceEventHandler;
import org.jspecify.annotations.Nullable;

/**
 * The handlers of one informer, in the role of client-java's {@code SharedProcessor}: registration, one
 * {@link HandlerQueue} (queue and thread) per handler, the fan-out of every cache change to all of them, and each
 * handler's own resync timer. Unlike client-java, each handler's resync period is honoured (not the smallest for all)
 * and the rounds go through the handler's queue, behind the changes already queued for it.
 * <p>
 * The informer's lock is shared: changes are distributed, handlers added (with the replay of the cache) and resync
 * rounds queued under it, so no handler misses a change or sees a resync overtake one. Methods that say so must be
 * called with it held.
 *
 * @param <T> the object type
 */
final class HandlerProcessor<T extends KubernetesObject> {

	private final String informerName;

	private final Object lock;

	private final Supplier<@Nullable List<T>> resyncObjects;

	private final List<HandlerQueue<T>> queues = new CopyOnWriteArrayList<>();

	private final AtomicInteger handlerCount = new AtomicInteger();

	private volatile @Nullable ScheduledExecutorService resyncExecutor;

	/**
	 * @param informerName names the threads {@code informer-<name>-handler-<n>} and {@code informer-<name>-resync}
	 * @param lock the informer's lock, held while the cache changes
	 * @param resyncObjects called with the lock held: the cached objects to resync, {@code null} while there is
	 * nothing to resync (not synced yet, or stopped)
	 */
	HandlerProcessor(String informerName, Object lock, Supplier<@Nullable List<T>> resyncObjects) {
		this.informerName = informerName;
		this.lock = lock;
		this.resyncObjects = resyncObjects;
	}

	/**
	 * Add a handler, with the lock held and the informer not stopped.
	 * @param handler the handler
	 * @param resync its resync period, {@link Duration#ZERO} for none
	 * @param label names its thread {@code informer-<name>-<label>}; {@code null} for a numbered name
	 * @param replay the cached objects to deliver first as adds, then start its thread; {@code null} before the
	 * informer runs ({@link #start} starts it)
	 * @return a live view of its queue
	 */
	HandlerQueue<T> add(ResourceEventHandler<T> handler, Duration resync, @Nullable String label,
			@Nullable List<T> replay) {
		HandlerQueue<T> queue = new HandlerQueue<>(this.informerName, handler, threadName(label));
		this.queues.add(queue);
		if (replay != null) {
			replay.forEach(queue::added);
			queue.start(InformerThreads.named(queue.threadName(), queue));
		}
		if (resync.compareTo(Duration.ZERO) > 0) {
			scheduleResync(queue, resync.toMillis());
		}
		return queue;
	}

	/**
	 * A queue for a handler that is not added because the informer is stopped: a view that stays empty.
	 */
	HandlerQueue<T> detached(ResourceEventHandler<T> handler, @Nullable String label) {
		return new HandlerQueue<>(this.informerName, handler, threadName(label));
	}

	private String threadName(@Nullable String label) {
		return (label != null) ? "informer-" + this.informerName + "-" + label
				: "informer-" + this.informerName + "-handler-" + this.handlerCount.incrementAndGet();
	}

	private void scheduleResync(HandlerQueue<T> queue, long periodMillis) {
		ScheduledExecutorService executor = this.resyncExecutor;
		if (executor == null) {
			String threadName = "informer-" + this.informerName + "-resync";
			executor = Executors.newSingleThreadScheduledExecutor((task) -> InformerThreads.named(threadName, task));
			this.resyncExecutor = executor;
		}
		long period = Math.max(1, periodMillis);
		queue.resyncTask(executor.scheduleAtFixedRate(() -> {
			// Under the lock that also guards cache changes and their queueing, so a round never overtakes a change.
			synchronized (this.lock) {
				List<T> objects = this.resyncObjects.get();
				if (objects != null) {
					queue.resync(objects);
				}
			}
		}, period, period, TimeUnit.MILLISECONDS));
	}

	/**
	 * Remove a handler, with the lock held, so no further change or resync round is queued for it; the caller
	 * signals it to stop (which also cancels its resync timer).
	 * @param queue the queue {@link #add} returned
	 */
	void remove(HandlerQueue<?> queue) {
		this.queues.remove(queue);
	}

	/** Start the thread of every handler added so far, with the lock held. */
	void start() {
		for (HandlerQueue<T> queue : this.queues) {
			queue.start(InformerThreads.named(queue.threadName(), queue));
		}
	}

	/** Distribute an added object, with the lock held. */
	void added(T object) {
		for (HandlerQueue<T> queue : this.queues) {
			queue.added(object);
		}
	}

	/** Distribute an updated object, with the lock held. */
	void updated(T oldObject, T newObject) {
		for (HandlerQueue<T> queue : this.queues) {
			queue.updated(oldObject, newObject);
		}
	}

	/** Distribute a deleted object, with the lock held. */
	void deleted(T object, boolean finalStateUnknown) {
		for (HandlerQueue<T> queue : this.queues) {
			queue.deleted(object, finalStateUnknown);
		}
	}

	/**
	 * Stop the resync timer and signal every handler thread to end, without waiting. Called once the informer is
	 * stopped, so no handler (and no timer) is added after it.
	 */
	void signalStop() {
		ScheduledExecutorService resync = this.resyncExecutor;
		if (resync != null) {
			resync.shutdownNow();
		}
		this.queues.forEach(HandlerQueue::signalStop);
	}

	/**
	 * Wait for the handler and resync threads to end.
	 * @param deadlineNanos the {@link System#nanoTime()} to give up at
	 * @return whether they all ended
	 */
	boolean awaitTermination(long deadlineNanos) throws InterruptedException {
		boolean terminated = true;
		for (HandlerQueue<T> queue : this.queues) {
			terminated &= queue.awaitTermination(remainingMillis(deadlineNanos));
		}
		ScheduledExecutorService resync = this.resyncExecutor;
		if (resync != null) {
			terminated &= resync.awaitTermination(remainingMillis(deadlineNanos), TimeUnit.MILLISECONDS);
		}
		return terminated;
	}

	private static long remainingMillis(long deadlineNanos) {
		return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
	}

}
