package io.github.informer.controller;

import io.kubernetes.client.common.KubernetesObject;

/**
 * Drives the cluster towards the state an object of type {@code T} declares. Level-triggered: a call gets only the
 * key, reads the current state from the informers' Listers and writes what is missing, whatever the events that led
 * to the call. Register one with {@link KubernetesReconciler @KubernetesReconciler} on a bean class.
 * <p>
 * Calls for one key never overlap; calls for different keys run on up to {@code workers} threads. Throwing retries the
 * key with per-key exponential backoff under the controller's global rate limit, unless the exception is (or is
 * caused by) a {@link TerminalReconcileException}.
 *
 * @param <T> the type of the primary objects
 */
@FunctionalInterface
public interface Reconciler<T extends KubernetesObject> {

	/**
	 * Reconcile one primary object, which may no longer exist (it was deleted).
	 * @param request the object's namespace and name
	 * @return what to do next: {@link ReconcileResult#done()}, {@link ReconcileResult#requeue()} or
	 * {@link ReconcileResult#requeueAfter(java.time.Duration)}
	 * @throws Exception to retry with backoff ({@link TerminalReconcileException} to give up on this key)
	 */
	ReconcileResult reconcile(ReconcileRequest request) throws Exception;

}
