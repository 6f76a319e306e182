package io.github.informer.controller;

import java.time.Duration;

/**
 * Receives a controller's timings as they happen (the metrics); the rest of its state is polled from
 * {@link Controllers.Status}.
 */
interface ControllerObserver {

	ControllerObserver NONE = new ControllerObserver() {
	};

	/**
	 * A key was taken from the queue after waiting this long.
	 * @param nanos the wait
	 */
	default void waited(long nanos) {
	}

	/**
	 * A reconcile ended.
	 * @param result {@code success}, {@code error} or {@code requeue}
	 * @param nanos how long it ran
	 */
	default void reconciled(String result, long nanos) {
	}

	/**
	 * A key goes back through the rate limiter (a failure or {@code requeue()}).
	 * @param delay how long the limiter holds it
	 */
	default void retryScheduled(Duration delay) {
	}

}
