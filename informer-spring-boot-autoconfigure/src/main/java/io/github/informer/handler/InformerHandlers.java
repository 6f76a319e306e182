package io.github.informer.handler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.github.informer.client.KubernetesInformer;
import io.kubernetes.client.common.KubernetesObject;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Every registered {@code @InformerHandler}: registers each with its informer, which runs it on the handler's own
 * thread and queue, resync included, and stops it with the informer; offers a read-only {@link RegisteredHandler}
 * view per handler for the actuator endpoint and metrics.
 */
public class InformerHandlers {

	private static final Log logger = LogFactory.getLog(InformerHandlers.class);

	private final InformerErrorHandler errorHandler;

	private final ObjectProvider<HandlerInvocationListener> listenerProvider;

	private @Nullable List<HandlerInvocationListener> listeners;

	private final Map<String, List<HandlerWorker<?>>> handlers = new LinkedHashMap<>();

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
		HandlerWorker<T> worker = new HandlerWorker<>(method, informerName, resync, this.errorHandler,
				this.listeners);
		worker.attach(informer.addHandler(worker, worker.resync(), method.id()));
		this.handlers.computeIfAbsent(informerName, (name) -> new ArrayList<>()).add(worker);
		logger.debug("Registered " + worker + " (" + method.method().toGenericString() + "), resync " + resync);
		return worker;
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

}
