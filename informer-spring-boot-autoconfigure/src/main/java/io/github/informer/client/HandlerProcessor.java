package io.github.informer.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.github.informer.handler.InformerEvent;
import io.kubernetes.client.common.KubernetesObject;
import org.jspecify.annotations.Nullable;

/**
 * The handlers of one informer, in the role of client-java's {@code SharedProcessor}: the {@link HandlerWorker} of
 * every handler, the fan-out of every cache change (one {@link InformerEvent}, shared by all) to their queues, and
 * each handler's own resync timer. Unlike client-java, each handler's resync period is honoured (not the smallest for
 * all) and the rounds go through the handler's queue, behind the changes already queued for it.
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

	private final List<HandlerWorker<T>> workers = new CopyOnWriteArrayList<>();

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
	 * Name a handler's thread.
	 * @param label {@code informer-<name>-<label>}; {@code null} for a numbered {@code informer-<name>-handler-<n>}
	 * @return the thread name
	 */
	String threadName(@Nullable String label) {
		return (label != null) ? "informer-" + this.informerName + "-" + label
				: "informer-" + this.informerName + "-handler-" + this.handlerCount.incrementAndGet();
	}

	/**
	 * Add a worker, with the lock held and the informer not stopped; a worker added again (a new term of leadership)
	 * first drops what its last term left queued.
	 * @param worker the worker
	 * @param replay the cached objects to deliver first as adds, then start its thread; {@code null} before the
	 * informer runs ({@link #start} starts it)
	 */
	void add(HandlerWorker<T> worker, @Nullable List<T> replay) {
		if (this.workers.contains(worker)) {
			return;
		}
		worker.clear();
		this.workers.add(worker);
		if (replay != null) {
			long now = System.nanoTime();
			replay.forEach((object) -> worker.enqueue(InformerEvent.added(this.informerName, object), now));
			worker.startThread();
		}
		if (worker.resync().compareTo(Duration.ZERO) > 0) {
			scheduleResync(worker, worker.resync().toMillis());
		}
	}

	private void scheduleResync(HandlerWorker<T> worker, long periodMillis) {
		ScheduledExecutorService executor = this.resyncExecutor;
		if (executor == null) {
			String threadName = "informer-" + this.informerName + "-resync";
			executor = Executors.newSingleThreadScheduledExecutor((task) -> InformerThreads.named(threadName, task));
			this.resyncExecutor = executor;
		}
		long period = Math.max(1, periodMillis);
		worker.resyncTask(executor.scheduleAtFixedRate(() -> {
			// Under the lock that also guards cache changes and their queueing, so a round never overtakes a change.
			synchronized (this.lock) {
				List<T> objects = this.resyncObjects.get();
				if (objects != null) {
					worker.resync(objects);
				}
			}
		}, period, period, TimeUnit.MILLISECONDS));
	}

	/**
	 * Remove a worker, with the lock held, so no further change or resync round is queued for it; the caller
	 * signals it to stop (which also cancels its resync timer).
	 * @param worker the worker
	 */
	void remove(HandlerWorker<?> worker) {
		this.workers.remove(worker);
	}

	/** Start the thread of every worker added so far, with the lock held. */
	void start() {
		this.workers.forEach(HandlerWorker::startThread);
	}

	/**
	 * Hand one change to every worker, with the lock held.
	 * @param event the change, built once for all handlers
	 */
	void distribute(InformerEvent<T> event) {
		long now = System.nanoTime();
		for (HandlerWorker<T> worker : this.workers) {
			worker.enqueue(event, now);
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
		this.workers.forEach(HandlerWorker::signalStop);
	}

	/**
	 * Wait for the handler and resync threads to end.
	 * @param deadlineNanos the {@link System#nanoTime()} to give up at
	 * @return whether they all ended
	 */
	boolean awaitTermination(long deadlineNanos) throws InterruptedException {
		boolean terminated = true;
		for (HandlerWorker<T> worker : this.workers) {
			terminated &= worker.awaitTermination(remainingMillis(deadlineNanos));
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
