package io.github.informer.controller;

import java.time.Duration;

/**
 * One controller's resolved settings ({@code kubernetes.informers.controllers.<name>.*} over the annotation over the
 * defaults).
 *
 * @param workers keys reconciled at once
 * @param baseDelay first per-key retry delay
 * @param maxDelay cap on the per-key retry delay
 * @param qps rate of the global retry token bucket
 * @param burst size of that bucket
 * @param maxRetries failures after which a key is dropped, 0 for never
 * @param resync period of enqueueing every primary key, zero for never
 * @param reconcileTimeout how long a reconcile may run before it is interrupted, zero for no limit
 * @param leaderOnly whether the controller waits for leadership (when leader election is enabled)
 */
record ControllerSettings(int workers, Duration baseDelay, Duration maxDelay, double qps, int burst, int maxRetries,
		Duration resync, Duration reconcileTimeout, boolean leaderOnly) {

}
