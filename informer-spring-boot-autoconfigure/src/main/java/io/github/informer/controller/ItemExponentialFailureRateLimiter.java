package io.github.informer.controller;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * client-go's {@code ItemExponentialFailureRateLimiter}: {@code baseDelay * 2^failures}, capped at {@code maxDelay},
 * where failures counts the calls of {@link #when} since the key was last forgotten.
 *
 * @param <K> the key type
 */
final class ItemExponentialFailureRateLimiter<K> implements RateLimiter<K> {

	private final long baseNanos;

	private final long maxNanos;

	private final Map<K, Integer> failures = new HashMap<>();

	ItemExponentialFailureRateLimiter(Duration baseDelay, Duration maxDelay) {
		this.baseNanos = baseDelay.toNanos();
		this.maxNanos = maxDelay.toNanos();
	}

	@Override
	public synchronized Duration when(K key) {
		int exponent = this.failures.merge(key, 1, Integer::sum) - 1;
		// as client-go: compute in floating point so a large exponent saturates at the cap instead of overflowing
		double backoff = this.baseNanos * Math.pow(2, exponent);
		if (backoff > this.maxNanos) {
			return Duration.ofNanos(this.maxNanos);
		}
		return Duration.ofNanos((long) backoff);
	}

	@Override
	public synchronized void forget(K key) {
		this.failures.remove(key);
	}

	@Override
	public synchronized int numRequeues(K key) {
		return this.failures.getOrDefault(key, 0);
	}

}
