package io.github.informer.handler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.SharedIndexInformer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Every registered {@code @InformerHandler}: registers each with its informer ({@code addEventHandler}), runs the
 * per-informer resync timers, stops all handler threads when the context closes, and offers a read-only
 * {@link RegisteredHandler} view per handler for the actuator endpoint and metrics.
 */
public class InformerHandlers implements DisposableBean {

	private static final Log logger = LogFactory.getLog(InformerHandlers.class);

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

	private final InformerErrorHandler errorHandler;

	private final ObjectProvider<HandlerInvocationListener> listenerProvider;

	private @Nullable List<HandlerInvocationListener> listeners;

	private final Map<String, List<HandlerWorker<?>>> handlers = new LinkedHashMap<>();

	private final Map<String, ScheduledExecutorService> resyncSchedulers = new LinkedHashMap<>();

	/**
	 * Create the registry of handlers.
	 * @param errorHandler receives every handler failure
	 * @param listeners told about every handler call (metrics); resolved at the first registration so that they may
	 * themselves depend on this bean
	 */
	public InformerHandlers(InformerErrorHandler errorHandler, ObjectProvider<HandlerInvocationListener> listeners) {
		this.errorHandler = errorHandler;
		this.listenerProvider = listeners;
	}

	/**
	 * Register a handler with an informer that has not started yet, so it receives the initial list as ADDED events.
	 * Handlers of one informer are handed each event in the order they were registered.
	 * @param method the validated handler method
	 * @param informerName the informer's name
	 * @param informer the informer
	 * @param resync the effective resync period, {@link Duration#ZERO} for none
	 * @param synced whether the informer's cache has synced; resync rounds are skipped until it has
	 * @param <T> the object type
	 * @return the live view of the registered handler
	 */
	public synchronized <T extends KubernetesObject> RegisteredHandler register(InformerHandlerMethod method,
			String informerName, SharedIndexInformer<T> informer, Duration resync, BooleanSupplier synced) {
		handler(method.id()).ifPresent((existing) -> {
			throw new IllegalStateException("A handler with id '" + method.id() + "' is already registered");
		});
		if (this.listeners == null) {
			this.listeners = this.listenerProvider.orderedStream().toList();
		}
		HandlerWorker<T> worker = new HandlerWorker<>(method, informerName, resync, this.errorHandler,
				this.listeners);
		worker.start();
		informer.addEventHandler(worker);
		this.handlers.computeIfAbsent(informerName, (name) -> new ArrayList<>()).add(worker);
		if (!worker.resync().isZero()) {
			ScheduledExecutorService scheduler = this.resyncSchedulers.computeIfAbsent(informerName,
					this::newResyncScheduler);
			long nanos = worker.resync().toNanos();
			scheduler.scheduleAtFixedRate(() -> {
				if (synced.getAsBoolean()) {
					worker.requestResync();
				}
			}, nanos, nanos, TimeUnit.NANOSECONDS);
		}
		logger.debug("Registered " + worker + " (" + method.method().toGenericString() + "), resync " + resync);
		return worker;
	}

	private ScheduledExecutorService newResyncScheduler(String informerName) {
		return Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "informer-" + informerName + "-resync");
			thread.setDaemon(true);
			return thread;
		});
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
			.filter((worker) -> worker.id().equals(id))
			.map(RegisteredHandler.class::cast)
			.findFirst();
	}

	/**
	 * Stop the resync timers and every handler thread, waiting a bounded time for calls in progress.
	 */
	@Override
	public synchronized void destroy() {
		this.resyncSchedulers.values().forEach(ScheduledExecutorService::shutdownNow);
		for (ScheduledExecutorService scheduler : this.resyncSchedulers.values()) {
			try {
				scheduler.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.resyncSchedulers.clear();
		long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
		for (List<HandlerWorker<?>> workers : this.handlers.values()) {
			for (HandlerWorker<?> worker : workers) {
				Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
				if (!worker.stop(left)) {
					logger.warn("Thread " + worker.threadName() + " of " + worker
							+ " did not stop: its method ignores interruption");
				}
			}
		}
	}

}
