package io.github.informer.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.informer.controller.Controllers;
import io.github.informer.handler.InformerHandlers;
import io.github.informer.handler.RegisteredHandler;
import io.github.informer.leader.LeaderElection;
import io.github.informer.registry.Informers;
import io.github.informer.registry.ManagedInformer;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;

/**
 * {@link Endpoint @Endpoint} showing every informer: what it watches, whether and when it synced, its cache size, its
 * list/watch state and last error, its event counts and its handlers' queues; and every controller's queue and
 * reconcile outcomes (top-level {@code controllers}). Describes state only; never shows a
 * cached object, since informers may cache Secrets.
 */
@Endpoint(id = "informers")
public class InformersEndpoint {

	private final Informers informers;

	private final @Nullable InformerHandlers handlers;

	private final @Nullable LeaderElection leaderElection;

	private final @Nullable Controllers controllers;

	/**
	 * Create the endpoint.
	 * @param informers the informers
	 * @param handlers the registered {@code @InformerHandler} methods, or {@code null} without handler support
	 */
	public InformersEndpoint(Informers informers, @Nullable InformerHandlers handlers) {
		this(informers, handlers, null);
	}

	/**
	 * Create the endpoint.
	 * @param informers the informers
	 * @param handlers the registered {@code @InformerHandler} methods, or {@code null} without handler support
	 * @param leaderElection the leader election, or {@code null} when it is off
	 */
	public InformersEndpoint(Informers informers, @Nullable InformerHandlers handlers,
			@Nullable LeaderElection leaderElection) {
		this(informers, handlers, leaderElection, null);
	}

	/**
	 * Create the endpoint.
	 * @param informers the informers
	 * @param handlers the registered {@code @InformerHandler} methods, or {@code null} without handler support
	 * @param leaderElection the leader election, or {@code null} when it is off
	 * @param controllers the {@code @KubernetesReconciler} controllers, or {@code null} without controller support
	 */
	public InformersEndpoint(Informers informers, @Nullable InformerHandlers handlers,
			@Nullable LeaderElection leaderElection, @Nullable Controllers controllers) {
		this.informers = informers;
		this.handlers = handlers;
		this.leaderElection = leaderElection;
		this.controllers = controllers;
	}

	/**
	 * Describe every informer.
	 * @return the informers by name, in configuration order
	 */
	@ReadOperation
	public InformersDescriptor informers() {
		Map<String, InformerDescriptor> descriptors = new LinkedHashMap<>();
		for (String name : this.informers.names()) {
			descriptors.put(name, describe(this.informers.get(name)));
		}
		Map<String, ControllerDescriptor> controllerDescriptors = new LinkedHashMap<>();
		if (this.controllers != null) {
			for (Controllers.Status status : this.controllers.statuses()) {
				controllerDescriptors.put(status.name(), ControllerDescriptor.of(status));
			}
		}
		return new InformersDescriptor(descriptors, LeaderElectionDescriptor.of(this.leaderElection),
				controllerDescriptors);
	}

	/**
	 * Describe one informer.
	 * @param name the informer's name ({@code kubernetes.informers.resources.<name>})
	 * @return the informer, or {@code null} (HTTP 404) when there is none by that name
	 */
	@ReadOperation
	public @Nullable InformerDescriptor informer(@Selector String name) {
		if (!this.informers.names().contains(name)) {
			return null;
		}
		return describe(this.informers.get(name));
	}

	private InformerDescriptor describe(ManagedInformer<?> informer) {
		List<RegisteredHandler> registered = (this.handlers != null) ? this.handlers.handlers(informer.name())
				: List.of();
		return InformerDescriptor.of(informer.status(), informer.plural(), informer.inferred(),
				registered.stream().map(HandlerDescriptor::of).toList());
	}

}
