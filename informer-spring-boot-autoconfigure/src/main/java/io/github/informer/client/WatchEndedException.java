package io.github.informer.client;

import java.time.Duration;

/** The watch ended at once without applying a change: a failed attempt, not a quiet namespace. */
final class WatchEndedException extends Exception {

	WatchEndedException(Duration lasted) {
		super("the watch ended after " + lasted.toMillis() + " ms without a change (an empty or cut stream)");
	}

}
