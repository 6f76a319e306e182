package io.github.informer.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.informer.client.EventCounts;
import io.github.informer.client.WatchStatus;
import io.github.informer.registry.InformerStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * One informer in the {@code informers} endpoint. Field names are part of the endpoint's contract; absent values
 * are written as {@code null} so that every field is always present. Times are ISO-8601 strings.
 *
 * @param name the informer's name
 * @param apiVersion the apiVersion
 * @param kind the kind
 * @param plural the resource plural in URLs
 * @param namespaces the watched namespaces, empty for all
 * @param labelSelector the label selector, or {@code null}
 * @param fieldSelector the field selector, or {@code null}
 * @param inferred whether the starter created the informer for a handler's parameter type
 * @param synced whether every namespace's first list has been cached
 * @param syncedAt when that happened, or {@code null}
 * @param lastSyncResourceVersion the last resourceVersion seen
 * @param cacheSize the number of cached objects
 * @param cacheSizeByNamespace cached objects per namespace ({@code ""} for cluster-scoped objects)
 * @param watch the list/watch state of all namespaces combined
 * @param watchesByNamespace the list/watch state of each namespace, when the informer watches several
 * @param events changes applied to the cache, by type
 * @param resync the resource-level resync period for handlers ({@code PT0S}: never)
 * @param handlers the {@code @InformerHandler} methods bound to this informer, in delivery order
 * @param decoder how list pages and watch events are decoded: {@code streaming} or {@code client-java}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record InformerDescriptor(String name, String apiVersion, String kind, String plural, List<String> namespaces,
		@Nullable String labelSelector, @Nullable String fieldSelector, boolean inferred, boolean synced,
		@Nullable String syncedAt, @Nullable String lastSyncResourceVersion, int cacheSize,
		Map<String, Integer> cacheSizeByNamespace, WatchDescriptor watch,
		Map<String, WatchDescriptor> watchesByNamespace, EventCounts events, String resync,
		List<HandlerDescriptor> handlers, String decoder) implements OperationResponseBody {

	static InformerDescriptor of(InformerStatus status, String plural, boolean inferred,
			List<HandlerDescriptor> handlers) {
		Map<String, WatchDescriptor> byNamespace = new LinkedHashMap<>();
		if (status.namespaceWatches().size() > 1) {
			for (WatchStatus loop : status.namespaceWatches()) {
				byNamespace.put(String.valueOf(loop.namespace()), WatchDescriptor.of(loop));
			}
		}
		return new InformerDescriptor(status.name(), status.apiVersion(), status.kind(), plural, status.namespaces(),
				status.labelSelector(), status.fieldSelector(), inferred, status.synced(),
				Descriptors.format(status.syncedAt()), status.lastSyncResourceVersion(), status.cacheSize(),
				status.cacheSizeByNamespace(), WatchDescriptor.of(status.watch()), byNamespace, status.events(),
				status.resync().toString(), handlers, status.decoder());
	}

}
