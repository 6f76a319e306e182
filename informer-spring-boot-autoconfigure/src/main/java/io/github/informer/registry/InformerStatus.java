package io.github.informer.registry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.informer.client.EventCounts;
import io.github.informer.client.WatchStatus;
import org.jspecify.annotations.Nullable;

/**
 * A read-only snapshot of one informer for the endpoint, health and metrics. Never contains cached objects (an
 * informer may cache Secrets).
 *
 * @param name the informer's name
 * @param apiVersion the apiVersion
 * @param kind the kind
 * @param namespaces the namespaces, empty for all
 * @param labelSelector the label selector, or {@code null}
 * @param fieldSelector the field selector, or {@code null}
 * @param synced whether every namespace's first list has been cached
 * @param syncedAt when that happened
 * @param lastSyncResourceVersion the last resourceVersion seen
 * @param cacheSize the number of cached objects
 * @param cacheSizeByNamespace cached objects per namespace (cluster-scoped objects under {@code ""})
 * @param watch the list/watch state of all namespaces combined
 * @param namespaceWatches the list/watch state of each namespace
 * @param events changes applied to the cache, by type
 * @param resync the resource-level resync period for handlers
 * @param decoder the decoder in effect for list pages and watch events ({@code streaming} or {@code client-java})
 */
public record InformerStatus(String name, String apiVersion, String kind, List<String> namespaces,
		@Nullable String labelSelector, @Nullable String fieldSelector, boolean synced, @Nullable Instant syncedAt,
		@Nullable String lastSyncResourceVersion, int cacheSize, Map<String, Integer> cacheSizeByNamespace,
		WatchStatus watch, List<WatchStatus> namespaceWatches, EventCounts events, Duration resync, String decoder) {

}
