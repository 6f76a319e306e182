package io.github.informer.controller;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Every {@link KubernetesReconciler @KubernetesReconciler} controller by name: enqueue a key from anywhere (an
 * {@code @InformerHandler} on a resource the controller does not own, a web request, a timer), and read-only views
 * for the endpoint, metrics and tests.
 */
public final class Controllers {

	private final Map<String, Controller<?>> controllers = new LinkedHashMap<>();

	Controllers() {
	}

	synchronized void add(Controller<?> controller) {
		this.controllers.put(controller.name(), controller);
	}

	synchronized Collection<Controller<?>> all() {
		return List.copyOf(this.controllers.values());
	}

	/**
	 * Return the controller names.
	 * @return the names, in registration order
	 */
	public synchronized Set<String> names() {
		return Collections.unmodifiableSet(new LinkedHashSet<>(this.controllers.keySet()));
	}

	/**
	 * Add a key to a controller's queue: de-duplicated with keys already waiting, and never reconciled by two
	 * workers at once.
	 * @param controllerName the controller's name
	 * @param request the key
	 * @throws IllegalArgumentException naming the known controllers if there is none by that name
	 */
	public void enqueue(String controllerName, ReconcileRequest request) {
		controller(controllerName).enqueue(request);
	}

	/**
	 * Return a read-only snapshot of one controller.
	 * @param controllerName the controller's name
	 * @return its status
	 * @throws IllegalArgumentException naming the known controllers if there is none by that name
	 */
	public Status status(String controllerName) {
		return controller(controllerName).status();
	}

	/**
	 * Return a read-only snapshot of every controller.
	 * @return the statuses, in registration order
	 */
	public List<Status> statuses() {
		return all().stream().map(Controller::status).toList();
	}

	private synchronized Controller<?> controller(String name) {
		Controller<?> controller = this.controllers.get(name);
		if (controller == null) {
			throw new IllegalArgumentException("No controller named '" + name + "'; the controllers are "
					+ this.controllers.keySet() + " (the name of a @KubernetesReconciler, by default its bean name)");
		}
		return controller;
	}

	/**
	 * One controller's state at one instant. Never contains object contents.
	 *
	 * @param name the controller's name
	 * @param informer the primary informer
	 * @param owns the owned informers
	 * @param workers the number of workers
	 * @param leaderOnly whether it runs only on the leader (with leader election enabled)
	 * @param running whether its workers are taking keys
	 * @param depth keys ready to be reconciled
	 * @param processing keys being reconciled
	 * @param waiting keys held until a delay passes (retries, {@code requeueAfter})
	 * @param retrying keys with failures or requeues not yet forgotten
	 * @param adds keys added to the queue (a no-op add of a key already waiting not counted)
	 * @param retries rate-limited re-adds (failures and {@code requeue()})
	 * @param success reconciles that returned {@code done()}
	 * @param error reconciles that threw (or timed out)
	 * @param requeue reconciles that returned {@code requeue()} or {@code requeueAfter}
	 * @param dropped keys given up on ({@link TerminalReconcileException} or {@code max-retries})
	 * @param lastError the most recent failure, or {@code null}
	 * @param lastReconcileAt when the most recent reconcile ended, or {@code null}
	 * @param longestRunning how long the longest reconcile in progress has run
	 * @param unfinished the running time of every reconcile in progress, summed
	 */
	public record Status(String name, String informer, List<String> owns, int workers, boolean leaderOnly,
			boolean running, int depth, int processing, int waiting, int retrying, long adds, long retries,
			long success, long error, long requeue, long dropped, @Nullable LastError lastError,
			@Nullable Instant lastReconcileAt, Duration longestRunning, Duration unfinished) {

	}

	/**
	 * A controller's most recent failure.
	 *
	 * @param key the key ({@code namespace/name}) whose reconcile failed
	 * @param type the exception class
	 * @param message the exception message
	 * @param at when it failed
	 */
	public record LastError(String key, String type, String message, Instant at) {

	}

}
