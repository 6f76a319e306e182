package io.github.informer.controller;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock tests move by hand.
 */
final class ManualClock implements RateLimiter.Clock {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	@Override
	public long nanoTime() {
		return this.nanos.get();
	}

	void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

}
