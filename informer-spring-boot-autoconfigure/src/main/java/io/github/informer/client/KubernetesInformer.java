package io.github.informer.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

import io.github.informer.handler.HandlerInvocationListener;
import io.github.informer.handler.InformerErrorHandler;
import io.github.informer.handler.InformerEvent;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.TransformFunc;
import io.kubernetes.client.informer.cache.Cache;
import io.kubernetes.client.informer.cache.Caches;
import io.kubernetes.client.informer.cache.Indexer;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SharedIndexInformer} that runs one list/watch loop per namespace (or one for all namespaces) behind one
 * cache and one set of handlers. client-java's {@code DefaultSharedIndexInformer} runs exactly one loop, and one
 * resourceVersion cannot represent several namespaces' watch positions, so several client-java informers would mean
 * several caches.
 * <p>
 * Built from the same seams as client-go's {@code sharedIndexInformer}: the loops ({@link Reflector}) write to a
 * narrow {@link InformerStore} and know nothing of this class; this class applies each change to client-java's
 * {@link Cache} (with its namespace index) and hands it to the {@link HandlerProcessor}, which gives every handler
 * its own queue and thread in a {@link HandlerWorker} (each handler sees the events of one object in order, and its
 * queue depth is visible). Changes are applied by the loop threads directly (no intermediate delta queue): a
 * paged list is transformed and cached page by page, so the raw list never sits in memory whole, and a watch-list's
 * initial events are transformed as they arrive ({@link InformerStore#prepare}) and cached when they end. A relist
 * that finds an object gone delivers it as a {@code finalStateUnknown} delete with its last known state; a relisted
 * object whose resourceVersion did not change is not re-delivered.
 * <p>
 * Threads are named {@code informer-<name>-watch[-<namespace>]}, {@code informer-<name>-handler-<n>} (or
 * {@code informer-<name>-<label>} for a labelled handler) and {@code informer-<name>-resync}, and all of them end in
 * {@link #stop(Duration)}.
 *
 * @param <T> the object type
 */
public final class KubernetesInformer<T extends KubernetesObject> implements SharedIndexInformer<T> {

	private static final Logger logger = LoggerFactory.getLogger(KubernetesInformer.class);

	private static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);

	private final String name;

	private final ResourceType<T> resource;

	private final Cache<T> cache = new Cache<>();

	private final Object lock = new Object();

	private final HandlerProcessor<T> processor;

	private final List<Reflector<T>> reflectors;

	/** Loops that have not completed their first list yet; guarded by {@link #lock}. */
	private int unsyncedLoops;

	private final List<Runnable> syncCallbacks = new CopyOnWriteArrayList<>();

	private final AtomicLong added = new AtomicLong();

	private final AtomicLong updated = new AtomicLong();

	private final AtomicLong deleted = new AtomicLong();

	private final AtomicInteger size = new AtomicInteger();

	private final @Nullable GuardedTransform cacheTransform;

	private volatile @Nullable GuardedTransform transform;

	private volatile boolean started;

	private volatile boolean stopped;

	private volatile @Nullable Instant syncedAt;

	private final TypeMeta typeMeta;

	/**
	 * Create an informer.
	 * @param name the informer's name, used in thread names and logs
	 * @param listerWatchers one lister/watcher per namespace, or one for all namespaces; all for the same resource
	 * @param cacheTransform applied to every object before it is cached, or {@code null}
	 * @param backoffs creates the backoff of each loop
	 */
	KubernetesInformer(String name, List<KubernetesListerWatcher<T>> listerWatchers,
			@Nullable TransformFunc cacheTransform, Supplier<Backoff> backoffs) {
		if (listerWatchers.isEmpty()) {
			throw new IllegalArgumentException("An informer needs at least one lister/watcher");
		}
		this.name = name;
		this.resource = listerWatchers.get(0).resource();
		this.cacheTransform = (cacheTransform != null)
				? new GuardedTransform(name, "The cache transform (memory.*, prune)", cacheTransform) : null;
		this.typeMeta = new TypeMeta(this.resource);
		this.processor = new HandlerProcessor<>(name, this.lock,
				() -> (!this.stopped && hasSynced()) ? this.cache.list() : null);
		InformerStore<T> store = new Store();
		List<Reflector<T>> loops = new ArrayList<>();
		for (KubernetesListerWatcher<T> listerWatcher : listerWatchers) {
			loops.add(new Reflector<>(name, listerWatcher, store, backoffs.get()));
		}
		this.reflectors = List.copyOf(loops);
		this.unsyncedLoops = loops.size();
	}

	public String name() {
		return this.name;
	}

	public ResourceType<T> resource() {
		return this.resource;
	}

	@Override
	public void addEventHandler(ResourceEventHandler<T> handler) {
		addEventHandlerWithResyncPeriod(handler, 0);
	}

	/**
	 * Add a handler with its own queue and thread ({@code informer-<name>-handler-<n>}); with a period above zero,
	 * once the informer has synced, every cached object is re-delivered to this handler alone as an update
	 * (old == new) at that period, behind the events already queued for it. Unlike client-java, the period is
	 * honoured per handler. What the handler throws is logged.
	 */
	@Override
	public void addEventHandlerWithResyncPeriod(ResourceEventHandler<T> handler, long resyncPeriodMillis) {
		InformerErrorHandler logging = (id, event, ex) -> logger.error("Informer '{}': handler {} failed on a {} event",
				this.name, handler, event.type(), ex);
		String threadName = this.processor.threadName(null);
		String id = threadName.substring(("informer-" + this.name + "-").length());
		startHandler(new HandlerWorker<>(this, id, threadName, new ResourceEventHandlerTarget<>(handler),
				Duration.ofMillis(Math.max(0, resyncPeriodMillis)), logging, List.of(), null));
	}

	/**
	 * Add a handler: a {@link HandlerWorker} with its own queue and thread ({@code informer-<name>-<id>}) that calls
	 * the target. With a resync period above zero, once the informer has synced, every cached object is queued for
	 * this handler alone at that period, behind the events already queued for it, as an {@code UPDATED} event
	 * flagged {@code resync}. Added before the informer runs, the handler receives the initial list as ADDED events;
	 * added later, the cache's current contents. A leader-only handler (with {@code leader}) is only created here:
	 * {@link HandlerWorker#start()} adds it for each term of leadership.
	 * @param id the handler's id; names its thread
	 * @param target what the worker calls
	 * @param resync the resync period, {@link Duration#ZERO} for none
	 * @param errorHandler receives what the target throws
	 * @param listeners told about every call
	 * @param leader for a leader-only handler, checked before each call (and marking its thread); else {@code null}
	 * @return the worker, the live view of the handler
	 */
	public HandlerWorker<T> addHandler(String id, HandlerTarget<? super T> target, Duration resync,
			InformerErrorHandler errorHandler, List<HandlerInvocationListener> listeners,
			@Nullable BooleanSupplier leader) {
		HandlerWorker<T> worker = new HandlerWorker<>(this, id, this.processor.threadName(id), target, resync,
				errorHandler, listeners, leader);
		if (leader == null) {
			startHandler(worker);
		}
		return worker;
	}

	/** Add a worker to the processor: replayed the cache and started at once if the informer runs. */
	void startHandler(HandlerWorker<T> worker) {
		// One critical section with beginStop(): either the informer is stopped and nothing is added or scheduled,
		// or the handler and its resync are in place before beginStop() shuts them down.
		synchronized (this.lock) {
			if (this.stopped) {
				logger.info("Informer '{}' is stopped; {} not added", this.name, worker);
				return;
			}
			this.processor.add(worker, this.started ? this.cache.list() : null);
		}
	}

	/** Remove a worker: no further event or resync round is queued for it, and its thread is signalled to end. */
	void stopHandler(HandlerWorker<?> worker) {
		synchronized (this.lock) {
			this.processor.remove(worker);
		}
		worker.signalStop();
	}

	@Override
	public void run() {
		synchronized (this.lock) {
			if (this.started || this.stopped) {
				return;
			}
			this.started = true;
			this.processor.start();
		}
		boolean single = this.reflectors.size() == 1;
		for (Reflector<T> reflector : this.reflectors) {
			String namespace = reflector.namespace();
			String suffix = (single || namespace == null) ? "" : "-" + namespace;
			reflector.start("informer-" + this.name + "-watch" + suffix);
		}
	}

	@Override
	public void stop() {
		stop(DEFAULT_STOP_TIMEOUT);
	}

	/**
	 * Stop every loop and handler thread, waiting at most the given time.
	 * @param timeout how long to wait for the threads to end
	 * @return whether every thread ended in time
	 */
	public boolean stop(Duration timeout) {
		beginStop();
		return awaitStop(timeout);
	}

	/**
	 * Signal every loop and handler thread to end, without waiting, so that many informers stop in parallel.
	 */
	public void beginStop() {
		synchronized (this.lock) {
			if (this.stopped) {
				return;
			}
			this.stopped = true;
		}
		this.reflectors.forEach(Reflector::signalStop);
		this.processor.signalStop();
	}

	/**
	 * Wait for the threads of a stopped informer to end.
	 * @param timeout how long to wait
	 * @return whether every thread ended in time
	 */
	public boolean awaitStop(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		boolean terminated = true;
		try {
			for (Reflector<T> reflector : this.reflectors) {
				terminated &= reflector.awaitTermination(remaining(deadline));
			}
			terminated &= this.processor.awaitTermination(deadline);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			terminated = false;
		}
		if (!terminated) {
			logger.warn("Informer '{}': some threads did not end within {}", this.name, timeout);
		}
		return terminated;
	}

	private static Duration remaining(long deadline) {
		return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
	}

	@Override
	public boolean hasSynced() {
		return this.syncedAt != null;
	}

	/**
	 * Return when every loop had completed its first list.
	 * @return the sync time, or {@code null} before
	 */
	public @Nullable Instant syncedAt() {
		return this.syncedAt;
	}

	/**
	 * Register a callback run once when the informer has synced (at once if it already has).
	 * @param callback the callback
	 */
	public void onSynced(Runnable callback) {
		this.syncCallbacks.add(callback);
		if (hasSynced()) {
			callback.run();
		}
	}

	/**
	 * The resourceVersion of the most recently active loop (resourceVersions are opaque per loop; with one loop this
	 * is simply its last seen resourceVersion).
	 */
	@Override
	public String lastSyncResourceVersion() {
		WatchStatus status = WatchStatus.aggregate(watchStatuses());
		return Objects.requireNonNullElse(status.lastSyncResourceVersion(), "");
	}

	/**
	 * Set a transform applied after the starter's own (last-applied annotation, prune, interning).
	 */
	@Override
	public void setTransform(TransformFunc transformFunc) {
		if (this.started) {
			throw new IllegalStateException("cannot set transform func to a running informer");
		}
		String description = GuardedIndexFunction.declaredDescription(transformFunc);
		this.transform = new GuardedTransform(this.name,
				"The transform set with setTransform" + ((description != null) ? " (" + description + ")" : ""),
				transformFunc);
	}

	/**
	 * Add index functions. Each is guarded: an object a function throws on is cached and delivered without an entry
	 * in that index, with one warning per index (client-java's cache would otherwise store the object and then throw,
	 * losing the event).
	 */
	@Override
	public void addIndexers(Map<String, Function<T, List<String>>> indexers) {
		if (this.started) {
			throw new IllegalStateException("cannot add indexers to a running informer");
		}
		Map<String, Function<T, List<String>>> guarded = new LinkedHashMap<>();
		indexers.forEach(
				(index, function) -> guarded.put(index, new GuardedIndexFunction<>(this.name, index, function)));
		this.cache.addIndexers(guarded);
	}

	@Override
	public Indexer<T> getIndexer() {
		return this.cache;
	}

	/**
	 * Return the state of each list/watch loop (one per namespace).
	 * @return the snapshots
	 */
	public List<WatchStatus> watchStatuses() {
		return this.reflectors.stream().map(Reflector::status).toList();
	}

	/**
	 * Return the state of all loops combined.
	 * @return the snapshot
	 */
	public WatchStatus watchStatus() {
		return WatchStatus.aggregate(watchStatuses());
	}

	/**
	 * Return the number of cached objects, without copying the cache.
	 * @return the size
	 */
	public int cacheSize() {
		return this.size.get();
	}

	/**
	 * Return how many changes were applied to the cache, by type.
	 * @return the counts
	 */
	public EventCounts eventCounts() {
		return new EventCounts(this.added.get(), this.updated.get(), this.deleted.get());
	}

	/** Add or update an object from a list page or a watch event; returns its cache key. */
	private String upsert(T object) {
		String key = Caches.deletionHandlingMetaNamespaceKeyFunc(object);
		T old = this.cache.getByKey(key);
		if (old != null && sameVersion(old, object)) {
			return key;
		}
		return apply(key, old, transform(object));
	}

	/**
	 * An object of a watch-list's initial events as the cache would hold it: the cached instance when its
	 * resourceVersion did not change (so a relist by watch-list transforms only what changed), else transformed.
	 */
	private T prepare(T object) {
		T old = this.cache.getByKey(Caches.deletionHandlingMetaNamespaceKeyFunc(object));
		return (old != null && sameVersion(old, object)) ? old : transform(object);
	}

	/** Add or update an object {@link #prepare}d earlier, with the same events as {@link #upsert}. */
	private String upsertPrepared(T value) {
		String key = Caches.deletionHandlingMetaNamespaceKeyFunc(value);
		T old = this.cache.getByKey(key);
		if (old != null && (old == value || sameVersion(old, value))) {
			return key;
		}
		return apply(key, old, value);
	}

	private String apply(String key, @Nullable T old, T value) {
		synchronized (this.lock) {
			if (this.stopped) {
				return key;
			}
			if (old == null) {
				this.cache.add(value);
				this.size.incrementAndGet();
				this.added.incrementAndGet();
				this.processor.distribute(InformerEvent.added(this.name, value));
			}
			else {
				this.cache.update(value);
				this.updated.incrementAndGet();
				this.processor.distribute(InformerEvent.updated(this.name, old, value));
			}
		}
		return key;
	}

	/**
	 * Apply a watch's DELETED event. One for an object that is not cached (deleted before the list saw it, or outside
	 * the selector all along) is dropped, not delivered and not counted, as client-go's DeltaFIFO drops it.
	 */
	private void delete(T object) {
		String key = Caches.deletionHandlingMetaNamespaceKeyFunc(object);
		if (this.cache.getByKey(key) == null) {
			logger.debug("Informer '{}': ignoring the deletion of {}, which is not cached", this.name, key);
			return;
		}
		T value = transform(object);
		synchronized (this.lock) {
			if (this.stopped || this.cache.getByKey(key) == null) {
				return;
			}
			this.cache.delete(value);
			this.size.decrementAndGet();
			this.deleted.incrementAndGet();
			this.processor.distribute(InformerEvent.deleted(this.name, value, false));
		}
	}

	/**
	 * After a complete list of a namespace (or of everything), remove what the list no longer has: deleted while no
	 * watch ran, so delivered as {@code finalStateUnknown} deletes with the last known state.
	 */
	private void replace(@Nullable String namespace, Set<String> listedKeys) {
		synchronized (this.lock) {
			if (this.stopped) {
				return;
			}
			List<T> candidates = (namespace != null) ? this.cache.byIndex(Caches.NAMESPACE_INDEX, namespace)
					: this.cache.list();
			List<T> missing = candidates.stream()
				.filter((object) -> !listedKeys.contains(Caches.deletionHandlingMetaNamespaceKeyFunc(object)))
				.toList();
			if (missing.isEmpty()) {
				return;
			}
			for (T object : missing) {
				this.cache.delete(object);
				this.size.decrementAndGet();
				this.deleted.incrementAndGet();
				this.processor.distribute(InformerEvent.deleted(this.name, object, true));
			}
		}
	}

	/** Every loop calls this once; the informer is synced when the last has. */
	private void loopSynced() {
		boolean nowSynced;
		synchronized (this.lock) {
			this.unsyncedLoops--;
			nowSynced = this.unsyncedLoops == 0 && this.syncedAt == null;
			if (nowSynced) {
				this.syncedAt = Instant.now();
			}
		}
		if (nowSynced) {
			logger.info("Informer '{}' synced: {} {} cached", this.name, this.cache.listKeys().size(),
					this.resource.resourceName());
			this.syncCallbacks.forEach(Runnable::run);
		}
	}

	/**
	 * The one transform of every object before it is cached and delivered: apiVersion/kind from the resource first
	 * (list items arrive without them), then the starter's cache transform, then the application's.
	 */
	@SuppressWarnings("unchecked")
	private T transform(T object) {
		this.typeMeta.fill(object);
		KubernetesObject result = object;
		GuardedTransform builtIn = this.cacheTransform;
		if (builtIn != null) {
			result = builtIn.apply(result);
		}
		GuardedTransform custom = this.transform;
		if (custom != null) {
			result = custom.apply(result);
		}
		return (T) result;
	}

	private static boolean sameVersion(KubernetesObject cached, KubernetesObject listed) {
		V1ObjectMeta cachedMeta = cached.getMetadata();
		V1ObjectMeta listedMeta = listed.getMetadata();
		String cachedVersion = (cachedMeta != null) ? cachedMeta.getResourceVersion() : null;
		return cachedVersion != null && listedMeta != null && cachedVersion.equals(listedMeta.getResourceVersion());
	}

	/**
	 * The loops' view of this informer: every change goes through the transform into the cache and on to the
	 * handlers, under the lock, and is dropped once the informer is stopped.
	 */
	private final class Store implements InformerStore<T> {

		@Override
		public String upsert(T object) {
			return KubernetesInformer.this.upsert(object);
		}

		@Override
		public T prepare(T object) {
			return KubernetesInformer.this.prepare(object);
		}

		@Override
		public String upsertPrepared(T object) {
			return KubernetesInformer.this.upsertPrepared(object);
		}

		@Override
		public void delete(T object) {
			KubernetesInformer.this.delete(object);
		}

		@Override
		public void replace(@Nullable String namespace, Set<String> listedKeys) {
			KubernetesInformer.this.replace(namespace, listedKeys);
		}

		@Override
		public void synced() {
			loopSynced();
		}

	}

	@Override
	public String toString() {
		return "KubernetesInformer '" + this.name + "' for " + this.resource;
	}

}
