package io.github.informer.controller;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * What a {@link Reconciler} wants next for the key it reconciled, as controller-runtime's {@code Result}.
 */
public final class ReconcileResult {

	private static final ReconcileResult DONE = new ReconcileResult(false, Duration.ZERO);

	private static final ReconcileResult REQUEUE = new ReconcileResult(true, Duration.ZERO);

	private final boolean requeue;

	private final Duration requeueAfter;

	private ReconcileResult(boolean requeue, Duration requeueAfter) {
		this.requeue = requeue;
		this.requeueAfter = requeueAfter;
	}

	/**
	 * The object is reconciled: forget the key's failures; it runs again on the next change.
	 * @return the result
	 */
	public static ReconcileResult done() {
		return DONE;
	}

	/**
	 * Reconcile the key again through the rate limiter (per-key backoff, which grows as for a failure, under the
	 * global token bucket), without counting an error.
	 * @return the result
	 */
	public static ReconcileResult requeue() {
		return REQUEUE;
	}

	/**
	 * Reconcile the key again after this delay, forgetting its failures (polling an external state, for example).
	 * @param delay how long to wait; zero means {@link #done()}
	 * @return the result
	 */
	public static ReconcileResult requeueAfter(Duration delay) {
		Assert.notNull(delay, "delay must not be null");
		Assert.isTrue(!delay.isNegative(), () -> "requeueAfter delay must not be negative: " + delay);
		return delay.isZero() ? DONE : new ReconcileResult(false, delay);
	}

	boolean isRequeue() {
		return this.requeue;
	}

	Duration getRequeueAfter() {
		return this.requeueAfter;
	}

	@Override
	public String toString() {
		if (this.requeue) {
			return "requeue()";
		}
		return this.requeueAfter.isZero() ? "done()" : "requeueAfter(" + this.requeueAfter + ")";
	}

}
