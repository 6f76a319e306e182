package io.github.informer.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.github.informer.annotation.EventType;
import io.github.informer.handler.HandlerInvocationListener;
import io.github.informer.handler.InformerErrorHandler;
import io.github.informer.handler.InformerEvent;
import io.github.informer.handler.RegisteredHandler;
import io.kubernetes.client.common.KubernetesObject;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One handler of one informer, as client-go's {@code processorListener}: its queue, its thread
 * ({@code informer-<name>-<id>}) and its statistics, so it is also the {@link RegisteredHandler} view the endpoint and
 * metrics read. The queue carries the {@link InformerEvent} the informer built for the change (one per change, shared
 * by every handler), so the event a method receives is the one the cache produced. A slow handler only delays
 * itself, each handler sees the events of one object in order, resync rounds go through the same queue (so a resync
 * never overtakes a change), and a round is not queued again while the previous one waits.
 * <p>
 * The worker filters the event types once, calls its {@link HandlerTarget}, counts the outcome, and never lets an
 * exception reach the informer: failures go to its {@link InformerErrorHandler}. A leader-only worker is started and
 * stopped with each term of leadership ({@link #start()}, {@link #stop()}); its statistics span all terms.
 *
 * @param <T> the object type
 */
public final class HandlerWorker<T extends KubernetesObject> implements RegisteredHandler {

	private static final Logger logger = LoggerFactory.getLogger(HandlerWorker.class);

	private final KubernetesInformer<T> owner;

	private final String id;

	private final String threadName;

	private final HandlerTarget<? super T> target;

	private final Set<EventType> events;

	private final Duration resync;

	private final InformerErrorHandler errorHandler;

	private final List<HandlerInvocationListener> listeners;

	private final @Nullable BooleanSupplier leader;

	private final BlockingQueue<Queued<T>> queue = new LinkedBlockingQueue<>();

	private final AtomicInteger pendingResync = new AtomicInteger();

	private final AtomicLong resyncRounds = new AtomicLong();

	private final AtomicLong delivered = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong skipped = new AtomicLong();

	private final AtomicLong deliveredNanos = new AtomicLong();

	private final AtomicLong failedNanos = new AtomicLong();

	private volatile long busySinceNanos;

	private volatile @Nullable Term term;

	private volatile @Nullable ScheduledFuture<?> resyncTask;

	private volatile @Nullable String lastError;

	private volatile @Nullable Instant lastErrorAt;

	private volatile @Nullable Instant lastEventAt;

	HandlerWorker(KubernetesInformer<T> owner, String id, String threadName, HandlerTarget<? super T> target,
			Duration resync, InformerErrorHandler errorHandler, List<HandlerInvocationListener> listeners,
			@Nullable BooleanSupplier leader) {
		this.owner = owner;
		this.id = id;
		this.threadName = threadName;
		this.target = target;
		this.events = Set.copyOf(target.events());
		this.resync = resync;
		this.errorHandler = errorHandler;
		this.listeners = List.copyOf(listeners);
		this.leader = leader;
	}

	/**
	 * Start a leader-only worker for a term of leadership: it is added to its informer and receives the cache as
	 * ADDED events, then live events (if the informer has not started yet, the informer starts it).
	 */
	public void start() {
		this.owner.startHandler(this);
	}

	/**
	 * End a term: the worker gets no further event or resync, and its thread is interrupted and ends once its current
	 * call returns.
	 */
	public void stop() {
		this.owner.stopHandler(this);
	}

	/**
	 * Wait for the thread of a stopped worker to end.
	 * @param timeout how long to wait
	 * @return whether it ended (or never started)
	 * @throws InterruptedException when interrupted while waiting
	 */
	public boolean awaitStop(Duration timeout) throws InterruptedException {
		return awaitTermination(timeout.toMillis());
	}

	String threadName() {
		return this.threadName;
	}

	void enqueue(InformerEvent<T> event, long nowNanos) {
		this.queue.add(new Queued<>(event, nowNanos));
	}

	/**
	 * Queue one resync round over the given cached objects, unless the previous round is still waiting.
	 * @param objects the cache's current objects
	 * @return whether a round was queued
	 */
	boolean resync(List<T> objects) {
		if (objects.isEmpty()) {
			if (this.pendingResync.get() != 0) {
				return false;
			}
			this.resyncRounds.incrementAndGet();
			return true;
		}
		if (!this.pendingResync.compareAndSet(0, objects.size())) {
			return false;
		}
		long now = System.nanoTime();
		for (T object : objects) {
			this.queue.add(new Queued<>(InformerEvent.resynced(this.owner.name(), object), now));
		}
		return true;
	}

	/** Drop what a previous term left queued, before a new term is filled. */
	void clear() {
		this.queue.clear();
		this.pendingResync.set(0);
	}

	void resyncTask(ScheduledFuture<?> task) {
		this.resyncTask = task;
	}

	void startThread() {
		Term next = new Term();
		next.thread = InformerThreads.named(this.threadName, () -> run(next));
		this.term = next;
		next.thread.start();
	}

	void signalStop() {
		ScheduledFuture<?> task = this.resyncTask;
		if (task != null) {
			task.cancel(false);
		}
		Term current = this.term;
		if (current != null) {
			current.running = false;
			Thread thread = current.thread;
			if (thread != null) {
				thread.interrupt();
			}
		}
	}

	boolean awaitTermination(long millis) throws InterruptedException {
		Term current = this.term;
		Thread thread = (current != null) ? current.thread : null;
		if (thread == null || current.running) {
			// never started, or a new term has started since the stop: nothing of a stopped term to wait for
			return true;
		}
		thread.join(Math.max(1, millis));
		boolean ended = !thread.isAlive();
		if (ended) {
			this.queue.clear();
		}
		return ended;
	}

	private void run(Term term) {
		while (term.running) {
			Queued<T> next;
			try {
				next = this.queue.take();
			}
			catch (InterruptedException ex) {
				return;
			}
			this.busySinceNanos = next.enqueuedNanos();
			try {
				process(next.event());
			}
			finally {
				this.busySinceNanos = 0;
				if (next.event().resync() && this.pendingResync.decrementAndGet() == 0) {
					this.resyncRounds.incrementAndGet();
				}
			}
		}
	}

	private void process(InformerEvent<T> event) {
		BooleanSupplier gate = this.leader;
		if (gate != null && !gate.getAsBoolean()) {
			// Leadership is being lost: the elector stops this worker in a moment.
			return;
		}
		if (!this.events.contains(event.type())) {
			this.skipped.incrementAndGet();
			return;
		}
		long start = System.nanoTime();
		try {
			if (this.target.handle(event)) {
				long nanos = System.nanoTime() - start;
				this.delivered.incrementAndGet();
				this.deliveredNanos.addAndGet(nanos);
				notifyListeners(event, nanos, null);
			}
			else {
				this.skipped.incrementAndGet();
			}
		}
		catch (Throwable ex) {
			long nanos = System.nanoTime() - start;
			this.failed.incrementAndGet();
			this.failedNanos.addAndGet(nanos);
			String message = ex.getMessage();
			this.lastError = ex.getClass().getName() + ((message != null) ? ": " + message : "");
			this.lastErrorAt = Instant.now();
			notifyListeners(event, nanos, ex);
			try {
				this.errorHandler.handleError(this.id, event, ex);
			}
			catch (Throwable errorHandlerFailure) {
				logger.error("InformerErrorHandler failed for handler '" + this.id + "' on " + event,
						errorHandlerFailure);
			}
		}
		this.lastEventAt = Instant.now();
	}

	private void notifyListeners(InformerEvent<T> event, long nanos, @Nullable Throwable exception) {
		for (HandlerInvocationListener listener : this.listeners) {
			try {
				listener.invoked(this, event, nanos, exception);
			}
			catch (RuntimeException ex) {
				logger.warn("HandlerInvocationListener " + listener + " failed for handler '" + this.id + "'", ex);
			}
		}
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public String informer() {
		return this.owner.name();
	}

	@Override
	public String method() {
		return this.target.displayName();
	}

	@Override
	public Set<EventType> events() {
		return this.events;
	}

	@Override
	public Duration resync() {
		return this.resync;
	}

	@Override
	public long queued() {
		return this.queue.size() + ((this.busySinceNanos != 0) ? 1 : 0);
	}

	@Override
	public long delivered() {
		return this.delivered.get();
	}

	@Override
	public long failed() {
		return this.failed.get();
	}

	@Override
	public long skipped() {
		return this.skipped.get();
	}

	@Override
	public long resyncs() {
		return this.resyncRounds.get();
	}

	@Override
	public long deliveredNanos() {
		return this.deliveredNanos.get();
	}

	@Override
	public long failedNanos() {
		return this.failedNanos.get();
	}

	@Override
	public @Nullable String lastError() {
		return this.lastError;
	}

	@Override
	public @Nullable Instant lastErrorAt() {
		return this.lastErrorAt;
	}

	@Override
	public @Nullable Instant lastEventAt() {
		return this.lastEventAt;
	}

	@Override
	public Duration lag() {
		long since = this.busySinceNanos;
		if (since == 0) {
			Queued<T> head = this.queue.peek();
			if (head == null) {
				return Duration.ZERO;
			}
			since = head.enqueuedNanos();
		}
		return Duration.ofNanos(Math.max(0, System.nanoTime() - since));
	}

	@Override
	public boolean leaderOnly() {
		return this.leader != null;
	}

	@Override
	public String toString() {
		return "handler '" + this.id + "' on informer '" + this.owner.name() + "'";
	}

	/** An event in the queue, with when it was queued (for the lag). */
	private record Queued<T extends KubernetesObject>(InformerEvent<T> event, long enqueuedNanos) {
	}

	/** One run of the worker's thread; a term of leadership for a leader-only worker. */
	private static final class Term {

		volatile boolean running = true;

		volatile @Nullable Thread thread;

	}

}
