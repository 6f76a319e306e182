package io.github.informer.handler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import io.github.informer.client.HandlerWorker;
import io.github.informer.leader.LeaderElection;
import io.github.informer.leader.LeaderOnlyWork;
import io.github.informer.registry.InformerRegistry;
import io.github.informer.registry.Informers;
import io.github.informer.registry.ManagedInformer;
import io.kubernetes.client.common.KubernetesObject;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The registry of {@code @InformerHandler} methods, in the role of spring-kafka's
 * {@code KafkaListenerEndpointRegistry}: {@link InformerHandlerMethodProcessor} registers one
 * {@link HandlerEndpoint} per validated method once all singletons exist; when the informer registry starts (this is
 * a {@link SmartLifecycle} in the phase just before it), each endpoint is attached to its informer, which runs it on
 * the handler's own {@link HandlerWorker} (queue and thread, resync included) and stops it with the informer; every
 * {@link HandlerRegistrationListener} (metrics) is then told about it. Offers the read-only {@link RegisteredHandler}
 * view of each handler for the actuator endpoint and metrics. With leader election, a leader-only handler is started
 * when leadership is granted (so it receives the cache as ADDED events, then live events) and stopped when it is
 * revoked.
 */
public class InformerHandlers implements SmartLifecycle {

	/** Just before {@link InformerRegistry#PHASE}: handlers are attached before informers list. */
	public static final int PHASE = InformerRegistry.PHASE - 1;

	private static final Logger logger = LoggerFactory.getLogger(InformerHandlers.class);

	private final Informers informers;

	private final InformerErrorHandler errorHandler;

	private final List<HandlerInvocationListener> invocationListeners;

	private final List<HandlerRegistrationListener> registrationListeners;

	private final @Nullable BooleanSupplier leader;

	private final List<HandlerEndpoint> endpoints = new ArrayList<>();

	private final Map<String, List<RegisteredHandler>> handlers = new LinkedHashMap<>();

	private final List<HandlerWorker<?>> leaderOnly = new ArrayList<>();

	private boolean running;

	private boolean leading;

	/**
	 * Create the registry of handlers.
	 * @param informers the informers handlers are attached to
	 * @param errorHandler receives every handler failure
	 * @param invocationListeners told about every handler call (metrics)
	 * @param registrationListeners told about every handler once it is attached (metrics)
	 * @param leaderElection the leader election gating leader-only handlers, or {@code null} when it is off
	 */
	public InformerHandlers(Informers informers, InformerErrorHandler errorHandler,
			List<HandlerInvocationListener> invocationListeners,
			List<HandlerRegistrationListener> registrationListeners, @Nullable LeaderElection leaderElection) {
		this.informers = informers;
		this.errorHandler = errorHandler;
		this.invocationListeners = List.copyOf(invocationListeners);
		this.registrationListeners = List.copyOf(registrationListeners);
		this.leader = (leaderElection != null) ? leaderElection::isLeader : null;
	}

	/**
	 * Register a handler, to be attached to its informer when the informers start (at once if they already have).
	 * Handlers of one informer are handed each event in the order they were registered.
	 * @param endpoint the validated method, its informer and its resync period
	 */
	synchronized void register(HandlerEndpoint endpoint) {
		String id = endpoint.method().id();
		if (this.endpoints.stream().anyMatch((registered) -> registered.method().id().equals(id))) {
			throw new IllegalStateException("A handler with id '" + id + "' is already registered");
		}
		this.endpoints.add(endpoint);
		if (this.running) {
			attach(endpoint);
		}
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		this.endpoints.forEach(this::attach);
	}

	private <T extends KubernetesObject> void attach(HandlerEndpoint endpoint) {
		InformerHandlerMethod method = endpoint.method();
		ManagedInformer<T> informer = this.informers.get(endpoint.informer());
		BooleanSupplier gate = method.leaderOnly() ? this.leader : null;
		HandlerWorker<T> worker = informer.addHandler(method.id(), method, endpoint.resync(), this.errorHandler,
				this.invocationListeners, (gate != null) ? leaderOnlyGate(gate) : null);
		if (gate != null) {
			this.leaderOnly.add(worker);
			if (this.leading) {
				worker.start();
			}
		}
		this.handlers.computeIfAbsent(informer.name(), (name) -> new ArrayList<>()).add(worker);
		logger.debug("Registered " + worker + " (" + method.method().toGenericString() + "), resync "
				+ endpoint.resync());
		for (HandlerRegistrationListener listener : this.registrationListeners) {
			listener.registered(worker);
		}
	}

	/** Checks leadership before each call and marks the handler's thread as doing leader-only work. */
	private static BooleanSupplier leaderOnlyGate(BooleanSupplier leader) {
		return () -> {
			LeaderOnlyWork.markCurrentThread();
			return leader.getAsBoolean();
		};
	}

	/**
	 * Nothing to stop: the informer registry, which stops after this, ends every handler thread with its informer.
	 */
	@Override
	public synchronized void stop() {
		this.running = false;
	}

	@Override
	public synchronized boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Not pauseable, like the informer registry: handlers attached to a running informer stay attached.
	 */
	@Override
	public boolean isPauseable() {
		return false;
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
