package io.github.informer.controller;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import io.github.informer.leader.LeaderOnlyWork;
import io.github.informer.registry.ManagedInformer;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1OwnerReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running controller: the informer handlers that turn changes into keys, the {@link WorkQueue}, and the workers
 * that call the {@link Reconciler}, following controller-runtime's {@code reconcileHandler}: an exception retries
 * with the rate limiter ({@link TerminalReconcileException} and {@code max-retries} drop instead),
 * {@code requeueAfter} forgets the failures and waits, {@code requeue} goes through the rate limiter, {@code done}
 * forgets.
 * <p>
 * Workers run only while the controller is started, its informers have synced, and it is active (leading, or not
 * leader-only). Each activation enqueues every cached primary key; deactivation interrupts running reconciles and
 * waits for the workers before it returns.
 *
 * @param <T> the primary type
 */
final class Controller<T extends KubernetesObject> {

	private static final Logger logger = LoggerFactory.getLogger(Controller.class);

	private final String name;

	private final Reconciler<T> reconciler;

	private final ManagedInformer<T> primary;

	private final List<ManagedInformer<?>> owned;

	private final ControllerSettings settings;

	private final WorkQueue<ReconcileRequest> queue;

	private final LongAdder success = new LongAdder();

	private final LongAdder errors = new LongAdder();

	private final LongAdder requeues = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	private final Map<Thread, Running> running = new ConcurrentHashMap<>();

	private final Object lifecycle = new Object();

	private final List<Thread> workers = new ArrayList<>();

	private volatile ControllerObserver observer = ControllerObserver.NONE;

	private volatile Controllers.@Nullable LastError lastError;

	private volatile @Nullable Instant lastReconcileAt;

	private volatile boolean started;

	private volatile boolean synced;

	private volatile boolean active;

	private volatile boolean stopped;

	/** Bumped on every deactivation, so a worker of an earlier activation knows to leave. */
	private volatile int generation;

	/** Guarded by {@code lifecycle}: workers ran in an earlier activation. */
	private boolean workedBefore;

	/** Time limits and resync, when either is configured. */
	private final @Nullable ScheduledExecutorService scheduler;

	private volatile boolean working;

	private @Nullable ScheduledFuture<?> resyncTask;

	Controller(String name, Reconciler<T> reconciler, ManagedInformer<T> primary, List<ManagedInformer<?>> owned,
			ControllerSettings settings, RateLimiter.Clock clock) {
		this.name = name;
		this.reconciler = reconciler;
		this.primary = primary;
		this.owned = List.copyOf(owned);
		this.settings = settings;
		this.queue = new WorkQueue<>(RateLimiter.controllerDefault(settings.baseDelay(), settings.maxDelay(),
				settings.qps(), settings.burst(), clock), clock);
		this.queue.onWaited((nanos) -> this.observer.waited(nanos));
		this.scheduler = (positive(settings.reconcileTimeout()) || positive(settings.resync()))
				? Executors.newSingleThreadScheduledExecutor((task) -> {
					Thread thread = new Thread(task, "informer-controller-" + name + "-timer");
					thread.setDaemon(true);
					return thread;
				}) : null;
	}

	String name() {
		return this.name;
	}

	ControllerSettings settings() {
		return this.settings;
	}

	WorkQueue<ReconcileRequest> queue() {
		return this.queue;
	}

	void observe(ControllerObserver observer) {
		this.observer = observer;
	}

	/**
	 * Subscribe to the primary and owned informers; called before the informers start, so their initial lists
	 * arrive as keys too (de-duplicated with the keys enqueued on activation).
	 */
	void subscribe() {
		this.primary.informer().addEventHandler(new PrimaryHandler());
		for (ManagedInformer<?> informer : this.owned) {
			subscribeOwned(informer);
		}
	}

	private <O extends KubernetesObject> void subscribeOwned(ManagedInformer<O> informer) {
		informer.informer().addEventHandler(new OwnedHandler<>());
	}

	/**
	 * Add a key to the queue (from {@link Controllers#enqueue}).
	 * @param request the key
	 */
	void enqueue(ReconcileRequest request) {
		this.queue.add(request);
	}

	/**
	 * Start: workers begin once every informer has synced and the controller is active.
	 */
	void start() {
		this.started = true;
		List<ManagedInformer<?>> informers = new ArrayList<>();
		informers.add(this.primary);
		informers.addAll(this.owned);
		AtomicInteger unsynced = new AtomicInteger(informers.size());
		for (ManagedInformer<?> informer : informers) {
			AtomicInteger once = new AtomicInteger();
			informer.onSynced(() -> {
				if (once.getAndIncrement() == 0 && unsynced.decrementAndGet() == 0) {
					this.synced = true;
					startWorkersIfReady();
				}
			});
		}
	}

	/**
	 * Let the workers run (leadership granted, or the controller is not leader-only).
	 */
	void activate() {
		this.active = true;
		startWorkersIfReady();
	}

	private void startWorkersIfReady() {
		synchronized (this.lifecycle) {
			if (!this.started || this.stopped || !this.synced || !this.active || this.working) {
				return;
			}
			// workers of an earlier activation that ignored their interrupt leave on their own (generation changed)
			this.workers.removeIf((worker) -> !worker.isAlive());
			// The first time, every cached key is already queued (the initial lists arrive as ADDED events and no
			// worker ran yet); enqueueing them again here raced with ADDED events still on their way and reconciled
			// such keys twice. A later activation (leadership regained) starts from keys an earlier term took.
			if (this.workedBefore) {
				enqueueAll();
			}
			this.workedBefore = true;
			int current = this.generation;
			for (int i = 0; i < this.settings.workers(); i++) {
				Thread worker = new Thread(() -> work(current), "informer-controller-" + this.name + "-" + (i + 1));
				worker.setDaemon(true);
				this.workers.add(worker);
				worker.start();
			}
			this.working = true;
			Duration resync = this.settings.resync();
			if (positive(resync) && this.scheduler != null) {
				this.resyncTask = this.scheduler.scheduleAtFixedRate(this::enqueueAll, resync.toMillis(),
						resync.toMillis(), TimeUnit.MILLISECONDS);
			}
			logger.debug("Controller '{}' started {} worker(s)", this.name, this.settings.workers());
		}
	}

	private void enqueueAll() {
		for (T object : this.primary.indexer().list()) {
			this.queue.add(ReconcileRequest.of(object));
		}
	}

	/**
	 * Stop starting reconciles and interrupt running ones; queued keys stay. Every controller begins before any is
	 * waited for, so a revocation waits once, not once per controller.
	 */
	void beginDeactivate() {
		synchronized (this.lifecycle) {
			this.active = false;
			retireWorkers(true);
		}
	}

	/**
	 * Wait for the workers of a deactivation to leave.
	 * @param deadline the {@link System#nanoTime()} to wait until at most
	 * @return whether every worker left in time
	 */
	boolean awaitDeactivated(long deadline) {
		synchronized (this.lifecycle) {
			boolean all = join(deadline);
			this.workers.removeIf((worker) -> !worker.isAlive());
			return all;
		}
	}

	/**
	 * Begin stopping for good: the queue takes no more keys, idle workers leave at once, busy ones after their
	 * current reconcile. Every controller begins before any is waited for, so they share one shutdown timeout.
	 */
	void beginStop() {
		synchronized (this.lifecycle) {
			this.stopped = true;
			this.queue.shutDown();
			retireWorkers(false);
		}
	}

	/**
	 * Wait for the workers until the deadline, then interrupt running reconciles and wait a little more.
	 * @param deadline the {@link System#nanoTime()} by which running reconciles should have ended
	 */
	void awaitStop(long deadline) {
		synchronized (this.lifecycle) {
			boolean all = join(deadline);
			if (!all) {
				this.workers.forEach(Thread::interrupt);
				all = join(System.nanoTime() + TimeUnit.SECONDS.toNanos(1));
			}
			if (!all) {
				logger.warn("Controller '{}': reconciles of {} still running after the shutdown timeout and an "
						+ "interrupt (a reconciler that ignores interruption?)", this.name, runningKeys());
			}
			this.workers.removeIf((worker) -> !worker.isAlive());
			if (this.scheduler != null) {
				this.scheduler.shutdownNow();
			}
		}
	}

	/**
	 * Make the current workers leave: idle ones (waiting in the queue) are interrupted at once, busy ones only when
	 * {@code interruptBusy}, else they leave after their current reconcile.
	 */
	private void retireWorkers(boolean interruptBusy) {
		this.generation++;
		this.working = false;
		ScheduledFuture<?> resync = this.resyncTask;
		if (resync != null) {
			resync.cancel(false);
			this.resyncTask = null;
		}
		for (Thread worker : this.workers) {
			if (interruptBusy || !this.running.containsKey(worker)) {
				worker.interrupt();
			}
		}
	}

	private boolean join(long deadline) {
		for (Thread worker : this.workers) {
			long remaining = deadline - System.nanoTime();
			if (remaining > 0) {
				try {
					TimeUnit.NANOSECONDS.timedJoin(worker, remaining);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
		}
		return this.workers.stream().noneMatch(Thread::isAlive);
	}

	private List<String> runningKeys() {
		return this.running.values().stream().map((run) -> run.request().key()).toList();
	}

	private void work(int generation) {
		if (this.settings.leaderOnly()) {
			// with leader election on, the ApiClient refuses this thread's writes while this replica does not lead
			LeaderOnlyWork.markCurrentThread();
		}
		while (this.generation == generation && !this.stopped) {
			ReconcileRequest request;
			try {
				request = this.queue.get();
			}
			catch (InterruptedException ex) {
				return;
			}
			if (request == null) {
				return;
			}
			if (this.generation != generation || this.stopped) {
				// deactivated between taking the key and starting: leave it for the next activation
				this.queue.add(request);
				this.queue.done(request);
				return;
			}
			process(request, generation);
		}
	}

	private void process(ReconcileRequest request, int generation) {
		Thread thread = Thread.currentThread();
		long start = System.nanoTime();
		Running run = new Running(request, thread);
		this.running.put(thread, run);
		ScheduledFuture<?> timeout = scheduleTimeout(run);
		ReconcileResult result = null;
		Throwable failure = null;
		try {
			result = this.reconciler.reconcile(request);
			if (result == null) {
				throw new IllegalStateException("Reconciler of controller '" + this.name + "' returned null; "
						+ "return ReconcileResult.done(), requeue() or requeueAfter(delay)");
			}
		}
		catch (Throwable ex) {
			failure = ex;
		}
		finally {
			run.finish();
			if (timeout != null) {
				timeout.cancel(false);
			}
			this.running.remove(thread);
			// an interrupt meant for this reconcile (timeout) must not reach the next one
			boolean interrupted = Thread.interrupted();
			if (interrupted && this.generation != generation) {
				thread.interrupt();
			}
		}
		long nanos = System.nanoTime() - start;
		this.lastReconcileAt = Instant.now();
		try {
			if (this.generation != generation && (failure != null || run.timedOut())) {
				// interrupted by deactivation or shutdown: not a failure of the key; the next activation redoes it
				this.queue.add(request);
				return;
			}
			if (failure == null && run.timedOut()) {
				failure = new ReconcileTimeoutException(this.settings.reconcileTimeout());
			}
			if (failure != null) {
				handleFailure(request, failure, run.timedOut());
				this.observer.reconciled("error", nanos);
				return;
			}
			if (positive(result.getRequeueAfter())) {
				this.queue.forget(request);
				this.queue.addAfter(request, result.getRequeueAfter());
				this.requeues.increment();
				this.observer.reconciled("requeue", nanos);
			}
			else if (result.isRequeue()) {
				this.observer.retryScheduled(this.queue.addRateLimited(request));
				this.requeues.increment();
				this.observer.reconciled("requeue", nanos);
			}
			else {
				this.queue.forget(request);
				this.success.increment();
				this.observer.reconciled("success", nanos);
			}
		}
		finally {
			this.queue.done(request);
		}
	}

	private void handleFailure(ReconcileRequest request, Throwable failure, boolean timedOut) {
		this.errors.increment();
		Throwable reported = timedOut ? new ReconcileTimeoutException(this.settings.reconcileTimeout()) : failure;
		this.lastError = new Controllers.LastError(request.key(), reported.getClass().getName(),
				String.valueOf(reported.getMessage()), Instant.now());
		TerminalReconcileException terminal = terminal(failure);
		if (terminal != null) {
			this.queue.forget(request);
			this.dropped.increment();
			logger.error("Controller '{}' dropped {} (terminal error; it runs again on its next change): {}", this.name,
					request.key(), terminal.getMessage(), failure);
			return;
		}
		int attempts = this.queue.numRequeues(request);
		int maxRetries = this.settings.maxRetries();
		if (maxRetries > 0 && attempts >= maxRetries) {
			this.queue.forget(request);
			this.dropped.increment();
			logger.error("Controller '{}' dropped {} after {} failed attempts (max-retries {}; it runs again on its "
					+ "next change)", this.name, request.key(), attempts + 1, maxRetries, failure);
			return;
		}
		this.observer.retryScheduled(this.queue.addRateLimited(request));
		if (attempts == 0) {
			logger.warn("Controller '{}' failed to reconcile {}; retrying with backoff (further failures of this key "
					+ "log at DEBUG until it succeeds)", this.name, request.key(), reported);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Controller '{}' failed to reconcile {} again (attempt {}); retrying with backoff", this.name,
					request.key(), attempts + 1, reported);
		}
	}

	private static @Nullable TerminalReconcileException terminal(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof TerminalReconcileException terminal) {
				return terminal;
			}
		}
		return null;
	}

	private @Nullable ScheduledFuture<?> scheduleTimeout(Running run) {
		Duration limit = this.settings.reconcileTimeout();
		if (!positive(limit) || this.scheduler == null) {
			return null;
		}
		return this.scheduler.schedule(run::timeOut, limit.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Return a read-only snapshot of this controller.
	 * @return the status
	 */
	Controllers.Status status() {
		WorkQueue.Snapshot queue = this.queue.snapshot();
		return new Controllers.Status(this.name, this.primary.name(),
				this.owned.stream().map(ManagedInformer::name).toList(), this.settings.workers(),
				this.settings.leaderOnly(), isRunning(), queue.depth(), queue.processing(), queue.waiting(),
				queue.retrying(), queue.adds(), queue.retries(), this.success.sum(), this.errors.sum(),
				this.requeues.sum(), this.dropped.sum(), this.lastError, this.lastReconcileAt, queue.longestRunning(),
				queue.unfinished());
	}

	/**
	 * Return whether workers are taking keys.
	 * @return whether running
	 */
	boolean isRunning() {
		return this.working && !this.stopped;
	}

	/**
	 * Maps primary objects to their own key.
	 */
	private final class PrimaryHandler implements ResourceEventHandler<T> {

		@Override
		public void onAdd(T object) {
			enqueue(ReconcileRequest.of(object));
		}

		@Override
		public void onUpdate(T oldObject, T newObject) {
			enqueue(ReconcileRequest.of(newObject));
		}

		@Override
		public void onDelete(T object, boolean deletedFinalStateUnknown) {
			enqueue(ReconcileRequest.of(object));
		}

	}

	/**
	 * Maps owned objects to the key of their controller owner, if it is of the primary's group and kind; an update
	 * enqueues the old owner too, in case the reference changed (controller-runtime's {@code EnqueueRequestForOwner}).
	 */
	private final class OwnedHandler<O extends KubernetesObject> implements ResourceEventHandler<O> {

		@Override
		public void onAdd(O object) {
			enqueueOwner(object);
		}

		@Override
		public void onUpdate(O oldObject, O newObject) {
			ReconcileRequest before = owner(oldObject);
			ReconcileRequest after = owner(newObject);
			if (before != null && !before.equals(after)) {
				enqueue(before);
			}
			if (after != null) {
				enqueue(after);
			}
		}

		@Override
		public void onDelete(O object, boolean deletedFinalStateUnknown) {
			enqueueOwner(object);
		}

		private void enqueueOwner(O object) {
			ReconcileRequest owner = owner(object);
			if (owner != null) {
				enqueue(owner);
			}
		}

	}

	@Nullable ReconcileRequest owner(KubernetesObject object) {
		V1ObjectMeta metadata = object.getMetadata();
		if (metadata == null || metadata.getOwnerReferences() == null) {
			return null;
		}
		for (V1OwnerReference reference : metadata.getOwnerReferences()) {
			if (Boolean.TRUE.equals(reference.getController()) && this.primary.kind().equals(reference.getKind())
					&& this.primary.spec().group().equals(group(reference.getApiVersion()))) {
				return new ReconcileRequest(ownerNamespace(metadata.getNamespace(), reference.getName()),
						reference.getName());
			}
		}
		return null;
	}

	private static String group(@Nullable String apiVersion) {
		if (apiVersion == null) {
			return "";
		}
		int slash = apiVersion.indexOf('/');
		return (slash < 0) ? "" : apiVersion.substring(0, slash);
	}

	/**
	 * Owners live in the owned object's namespace, unless the primary is cluster-scoped (Kubernetes forbids
	 * namespaced owners across namespaces); the primary's cache tells which when it holds the owner.
	 */
	private @Nullable String ownerNamespace(@Nullable String namespace, String ownerName) {
		if (namespace == null) {
			return null;
		}
		if (this.primary.indexer().getByKey(namespace + "/" + ownerName) == null
				&& this.primary.indexer().getByKey(ownerName) != null) {
			return null;
		}
		return namespace;
	}

	private static boolean positive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

	/**
	 * One reconcile in progress, and whether its time limit interrupted it.
	 */
	private static final class Running {

		private final ReconcileRequest request;

		private final Thread thread;

		private boolean finished;

		private boolean timedOut;

		Running(ReconcileRequest request, Thread thread) {
			this.request = request;
			this.thread = thread;
		}

		ReconcileRequest request() {
			return this.request;
		}

		synchronized void timeOut() {
			if (!this.finished) {
				this.timedOut = true;
				this.thread.interrupt();
			}
		}

		synchronized void finish() {
			this.finished = true;
		}

		synchronized boolean timedOut() {
			return this.timedOut;
		}

	}

	/**
	 * A reconcile that ran past {@code reconcile-timeout} and was interrupted.
	 */
	static final class ReconcileTimeoutException extends Exception {

		ReconcileTimeoutException(Duration timeout) {
			super("reconcile did not finish within reconcile-timeout " + timeout + " and was interrupted");
		}

	}

}
