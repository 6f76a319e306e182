package io.github.informer.client;

import java.util.Set;

import io.kubernetes.client.common.KubernetesObject;
import org.jspecify.annotations.Nullable;

/**
 * What a list/watch loop writes to, as client-go's reflector writes to its {@code Store}: the loop knows nothing of
 * the informer behind it (its cache, handlers, transforms or other loops). Calls come from the loop's own thread; a
 * failure thrown from them is this application's (a transform, an index function), never the API server's.
 *
 * @param <T> the object type
 */
interface InformerStore<T extends KubernetesObject> {

	/**
	 * Add or update an object from a list page or a watch event.
	 * @param object the object as decoded
	 * @return the object's cache key
	 */
	String upsert(T object);

	/**
	 * Prepare an object of a watch-list's initial events for the loop's temporary store, as the cache would hold it
	 * (transformed: pruned, interned), so that the temporary store never holds the raw objects; nothing is cached or
	 * delivered yet. The store may return the instance it already caches when the object's resourceVersion is
	 * unchanged.
	 * @param object the object as decoded
	 * @return the object to pass to {@link #upsertPrepared} when the initial events end
	 */
	default T prepare(T object) {
		return object;
	}

	/**
	 * Add or update an object {@link #prepare}d earlier, without transforming it again: the watch-list's
	 * counterpart of {@link #upsert}, with the same events for handlers.
	 * @param object what {@link #prepare} returned
	 * @return the object's cache key
	 */
	default String upsertPrepared(T object) {
		return upsert(object);
	}

	/**
	 * Apply a watch's DELETED event.
	 * @param object the object's last state
	 */
	void delete(T object);

	/**
	 * Complete a list: the listed objects were upserted page by page (so a large list never sits in memory whole), or
	 * those of a watch-list's initial events one by one once they ended; remove what the list of this namespace no
	 * longer has, as client-go's {@code Replace} does.
	 * @param namespace the listed namespace, {@code null} for all namespaces or a cluster-scoped resource
	 * @param listedKeys the keys {@link #upsert} (or {@link #upsertPrepared}) returned for the list's objects
	 */
	void replace(@Nullable String namespace, Set<String> listedKeys);

	/**
	 * The loop completed its first list (or watch-list).
	 */
	void synced();

}
