package io.github.informer.registry;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import io.github.informer.client.EventCounts;
import io.github.informer.client.HandlerTarget;
import io.github.informer.client.HandlerWorker;
import io.github.informer.client.KubernetesInformer;
import io.github.informer.client.WatchStatus;
import io.github.informer.decoder.DecoderType;
import io.github.informer.decoder.ModelDecoder;
import io.github.informer.handler.HandlerInvocationListener;
import io.github.informer.handler.InformerErrorHandler;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.cache.Caches;
import io.kubernetes.client.informer.cache.Indexer;
import io.kubernetes.client.informer.cache.Lister;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import org.jspecify.annotations.Nullable;

/**
 * One informer owned by the {@link InformerRegistry}: what it watches, its cache, and its state.
 * <p>
 * Handlers added to {@link #informer()} before the registry starts receive the initial list as ADDED events and then
 * every change of every namespace the informer covers, each on its own thread. Resync is per handler, at the
 * handler's own period; the informer has no resync of its own.
 *
 * @param <T> the object type
 */
public final class ManagedInformer<T extends KubernetesObject> {

	private final InformerSpec spec;

	private final KubernetesInformer<T> informer;

	private final Lister<T> lister;

	ManagedInformer(InformerSpec spec, KubernetesInformer<T> informer) {
		this.spec = spec;
		this.informer = informer;
		this.lister = new Lister<>(informer.getIndexer());
	}

	/**
	 * Return the informer's name ({@code kubernetes.informers.resources.<name>}).
	 * @return the name
	 */
	public String name() {
		return this.spec.name();
	}

	/**
	 * Return the Java type of the cached objects.
	 * @return the type
	 */
	@SuppressWarnings("unchecked")
	public Class<T> apiType() {
		return (Class<T>) this.spec.apiType();
	}

	public String apiVersion() {
		return this.spec.apiVersion();
	}

	public String kind() {
		return this.spec.kind();
	}

	/**
	 * Return the resource plural used in URLs (from discovery once the API server answered).
	 * @return the plural
	 */
	public String plural() {
		return this.informer.resource().plural();
	}

	/**
	 * Return the watched namespaces.
	 * @return the namespaces, empty for all namespaces (or a cluster-scoped resource)
	 */
	public List<String> namespaces() {
		return this.spec.namespaces();
	}

	public @Nullable String labelSelector() {
		return this.spec.labelSelector();
	}

	public @Nullable String fieldSelector() {
		return this.spec.fieldSelector();
	}

	/**
	 * Return the resource-level resync period ({@code resources.<name>.resync}, else
	 * {@code kubernetes.informers.resync}).
	 * @return the period, {@link Duration#ZERO} for never
	 */
	public Duration resync() {
		return this.spec.resync();
	}

	/**
	 * Return whether the starter created this informer for a handler's parameter type.
	 * @return {@code true} if inferred rather than configured
	 */
	public boolean inferred() {
		return this.spec.inferred();
	}

	/**
	 * Return the resolved specification.
	 * @return the spec
	 */
	public InformerSpec spec() {
		return this.spec;
	}

	/**
	 * Return the informer, to add handlers ({@code addEventHandler}) and read its cache.
	 * @return the informer
	 */
	public SharedIndexInformer<T> informer() {
		return this.informer;
	}

	/**
	 * Return the cache, with the {@code namespace} index and the configured indexes.
	 * @return the indexer
	 */
	public Indexer<T> indexer() {
		return this.informer.getIndexer();
	}

	/**
	 * Return a lister over the cache ({@code lister().namespace("web").list()}).
	 * @return the lister
	 */
	public Lister<T> lister() {
		return this.lister;
	}

	/**
	 * Return the index names: {@code namespace} plus the configured ones.
	 * @return the index names
	 */
	public Set<String> indexNames() {
		return indexer().getIndexers().keySet();
	}

	/**
	 * Return the cached objects whose index {@code indexName} has the key {@code value}.
	 * @param indexName the index ({@code namespace} or a configured one)
	 * @param value the index key
	 * @return the objects
	 * @throws IllegalArgumentException if there is no such index
	 */
	public List<T> byIndex(String indexName, String value) {
		if (!indexNames().contains(indexName)) {
			throw new IllegalArgumentException("Informer '" + name() + "' has no index '" + indexName
					+ "'; its indexes are " + indexNames() + " (add one with kubernetes.informers.resources." + name()
					+ ".indexes." + indexName + "=<SpEL expression>)");
		}
		return indexer().byIndex(indexName, value);
	}

	/**
	 * Return whether every namespace's first list has been cached.
	 * @return whether synced
	 */
	public boolean hasSynced() {
		return this.informer.hasSynced();
	}

	/**
	 * Return the list/watch state of all namespaces combined.
	 * @return the watch status
	 */
	public WatchStatus watchStatus() {
		return this.informer.watchStatus();
	}

	/**
	 * Return the number of cached objects, without copying the cache (for metrics).
	 * @return the cache size
	 */
	public int cacheSize() {
		return this.informer.cacheSize();
	}

	/**
	 * Return how many changes were applied to the cache, by type, since the informer started.
	 * @return the counts
	 */
	public EventCounts eventCounts() {
		return this.informer.eventCounts();
	}

	/**
	 * Return the decoder in effect for this informer's objects: the configured one, or client-java's for a model class
	 * that cannot be streamed ({@code DynamicKubernetesObject}).
	 * @return the decoder type
	 */
	public DecoderType decoder() {
		return ModelDecoder.of(this.spec.apiType(), this.spec.decoder()).type();
	}

	/**
	 * Return a read-only snapshot of this informer's state (no object contents).
	 * @return the status
	 */
	public InformerStatus status() {
		List<WatchStatus> loops = this.informer.watchStatuses();
		WatchStatus watch = WatchStatus.aggregate(loops);
		return new InformerStatus(name(), apiVersion(), kind(), namespaces(), labelSelector(), fieldSelector(),
				hasSynced(), this.informer.syncedAt(), watch.lastSyncResourceVersion(), this.informer.cacheSize(),
				cacheSizeByNamespace(), watch, loops, this.informer.eventCounts(), resync(), decoder().value());
	}

	private Map<String, Integer> cacheSizeByNamespace() {
		if (!namespaces().isEmpty()) {
			Map<String, Integer> sizes = new LinkedHashMap<>();
			for (String namespace : namespaces()) {
				sizes.put(namespace, indexer().byIndex(Caches.NAMESPACE_INDEX, namespace).size());
			}
			return sizes;
		}
		Map<String, Integer> sizes = new TreeMap<>();
		for (T object : indexer().list()) {
			V1ObjectMeta metadata = object.getMetadata();
			String namespace = (metadata != null && metadata.getNamespace() != null) ? metadata.getNamespace() : "";
			sizes.merge(namespace, 1, Integer::sum);
		}
		return sizes;
	}

	/**
	 * Return the state of each list/watch loop (one per namespace).
	 * @return the snapshots
	 */
	public List<WatchStatus> watchStatuses() {
		return this.informer.watchStatuses();
	}

	/**
	 * Register a callback run once when the informer has synced (at once if it already has).
	 * @param callback the callback
	 */
	public void onSynced(Runnable callback) {
		this.informer.onSynced(callback);
	}

	/**
	 * Add a handler with its own queue and thread (see {@link KubernetesInformer#addHandler}); the handler registry
	 * attaches each {@code @InformerHandler} method this way before the informers start.
	 * @param id the handler's id
	 * @param target what the handler's worker calls
	 * @param resync the resync period, {@link Duration#ZERO} for none
	 * @param errorHandler receives what the target throws
	 * @param listeners told about every call
	 * @param leader for a leader-only handler, checked before each call; else {@code null}
	 * @return the worker, the live view of the handler
	 */
	public HandlerWorker<T> addHandler(String id, HandlerTarget<? super T> target, Duration resync,
			InformerErrorHandler errorHandler, List<HandlerInvocationListener> listeners,
			@Nullable BooleanSupplier leader) {
		return this.informer.addHandler(id, target, resync, errorHandler, listeners, leader);
	}

	/** Start the informer's loops and handler threads (by the registry). */
	void run() {
		this.informer.run();
	}

	/** Signal every thread of the informer to end, without waiting (by the registry). */
	void beginStop() {
		this.informer.beginStop();
	}

	/** Wait for the threads of the stopped informer to end (by the registry). */
	boolean awaitStop(Duration timeout) {
		return this.informer.awaitStop(timeout);
	}

	@Override
	public String toString() {
		return "ManagedInformer '" + name() + "' (" + kind() + " " + apiVersion() + ")";
	}

}
