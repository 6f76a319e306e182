package io.github.informer.actuate;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.informer.controller.Controllers;
import org.jspecify.annotations.Nullable;

/**
 * One {@code @KubernetesReconciler} controller in the {@code informers} endpoint's {@code controllers} object.
 *
 * @param informer the primary informer
 * @param owns the owned informers
 * @param workers the number of workers
 * @param leaderOnly whether it runs only on the leader (with leader election enabled)
 * @param running whether its workers are taking keys
 * @param queue the work queue
 * @param reconciles reconcile outcomes since start
 * @param lastError the most recent failure, {@code null} if none
 * @param lastReconcileAt when the most recent reconcile ended
 * @param longestRunning how long the longest reconcile in progress has run ({@code PT0S} when idle)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ControllerDescriptor(String informer, List<String> owns, int workers, boolean leaderOnly,
		boolean running, Queue queue, Reconciles reconciles, @Nullable LastError lastError,
		@Nullable String lastReconcileAt, String longestRunning) {

	static ControllerDescriptor of(Controllers.Status status) {
		Controllers.LastError error = status.lastError();
		return new ControllerDescriptor(status.informer(), status.owns(), status.workers(), status.leaderOnly(),
				status.running(),
				new Queue(status.depth(), status.processing(), status.waiting(), status.retrying(), status.adds(),
						status.retries()),
				new Reconciles(status.success(), status.error(), status.requeue(), status.dropped()),
				(error != null) ? new LastError(error.key(), error.type(), error.message(), error.at().toString())
						: null,
				Descriptors.format(status.lastReconcileAt()), status.longestRunning().toString());
	}

	/**
	 * The work queue.
	 *
	 * @param depth keys ready to be reconciled
	 * @param processing keys being reconciled
	 * @param waiting keys held until a delay passes (retry backoff, {@code requeueAfter})
	 * @param retrying keys with failures or requeues not yet forgotten
	 * @param adds keys added since start
	 * @param retries rate-limited re-adds since start
	 */
	public record Queue(int depth, int processing, int waiting, int retrying, long adds, long retries) {
	}

	/**
	 * Reconcile outcomes.
	 *
	 * @param success calls that returned {@code done()}
	 * @param error calls that threw or timed out
	 * @param requeue calls that returned {@code requeue()} or {@code requeueAfter}
	 * @param dropped keys given up on ({@code TerminalReconcileException} or {@code max-retries})
	 */
	public record Reconciles(long success, long error, long requeue, long dropped) {
	}

	/**
	 * The most recent failure; never object contents.
	 *
	 * @param key the key ({@code namespace/name})
	 * @param type the exception class
	 * @param message the exception message
	 * @param at when it happened
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record LastError(String key, String type, @Nullable String message, String at) {
	}

}
