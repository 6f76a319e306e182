package io.github.informer.controller;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limiters pinned to client-go's {@code default_rate_limiters.go}.
 */
class RateLimiterTests {

	private final ManualClock clock = new ManualClock();

	@Test
	void exponentialLimiterDoublesFromTheBaseDelayPerKeyUpToTheCap() {
		RateLimiter<String> limiter = new ItemExponentialFailureRateLimiter<>(Duration.ofMillis(5),
				Duration.ofSeconds(1000));
		assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(5));
		assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(10));
		assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(20));
		assertThat(limiter.when("b")).isEqualTo(Duration.ofMillis(5));
		assertThat(limiter.numRequeues("a")).isEqualTo(3);
		assertThat(limiter.numRequeues("b")).isEqualTo(1);
		// 5 ms * 2^17 = 655.36 s, 2^18 = 1310.72 s > 1000 s
		for (int i = 3; i < 17; i++) {
			limiter.when("a");
		}
		assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(5).multipliedBy(1 << 17));
		assertThat(limiter.when("a")).isEqualTo(Duration.ofSeconds(1000));
		for (int i = 0; i < 2000; i++) {
			assertThat(limiter.when("a")).isEqualTo(Duration.ofSeconds(1000));
		}
		limiter.forget("a");
		assertThat(limiter.numRequeues("a")).isZero();
		assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(5));
	}

	@Test
	void bucketLimiterAllowsTheBurstThenOneTokenPerTenthOfASecond() {
		RateLimiter<String> limiter = new BucketRateLimiter<>(10, 100, this.clock);
		for (int i = 0; i < 100; i++) {
			assertThat(limiter.when("key-" + i)).isZero();
		}
		assertThat(limiter.when("x")).isEqualTo(Duration.ofMillis(100));
		assertThat(limiter.when("y")).isEqualTo(Duration.ofMillis(200));
		// reservations are debts: after 1 s, 10 tokens arrived and 2 were already spent
		this.clock.advance(Duration.ofSeconds(1));
		for (int i = 0; i < 8; i++) {
			assertThat(limiter.when("z" + i)).isZero();
		}
		assertThat(limiter.when("late")).isEqualTo(Duration.ofMillis(100));
		assertThat(limiter.numRequeues("x")).isZero();
	}

	@Test
	void bucketNeverHoldsMoreThanTheBurst() {
		RateLimiter<String> limiter = new BucketRateLimiter<>(10, 100, this.clock);
		this.clock.advance(Duration.ofHours(1));
		for (int i = 0; i < 100; i++) {
			assertThat(limiter.when("k")).isZero();
		}
		assertThat(limiter.when("k")).isEqualTo(Duration.ofMillis(100));
	}

	@Test
	void controllerDefaultIsTheLongerOfBackoffAndBucketAndCountsPerKey() {
		RateLimiter<String> limiter = RateLimiter.controllerDefault(Duration.ofMillis(5), Duration.ofSeconds(1000),
				10, 100, this.clock);
		assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(5));
		for (int i = 0; i < 98; i++) {
			limiter.when("other-" + i);
		}
		assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(10));
		// the bucket is empty now: its 100 ms wait is longer than a's 20 ms backoff
		assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(100));
		assertThat(limiter.numRequeues("a")).isEqualTo(3);
		limiter.forget("a");
		assertThat(limiter.numRequeues("a")).isZero();
	}

}
