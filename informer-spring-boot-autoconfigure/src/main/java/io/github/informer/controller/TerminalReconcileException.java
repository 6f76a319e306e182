package io.github.informer.controller;

/**
 * Thrown (directly or as a cause) by a {@link Reconciler} when retrying cannot help, for example an invalid spec that
 * only a user can fix: the key is dropped with one ERROR log and counted as dropped, and runs again on its next
 * change. As controller-runtime's {@code reconcile.TerminalError}.
 */
public class TerminalReconcileException extends RuntimeException {

	/**
	 * Create the exception.
	 * @param message why the key cannot be reconciled
	 */
	public TerminalReconcileException(String message) {
		super(message);
	}

	/**
	 * Create the exception.
	 * @param message why the key cannot be reconciled
	 * @param cause the underlying failure
	 */
	public TerminalReconcileException(String message, Throwable cause) {
		super(message, cause);
	}

}
