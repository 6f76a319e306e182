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
	 * Apply a watch's DELETED event.
	 * @param object the object's last state
	 */
	void delete(T object);

	/**
	 * Complete a list: the listed objects were upserted page by page (so a large list never sits in memory whole);
	 * remove what the list of this namespace no longer has, as client-go's {@code Replace} does.
	 * @param namespace the listed namespace, {@code null} for all namespaces or a cluster-scoped resource
	 * @param listedKeys the keys {@link #upsert} returned for the list's objects
	 */
	void replace(@Nullable String namespace, Set<String> listedKeys);

	/**
	 * The loop completed its first list.
	 */
	void synced();

}
