package io.github.informer.controller;

import java.time.Duration;
import java.util.List;

/**
 * client-go's {@code TypedMaxOfRateLimiter}: the longest delay of several limiters, each of which counts the attempt.
 *
 * @param <K> the key type
 */
final class MaxOfRateLimiter<K> implements RateLimiter<K> {

	private final List<RateLimiter<K>> limiters;

	@SafeVarargs
	MaxOfRateLimiter(RateLimiter<K>... limiters) {
		this.limiters = List.of(limiters);
	}

	@Override
	public Duration when(K key) {
		Duration longest = Duration.ZERO;
		for (RateLimiter<K> limiter : this.limiters) {
			Duration delay = limiter.when(key);
			if (delay.compareTo(longest) > 0) {
				longest = delay;
			}
		}
		return longest;
	}

	@Override
	public void forget(K key) {
		this.limiters.forEach((limiter) -> limiter.forget(key));
	}

	@Override
	public int numRequeues(K key) {
		int most = 0;
		for (RateLimiter<K> limiter : this.limiters) {
			most = Math.max(most, limiter.numRequeues(key));
		}
		return most;
	}

}
