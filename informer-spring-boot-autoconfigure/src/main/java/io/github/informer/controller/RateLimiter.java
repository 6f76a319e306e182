package io.github.informer.controller;

import java.time.Duration;

/**
 * How long a key waits before it is retried, as client-go's {@code workqueue.TypedRateLimiter}.
 *
 * @param <K> the key type
 */
interface RateLimiter<K> {

	/**
	 * Return how long the key waits before its next attempt, and count the attempt.
	 * @param key the key
	 * @return the delay
	 */
	Duration when(K key);

	/**
	 * Stop tracking the key: its next failure starts from the base delay again.
	 * @param key the key
	 */
	void forget(K key);

	/**
	 * Return how many times the key has been rate-limited since it was last forgotten.
	 * @param key the key
	 * @return the count
	 */
	int numRequeues(K key);

	/**
	 * client-go's {@code DefaultTypedControllerRateLimiter}: the larger of a per-key exponential backoff and a global
	 * token bucket.
	 * @param <K> the key type
	 * @param baseDelay the first per-key delay (client-go: 5 ms)
	 * @param maxDelay the cap on the per-key delay (client-go: 1000 s)
	 * @param qps the token bucket's rate (client-go: 10)
	 * @param burst the token bucket's size (client-go: 100)
	 * @param clock the time source in nanoseconds
	 * @return the limiter
	 */
	static <K> RateLimiter<K> controllerDefault(Duration baseDelay, Duration maxDelay, double qps, int burst,
			Clock clock) {
		return new MaxOfRateLimiter<>(new ItemExponentialFailureRateLimiter<>(baseDelay, maxDelay),
				new BucketRateLimiter<>(qps, burst, clock));
	}

	/** A monotonic time source, replaceable in tests. */
	@FunctionalInterface
	interface Clock {

		Clock SYSTEM = System::nanoTime;

		long nanoTime();

	}

}
