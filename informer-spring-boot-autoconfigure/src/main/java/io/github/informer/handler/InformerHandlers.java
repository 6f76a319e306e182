package io.github.informer.handler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.github.informer.client.HandlerWorker;
import io.github.informer.client.KubernetesInformer;
import io.github.informer.leader.LeaderElection;
import io.github.informer.leader.LeaderOnlyWork;
import io.kubernetes.client.common.KubernetesObject;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Every registered {@code @InformerHandler}: registers each with its informer, which runs it on the handler's own
 * thread and queue, resync included, and stops it with the informer; offers a read-only {@link RegisteredHandler}
 * view per handler for the actuator endpoint and metrics. With leader election, a leader-only handler is added to its
 * informer when leadership is granted (so it receives the cache as ADDED events, then live events) and removed when
 * it is revoked.
 */
public class InformerHandlers {

	private static final Logger logger = LoggerFactory.getLogger(InformerHandlers.class);

	private final InformerErrorHandler errorHandler;

	private final ObjectProvider<HandlerInvocationListener> listenerProvider;

	private @Nullable List<HandlerInvocationListener> listeners;

	private final Map<String, List<RegisteredHandler>> handlers = new LinkedHashMap<>();

	private final @Nullable ObjectProvider<LeaderElection> leaderElectionProvider;

	private @Nullable BooleanSupplier leader;

	private boolean leaderResolved;

	private final List<HandlerWorker<?>> leaderOnly = new ArrayList<>();

	private boolean leading;

	/**
	 * Create the registry of handlers.
	 * @param errorHandler receives every handler failure
	 * @param listeners told about every handler call (metrics); resolved at the first registration so that they may
	 * themselves depend on this bean
	 */
	public InformerHandlers(InformerErrorHandler errorHandler, ObjectProvider<HandlerInvocationListener> listeners) {
		this(errorHandler, listeners, null);
	}

	/**
	 * Create the registry of handlers, gating leader-only handlers when there is a {@link LeaderElection}.
	 * @param errorHandler receives every handler failure
	 * @param listeners told about every handler call (metrics)
	 * @param leaderElection the leader election, if enabled; resolved at the first registration
	 */
	public InformerHandlers(InformerErrorHandler errorHandler, ObjectProvider<HandlerInvocationListener> listeners,
			@Nullable ObjectProvider<LeaderElection> leaderElection) {
		this.errorHandler = errorHandler;
		this.listenerProvider = listeners;
		this.leaderElectionProvider = leaderElection;
	}

	/**
	 * Register a handler with an informer that has not started yet, so it receives the initial list as ADDED events.
	 * Handlers of one informer are handed each event in the order they were registered. The informer gives the
	 * handler its own queue and thread and queues its resync rounds there, once it has synced.
	 * @param method the validated handler method
	 * @param informerName the informer's name
	 * @param informer the informer
	 * @param resync the effective resync period, {@link Duration#ZERO} for none
	 * @param <T> the object type
	 * @return the live view of the registered handler
	 */
	public synchronized <T extends KubernetesObject> RegisteredHandler register(InformerHandlerMethod method,
			String informerName, KubernetesInformer<T> informer, Duration resync) {
		handler(method.id()).ifPresent((existing) -> {
			throw new IllegalStateException("A handler with id '" + method.id() + "' is already registered");
		});
		if (this.listeners == null) {
			this.listeners = this.listenerProvider.orderedStream().toList();
		}
		BooleanSupplier gate = method.leaderOnly() ? leader() : null;
		HandlerWorker<T> worker = informer.addHandler(method.id(), method, resync, this.errorHandler, this.listeners,
				(gate != null) ? leaderOnlyGate(gate) : null);
		if (gate != null) {
			this.leaderOnly.add(worker);
			if (this.leading) {
				worker.start();
			}
		}
		this.handlers.computeIfAbsent(informerName, (name) -> new ArrayList<>()).add(worker);
		logger.debug("Registered " + worker + " (" + method.method().toGenericString() + "), resync " + resync);
		return worker;
	}

	/** Checks leadership before each call and marks the handler's thread as doing leader-only work. */
	private static BooleanSupplier leaderOnlyGate(BooleanSupplier leader) {
		return () -> {
			LeaderOnlyWork.markCurrentThread();
			return leader.getAsBoolean();
		};
	}

	private @Nullable BooleanSupplier leader() {
		if (!this.leaderResolved) {
			LeaderElection election = (this.leaderElectionProvider != null)
					? this.leaderElectionProvider.getIfAvailable() : null;
			this.leader = (election != null) ? election::isLeader : null;
			this.leaderResolved = true;
		}
		return this.leader;
	}

	/**
	 * This replica started leading: every leader-only handler is added to its informer, receiving the cache as ADDED
	 * events, then live events.
	 */
	public synchronized void leadershipGranted() {
		this.leading = true;
		this.leaderOnly.forEach(HandlerWorker::start);
	}

	/**
	 * This replica stopped leading: every leader-only handler is removed from its informer (no new call starts) and
	 * its thread interrupted; waits for the threads to end, at most {@code timeout} in all.
	 * @param timeout how long to wait for running calls to return
	 * @return whether every leader-only call has ended
	 */
	public boolean leadershipRevoked(Duration timeout) {
		List<HandlerWorker<?>> stopping;
		synchronized (this) {
			this.leading = false;
			stopping = List.copyOf(this.leaderOnly);
			stopping.forEach(HandlerWorker::stop);
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		boolean ended = true;
		for (HandlerWorker<?> handler : stopping) {
			try {
				if (!handler.awaitStop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
					ended = false;
					logger.warn("Leader-only " + handler + " still runs " + timeout
							+ " after leadership was revoked; it was interrupted and gets no further events");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
		return ended;
	}

	/**
	 * The handlers of one informer, in registration ({@code @Order}) order.
	 * @param informerName the informer's name
	 * @return the handlers, empty if none
	 */
	public synchronized List<RegisteredHandler> handlers(String informerName) {
		return List.copyOf(this.handlers.getOrDefault(informerName, List.of()));
	}

	/**
	 * Every handler, grouped by informer in registration order.
	 * @return the handlers
	 */
	public synchronized List<RegisteredHandler> handlers() {
		List<RegisteredHandler> all = new ArrayList<>();
		this.handlers.values().forEach(all::addAll);
		return List.copyOf(all);
	}

	/**
	 * One handler by id.
	 * @param id the handler id
	 * @return the handler, if registered
	 */
	public synchronized Optional<RegisteredHandler> handler(String id) {
		return this.handlers.values()
			.stream()
			.flatMap(List::stream)
			.filter((handler) -> handler.id().equals(id))
			.findFirst();
	}

}
