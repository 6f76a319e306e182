package io.github.informer.client;

/**
 * A watch-list's initial events did not end with the bookmark annotated {@code k8s.io/initial-events-end}: the
 * stream ended before it, or went quiet without it (a server that does not support watch-list).
 */
final class WatchListIncompleteException extends Exception {

	private final boolean unsupported;

	WatchListIncompleteException(String message, boolean unsupported) {
		super(message);
		this.unsupported = unsupported;
	}

	/** Whether this says that the server does not support watch-list, rather than that one attempt failed. */
	boolean unsupported() {
		return this.unsupported;
	}

}
