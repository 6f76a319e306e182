package io.github.informer.controller;

import java.time.Duration;

/**
 * client-go's {@code TypedBucketRateLimiter}: one token bucket for all keys, {@code qps} tokens a second up to
 * {@code burst}, where every attempt reserves a token and waits until it is due ({@code golang.org/x/time/rate}'s
 * {@code Reserve().Delay()}: tokens may go negative, the wait is the deficit over the rate).
 *
 * @param <K> the key type
 */
final class BucketRateLimiter<K> implements RateLimiter<K> {

	private final double qps;

	private final int burst;

	private final Clock clock;

	private double tokens;

	private long last;

	BucketRateLimiter(double qps, int burst, Clock clock) {
		this.qps = qps;
		this.burst = burst;
		this.clock = clock;
		this.tokens = burst;
		this.last = clock.nanoTime();
	}

	@Override
	public synchronized Duration when(K key) {
		long now = this.clock.nanoTime();
		if (now > this.last) {
			this.tokens = Math.min(this.burst, this.tokens + (now - this.last) * this.qps / 1e9);
			this.last = now;
		}
		this.tokens -= 1;
		if (this.tokens >= 0) {
			return Duration.ZERO;
		}
		return Duration.ofNanos((long) (-this.tokens * 1e9 / this.qps));
	}

	@Override
	public void forget(K key) {
	}

	@Override
	public int numRequeues(K key) {
		return 0;
	}

}
