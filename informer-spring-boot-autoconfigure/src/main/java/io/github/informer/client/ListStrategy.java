package io.github.informer.client;

import java.util.Locale;

/**
 * How a list/watch loop reads the current state before it watches ({@code kubernetes.informers.list-strategy}): a
 * paged list, or a watch that streams the state first (watch-list, KEP-3157), as client-go does by default since
 * Kubernetes 1.35. With watch-list the API server streams objects from its watch cache instead of building every
 * page of a list in memory, which is what overloads API servers when many replicas of a controller restart at once.
 */
public enum ListStrategy {

	/**
	 * Watch-list, falling back to the paged list for any attempt that fails (as client-go does: making progress is
	 * better than deadlocking). After a server answered that it does not support watch-list, the loop lists for
	 * 10 minutes before it tries watch-list again.
	 */
	AUTO,

	/**
	 * Watch-list only: a failed attempt is a failure like any other (backoff, health, one WARN), never a list.
	 */
	WATCH_LIST,

	/**
	 * The paged list ({@code limit}/{@code continue}), then a watch from the list's resourceVersion.
	 */
	LIST;

	/**
	 * Return the value as written in properties and shown by the endpoint: {@code auto}, {@code watch-list} or
	 * {@code list}.
	 * @return the property value
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
