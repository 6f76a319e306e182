package io.github.informer.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter for consecutive list/watch failures: {@code initial}, doubling per failure up to
 * {@code max}, each delay randomized by ±20% so that many informers (or many replicas) do not retry in lockstep after
 * an API server outage. client-java itself retries every second forever.
 */
final class Backoff {

	private static final double JITTER = 0.2;

	private final Duration initial;

	private final Duration max;

	private int failures;

	/**
	 * Create a backoff.
	 * @param initial the delay after the first failure
	 * @param max the longest delay
	 */
	Backoff(Duration initial, Duration max) {
		if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
			throw new IllegalArgumentException(
					"Backoff needs 0 < initial <= max, got initial " + initial + ", max " + max);
		}
		this.initial = initial;
		this.max = max;
	}

	/**
	 * Record a failure and return how long to wait before the next attempt.
	 * @return the delay
	 */
	synchronized Duration next() {
		this.failures++;
		long base = this.initial.toMillis();
		int doublings = Math.min(this.failures - 1, 30);
		long delay = Math.min(this.max.toMillis(), base << doublings);
		if (delay < 0) {
			delay = this.max.toMillis();
		}
		double factor = 1 - JITTER + 2 * JITTER * ThreadLocalRandom.current().nextDouble();
		return Duration.ofMillis(Math.max(1, Math.round(delay * factor)));
	}

	/**
	 * Forget past failures after a success.
	 */
	synchronized void reset() {
		this.failures = 0;
	}

	/**
	 * Return the number of failures since the last success.
	 * @return the consecutive failures
	 */
	synchronized int failures() {
		return this.failures;
	}

}
