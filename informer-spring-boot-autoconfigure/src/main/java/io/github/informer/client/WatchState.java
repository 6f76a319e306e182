package io.github.informer.client;

/**
 * What a list/watch loop is doing right now.
 */
public enum WatchState {

	/** Listing (the initial list, or a relist after 410 Gone); the cache may lag the server. */
	LISTING,

	/** Watching: the cache follows the server. */
	WATCHING,

	/** Waiting before the next attempt after a failure. */
	BACKOFF,

	/**
	 * Not running: not started yet, or stopped. The worst state in an aggregate: one namespace's loop that no longer
	 * runs leaves part of the cache frozen, whatever its siblings do.
	 */
	STOPPED;

	/**
	 * How bad this state is when several loops are aggregated into one informer state (higher is worse).
	 * @return the severity
	 */
	int severity() {
		return switch (this) {
			case WATCHING -> 0;
			case LISTING -> 1;
			case BACKOFF -> 2;
			case STOPPED -> 3;
		};
	}

}
