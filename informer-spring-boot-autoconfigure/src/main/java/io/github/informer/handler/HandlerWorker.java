package io.github.informer.handler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import io.github.informer.annotation.EventType;
import io.github.informer.client.HandlerQueueView;
import io.github.informer.client.ResyncingEventHandler;
import io.github.informer.leader.LeaderOnlyWork;
import io.kubernetes.client.common.KubernetesObject;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ResyncingEventHandler} registered with the informer for one handler method. The informer calls it on
 * the handler's own thread ({@code informer-<name>-<handler id>}), from the handler's own queue, where resync rounds
 * are queued too; this class turns each call into an {@link InformerEvent}, invokes the method, never lets an
 * exception reach the informer's thread, and keeps the statistics of the {@link RegisteredHandler} view.
 */
final class HandlerWorker<T extends KubernetesObject> implements ResyncingEventHandler<T>, RegisteredHandler {

	private static final Logger logger = LoggerFactory.getLogger(HandlerWorker.class);

	private final InformerHandlerMethod method;

	private final String informer;

	private final Duration resync;

	private final InformerErrorHandler errorHandler;

	private final List<HandlerInvocationListener> listeners;

	private final @Nullable BooleanSupplier leader;

	private final AtomicLong delivered = new AtomicLong();

	private final AtomicLong failed = new AtomicLong();

	private final AtomicLong skipped = new AtomicLong();

	private final AtomicLong deliveredNanos = new AtomicLong();

	private final AtomicLong failedNanos = new AtomicLong();

	private volatile @Nullable HandlerQueueView queue;

	private volatile @Nullable String lastError;

	private volatile @Nullable Instant lastErrorAt;

	private volatile @Nullable Instant lastEventAt;

	HandlerWorker(InformerHandlerMethod method, String informer, Duration resync, InformerErrorHandler errorHandler,
			List<HandlerInvocationListener> listeners) {
		this(method, informer, resync, errorHandler, listeners, null);
	}

	/**
	 * Create a worker; with {@code leader}, a leader-only one: each call first checks that this replica still leads,
	 * and its thread is marked as {@link LeaderOnlyWork}.
	 */
	HandlerWorker(InformerHandlerMethod method, String informer, Duration resync, InformerErrorHandler errorHandler,
			List<HandlerInvocationListener> listeners, @Nullable BooleanSupplier leader) {
		this.leader = leader;
		this.method = method;
		this.informer = informer;
		// Resync deliveries are UPDATED events: a handler that does not take those has no resync.
		this.resync = method.accepts(EventType.UPDATED) ? resync : Duration.ZERO;
		this.errorHandler = errorHandler;
		this.listeners = List.copyOf(listeners);
	}

	/**
	 * Attach the view of the queue the informer feeds this handler from.
	 * @param queue the queue view
	 */
	void attach(HandlerQueueView queue) {
		this.queue = queue;
	}

	@Override
	public void onAdd(T object) {
		process(InformerEvent.added(this.informer, object));
	}

	@Override
	public void onUpdate(T oldObject, T newObject) {
		process(InformerEvent.updated(this.informer, oldObject, newObject));
	}

	@Override
	public void onDelete(T object, boolean finalStateUnknown) {
		process(InformerEvent.deleted(this.informer, object, finalStateUnknown));
	}

	@Override
	public void onResync(T object) {
		process(InformerEvent.resynced(this.informer, object));
	}

	private void process(InformerEvent<T> event) {
		BooleanSupplier gate = this.leader;
		if (gate != null) {
			LeaderOnlyWork.markCurrentThread();
			if (!gate.getAsBoolean()) {
				// Leadership is being lost: the elector removes this handler's queue in a moment.
				return;
			}
		}
		if (!this.method.accepts(event.type())) {
			this.skipped.incrementAndGet();
			return;
		}
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
		HandlerQueueView view = this.queue;
		return (view != null) ? view.queued() : 0;
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
		HandlerQueueView view = this.queue;
		return (view != null) ? view.resyncRounds() : 0;
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
		HandlerQueueView view = this.queue;
		return (view != null) ? view.lag() : Duration.ZERO;
	}

	@Override
	public boolean leaderOnly() {
		return this.leader != null;
	}

	@Override
	public String toString() {
		return "handler '" + id() + "' on informer '" + this.informer + "'";
	}

}
