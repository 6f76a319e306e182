package io.github.informer.handler;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.github.informer.annotation.EventType;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The {@link ResourceEventHandler} registered with the informer for one handler method. The informer calls it on its
 * per-handler thread (client-java's {@code ProcessorListener}, or the starter informer's equivalent); it only
 * enqueues, so that thread never blocks and works with any {@code SharedInformer}. A dedicated thread
 * ({@code informer-<name>-<handler id>}) drains the queue and calls the method. Resync requests go through the same
 * queue, so resync deliveries and watch events of one object stay in order, and the queue depth is known exactly.
 * <p>
 * For resync the worker remembers, per object key, the last state it processed (a reference to the cached object,
 * kept only when resync is on). A resync re-delivers exactly those states, so it can never show a handler an object
 * older than one it already saw, nor an object whose delete it already processed.
 */
final class HandlerWorker<T extends KubernetesObject> implements ResourceEventHandler<T>, RegisteredHandler {

	private static final Log logger = LogFactory.getLog(HandlerWorker.class);

	private final InformerHandlerMethod method;

	private final String informer;

	private final Duration resync;

	private final InformerErrorHandler errorHandler;

	private final List<HandlerInvocationListener> listeners;

	private final BlockingQueue<Item<T>> queue = new LinkedBlockingQueue<>();

	private final @Nullable Map<String, T> seen;

	private final AtomicBoolean resyncPending = new AtomicBoolean();

	private final AtomicLong queued = new AtomicLong();

	private final AtomicLong delivered = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong skipped = new AtomicLong();

	private final AtomicLong resyncs = new AtomicLong();

	private final AtomicLong deliveredNanos = new AtomicLong();

	private final AtomicLong failedNanos = new AtomicLong();

	private volatile @Nullable String lastError;

	private volatile @Nullable Instant lastErrorAt;

	private volatile @Nullable Instant lastEventAt;

	private volatile long busySinceNanos;

	private volatile boolean running = true;

	private final Thread thread;

	HandlerWorker(InformerHandlerMethod method, String informer, Duration resync, InformerErrorHandler errorHandler,
			List<HandlerInvocationListener> listeners) {
		this.method = method;
		this.informer = informer;
		// Resync deliveries are UPDATED events: a handler that does not take those has no resync.
		this.resync = method.accepts(EventType.UPDATED) ? resync : Duration.ZERO;
		this.errorHandler = errorHandler;
		this.listeners = List.copyOf(listeners);
		this.seen = this.resync.isZero() ? null : new HashMap<>();
		this.thread = new Thread(this::run, "informer-" + informer + "-" + method.id());
		this.thread.setDaemon(true);
	}

	void start() {
		this.thread.start();
	}

	@Override
	public void onAdd(T object) {
		enqueue(InformerEvent.added(this.informer, object));
	}

	@Override
	public void onUpdate(T oldObject, T newObject) {
		if (sameResourceVersion(oldObject, newObject)) {
			// A relist re-delivers every object; an unchanged one is not a change, and this handler already saw it.
			return;
		}
		enqueue(InformerEvent.updated(this.informer, oldObject, newObject));
	}

	@Override
	public void onDelete(T object, boolean finalStateUnknown) {
		enqueue(InformerEvent.deleted(this.informer, object, finalStateUnknown));
	}

	private static boolean sameResourceVersion(KubernetesObject oldObject, KubernetesObject newObject) {
		V1ObjectMeta oldMetadata = oldObject.getMetadata();
		V1ObjectMeta newMetadata = newObject.getMetadata();
		if (oldMetadata == null || newMetadata == null || oldMetadata.getResourceVersion() == null) {
			return false;
		}
		return Objects.equals(oldMetadata.getResourceVersion(), newMetadata.getResourceVersion())
				&& Objects.equals(oldMetadata.getUid(), newMetadata.getUid());
	}

	private void enqueue(InformerEvent<T> event) {
		if (!this.running) {
			return;
		}
		if (this.seen == null && !this.method.accepts(event.type())) {
			this.skipped.incrementAndGet();
			return;
		}
		this.queued.incrementAndGet();
		this.queue.add(new Item<>(event, System.nanoTime()));
	}

	/**
	 * Ask for a resync round; ignored while one is still waiting in the queue, so a slow handler does not pile them
	 * up.
	 */
	void requestResync() {
		if (this.running && this.seen != null && this.resyncPending.compareAndSet(false, true)) {
			this.queue.add(new Item<>(null, System.nanoTime()));
		}
	}

	private void run() {
		while (this.running) {
			Item<T> item;
			try {
				item = this.queue.take();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			this.busySinceNanos = item.enqueuedNanos();
			InformerEvent<T> event = item.event();
			if (event == null) {
				deliverResync();
			}
			else {
				remember(event);
				process(event);
				this.queued.decrementAndGet();
			}
			this.busySinceNanos = 0;
		}
	}

	private void remember(InformerEvent<T> event) {
		Map<String, T> seen = this.seen;
		if (seen != null) {
			if (event.type() == EventType.DELETED) {
				seen.remove(event.key());
			}
			else {
				seen.put(event.key(), event.object());
			}
		}
	}

	private void deliverResync() {
		this.resyncPending.set(false);
		Map<String, T> seen = this.seen;
		if (seen == null) {
			return;
		}
		List<T> objects = new ArrayList<>(seen.values());
		this.queued.addAndGet(objects.size());
		int remaining = objects.size();
		for (T object : objects) {
			if (!this.running) {
				this.queued.addAndGet(-remaining);
				return;
			}
			process(InformerEvent.resynced(this.informer, object));
			this.queued.decrementAndGet();
			remaining--;
		}
		this.resyncs.incrementAndGet();
	}

	private void process(InformerEvent<T> event) {
		long start = System.nanoTime();
		try {
			if (this.method.invoke(event)) {
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
				this.errorHandler.handleError(this.method.id(), event, ex);
			}
			catch (Throwable errorHandlerFailure) {
				logger.error("InformerErrorHandler failed for handler '" + this.method.id() + "' on " + event,
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
				logger.warn("HandlerInvocationListener " + listener + " failed for handler '" + this.method.id() + "'",
						ex);
			}
		}
	}

	/**
	 * Stop taking events and wait a bounded time for the thread to end.
	 * @param timeout how long to wait for the method call in progress
	 * @return whether the thread ended
	 */
	boolean stop(Duration timeout) {
		this.running = false;
		this.thread.interrupt();
		try {
			this.thread.join(Math.max(1, timeout.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.queue.clear();
		return !this.thread.isAlive();
	}

	String threadName() {
		return this.thread.getName();
	}

	InformerHandlerMethod handlerMethod() {
		return this.method;
	}

	@Override
	public String id() {
		return this.method.id();
	}

	@Override
	public String informer() {
		return this.informer;
	}

	@Override
	public String method() {
		return this.method.method().toGenericString();
	}

	@Override
	public Set<EventType> events() {
		return this.method.events();
	}

	@Override
	public Duration resync() {
		return this.resync;
	}

	@Override
	public long queued() {
		return Math.max(0, this.queued.get());
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
		return this.resyncs.get();
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
			Item<T> head = this.queue.peek();
			if (head == null) {
				return Duration.ZERO;
			}
			since = head.enqueuedNanos();
		}
		return Duration.ofNanos(Math.max(0, System.nanoTime() - since));
	}

	@Override
	public String toString() {
		return "handler '" + id() + "' on informer '" + this.informer + "'";
	}

	/**
	 * A queued event, or a resync request when {@code event} is {@code null}.
	 */
	private record Item<T extends KubernetesObject>(@Nullable InformerEvent<T> event, long enqueuedNanos) {
	}

}
