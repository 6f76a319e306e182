package io.github.informer.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.informer.decoder.DecoderType;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.ApiClient;
import org.jspecify.annotations.Nullable;

/**
 * Builds {@link KubernetesInformer}s from what each watches: one {@link KubernetesListerWatcher} per namespace (or
 * one for all namespaces), the cache transform (last-applied annotation, prune, one string table shared by all the
 * informers it builds), and a {@link Backoff} per loop. The one place outside the loop that knows how an informer is
 * put together, so the loop's parts stay package-private.
 */
public final class InformerAssembler {

	/** How many distinct strings the shared string table holds before it starts over. */
	private static final int INTERNER_MAX_ENTRIES = 200_000;

	private final ApiClient apiClient;

	private final Settings settings;

	private final @Nullable StringInterner interner;

	/**
	 * Create an assembler for the informers of one application.
	 * @param apiClient the client every loop lists and watches with
	 * @param settings list, memory and backoff settings
	 */
	public InformerAssembler(ApiClient apiClient, Settings settings) {
		this.apiClient = apiClient;
		this.settings = settings;
		this.interner = settings.internStrings() ? new StringInterner(INTERNER_MAX_ENTRIES) : null;
	}

	/**
	 * Build a (not started) informer.
	 * @param name the informer's name
	 * @param resource the resource it watches
	 * @param namespaces the namespaces, one loop each; empty for one loop over all namespaces
	 * @param labelSelector the label selector, or {@code null}
	 * @param fieldSelector the field selector, or {@code null}
	 * @param decoder how list pages and watch events are decoded
	 * @param listStrategy how each loop reads the state: watch-list, paged list, or watch-list with fallback
	 * @param prune field paths dropped before caching
	 * @param <T> the object type
	 * @return the informer
	 */
	public <T extends KubernetesObject> KubernetesInformer<T> assemble(String name, ResourceType<T> resource,
			List<String> namespaces, @Nullable String labelSelector, @Nullable String fieldSelector,
			DecoderType decoder, ListStrategy listStrategy, List<String> prune) {
		List<KubernetesListerWatcher<T>> listerWatchers = new ArrayList<>();
		if (namespaces.isEmpty()) {
			listerWatchers.add(listerWatcher(resource, null, labelSelector, fieldSelector, decoder, listStrategy));
		}
		for (String namespace : namespaces) {
			listerWatchers.add(listerWatcher(resource, namespace, labelSelector, fieldSelector, decoder, listStrategy));
		}
		Class<T> apiType = resource.apiType();
		CacheTransform transform = new CacheTransform(apiType, this.settings.dropLastAppliedConfiguration(),
				FieldPruner.compile(apiType, prune), this.interner);
		return new KubernetesInformer<>(name, listerWatchers, transform.isEmpty() ? null : transform,
				() -> new Backoff(this.settings.backoffInitial(), this.settings.backoffMax()));
	}

	private <T extends KubernetesObject> KubernetesListerWatcher<T> listerWatcher(ResourceType<T> resource,
			@Nullable String namespace, @Nullable String labelSelector, @Nullable String fieldSelector,
			DecoderType decoder, ListStrategy listStrategy) {
		return new KubernetesListerWatcher<>(this.apiClient, resource, namespace, labelSelector, fieldSelector,
				this.settings.listPageSize(), this.settings.readTimeout(), decoder, listStrategy);
	}

	/**
	 * How informers list, cache and retry.
	 *
	 * @param listPageSize objects per list page, 0 for unpaged
	 * @param readTimeout how long a list or discovery response may send nothing, 0 for no limit
	 * @param internStrings whether cached objects share repeated strings
	 * @param dropLastAppliedConfiguration whether to drop the last-applied annotation before caching
	 * @param backoffInitial the delay after a first failure
	 * @param backoffMax the longest delay between attempts
	 */
	public record Settings(int listPageSize, Duration readTimeout, boolean internStrings,
			boolean dropLastAppliedConfiguration, Duration backoffInitial, Duration backoffMax) {

	}

}
