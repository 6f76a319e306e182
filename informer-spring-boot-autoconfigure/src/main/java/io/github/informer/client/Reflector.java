package io.github.informer.client;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.cache.Caches;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.util.CallGeneratorParams;
import io.kubernetes.client.util.Watch;
import io.kubernetes.client.util.Watchable;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One list/watch loop: lists (paged) into an {@link InformerStore}, then watches from the list's resourceVersion,
 * re-watching from the last seen resourceVersion when a watch ends, relisting after 410 Gone, and backing off
 * exponentially on consecutive failures. Records what it is doing in its {@link LoopStatus} for the endpoint, health
 * and metrics, and describes failures with {@link WatchError#of}. Runs on its own thread; an informer over several
 * namespaces runs one per namespace.
 * <p>
 * Nothing ends the loop but {@link #signalStop()}: any {@link Throwable} (an {@link OutOfMemoryError} decoding a page,
 * a {@link LinkageError} or an {@link AssertionError} from a user transform) is recorded as the last error, starts or
 * continues the run of failures health measures, and is retried with backoff.
 * <p>
 * Progress is a change applied to the cache from a watch, or a watch that has stayed open for
 * {@link #HEALTHY_WATCH}: only progress ends a run of failures. A watch that connects and then yields none (an ERROR
 * event, an empty body, one BOOKMARK then the end of the stream) is a failure like a refused connection, and so is a
 * 410 on the watch right after a relist. Relists after 410 are throttled as client-go's reflector throttles them
 * (800 ms, doubling to 30 s, forgotten after 2 minutes without one), and a paged list whose continue token expired is
 * listed again once without paging, as client-go's pager does.
 *
 * @param <T> the object type
 */
final class Reflector<T extends KubernetesObject> implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(Reflector.class);

	/** A watch that ends sooner than this without applying a change is a failed attempt, to avoid a hot loop. */
	private static final Duration MIN_WATCH_DURATION = Duration.ofSeconds(1);

	/**
	 * A watch open this long without failing counts as progress even without a change: a quiet namespace is healthy.
	 */
	static final Duration HEALTHY_WATCH = Duration.ofSeconds(5);

	private static final Duration RELIST_INITIAL = Duration.ofMillis(800);

	private static final Duration RELIST_MAX = Duration.ofSeconds(30);

	/** After this long without a relist, the relist throttle starts again from {@link #RELIST_INITIAL}. */
	private static final Duration RELIST_RESET = Duration.ofMinutes(2);

	private static final int MIN_WATCH_TIMEOUT_SECONDS = 300;

	/** The annotation of the BOOKMARK that ends a watch-list's initial events. */
	static final String INITIAL_EVENTS_END = "k8s.io/initial-events-end";

	/**
	 * How long a watch-list's initial events may go without any event before the attempt fails as "not supported":
	 * a server that ignores {@code sendInitialEvents} treats the request as a plain watch, so it streams the objects
	 * (or nothing) and then stays quiet, and the bookmark never comes. kube-apiserver sends initial events back to
	 * back and the bookmark right after the last, so 10 s of silence (client-go warns after the same 10 s) means no
	 * bookmark is coming; the bound is on silence, not on the whole phase, so that streaming a large state on a slow
	 * network is never cut. A server that keeps sending live events instead is found out when its stream ends
	 * ({@code timeoutSeconds}, 5 to 10 minutes).
	 */
	static final Duration INITIAL_EVENTS_IDLE = Duration.ofSeconds(10);

	/**
	 * How long {@link ListStrategy#AUTO} lists after a server answered that it does not support watch-list, before it
	 * tries again. client-go tries on every relist; a server without watch-list may have streamed every object before
	 * it fails the attempt, so trying on every relist would double the cost of each, while trying again after a while
	 * picks up an upgraded control plane without a restart.
	 */
	static final Duration UNSUPPORTED_RETRY = Duration.ofMinutes(10);

	private final KubernetesListerWatcher<T> listerWatcher;

	private final InformerStore<T> store;

	private final LoopStatus status = new LoopStatus();

	private final Backoff backoff;

	private final Backoff relists = new Backoff(RELIST_INITIAL, RELIST_MAX);

	private final String informerName;

	private volatile boolean running = true;

	private volatile @Nullable Watchable<T> watch;

	private volatile @Nullable Thread thread;

	private volatile String threadName = "informer-watch";

	// Only read and written by the loop's own thread:

	/** Whether progress has been recorded since the last list or failure (makes recording it again free). */
	private boolean progressed;

	/** What the list phase is doing: {@code discovery} or {@code list}, for the last error's verb. */
	private String listVerb = "list";

	/** Whether a watch made progress since the last complete list. */
	private boolean progressSinceList;

	/** Watches started since the last complete list. */
	private int watchesSinceList;

	/** Whether the current run of failures is watches expiring right after their list: only progress ends it. */
	private boolean expiringAfterList;

	/** 410s since the last progress: only the first of a streak is logged at INFO. */
	private int expiredStreak;

	private long lastRelistNanos;

	/** Whether the last watch-list answered 410 or "too large resource version": the next one asks for the latest. */
	private boolean resourceVersionUnavailable;

	/** When a server last answered that it does not support watch-list ({@code 0}: never). */
	private long unsupportedAtNanos;

	/** Whether the one INFO line about a server without watch-list has been logged. */
	private boolean unsupportedLogged;

	/** Fallbacks for failures other than "unsupported" since the last complete watch-list. */
	private int errorFallbacks;

	/**
	 * Create a loop; it does nothing until {@link #start}.
	 * @param informerName names the informer in logs
	 * @param listerWatcher the requests of one namespace (or all)
	 * @param store where list items and watch events go
	 * @param backoff the backoff of consecutive failures
	 */
	Reflector(String informerName, KubernetesListerWatcher<T> listerWatcher, InformerStore<T> store,
			Backoff backoff) {
		this.informerName = informerName;
		this.listerWatcher = listerWatcher;
		this.store = store;
		this.backoff = backoff;
	}

	@Nullable String namespace() {
		return this.listerWatcher.namespace();
	}

	/** A snapshot of what the loop is doing. */
	WatchStatus status() {
		return this.status.snapshot(namespace(), this.backoff.failures());
	}

	private @Nullable String resourceVersion() {
		return this.status.resourceVersion();
	}

	void start(String threadName) {
		this.threadName = threadName;
		Thread started = InformerThreads.named(threadName, this);
		this.thread = started;
		started.start();
	}

	/** Ask the loop to stop: abort the request in flight and wake it from any wait. */
	void signalStop() {
		this.running = false;
		this.listerWatcher.cancel();
		closeWatch();
		Thread current = this.thread;
		if (current != null) {
			current.interrupt();
		}
	}

	boolean awaitTermination(Duration timeout) throws InterruptedException {
		Thread current = this.thread;
		if (current == null) {
			return true;
		}
		current.join(Math.max(1, timeout.toMillis()));
		return !current.isAlive();
	}

	@Override
	public void run() {
		boolean needList = true;
		boolean firstAttempt = true;
		try {
			while (this.running) {
				if (!firstAttempt) {
					this.status.restarted();
				}
				firstAttempt = false;
				Duration delay;
				try {
					Watchable<T> stream = null;
					if (needList) {
						stream = sync();
						needList = false;
					}
					watch(stream);
					delay = Duration.ZERO;
				}
				catch (ExpiredException ex) {
					needList = true;
					delay = expired(ex);
				}
				catch (Throwable ex) {
					if (!this.running) {
						break;
					}
					// an interrupt nobody asked for (a transform's, a library's) must not end the loop
					Thread.interrupted();
					String verb = needList ? this.listVerb : "watch";
					try {
						delay = failed(ex, verb);
					}
					catch (Throwable describing) {
						delay = failedUndescribed(ex, describing, verb);
					}
					if (resourceVersion() == null) {
						needList = true;
					}
				}
				pause(delay);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			closeWatch();
			ended();
		}
	}

	/**
	 * Read the current state into the store with the configured {@link ListStrategy}: a watch-list, falling back to
	 * the paged list for this attempt on any failure with {@link ListStrategy#AUTO}, or the paged list.
	 * @return the watch-list's stream, open after its initial events, to go on with as the watch; {@code null} after
	 * a list
	 */
	private @Nullable Watchable<T> sync() throws Exception {
		enter(WatchState.LISTING);
		ResourceType<T> resource = this.listerWatcher.resource();
		if (!resource.discovered()) {
			this.listVerb = "discovery";
			this.listerWatcher.discover();
		}
		this.listVerb = "list";
		this.listerWatcher.verifyScope();
		ListStrategy strategy = this.listerWatcher.listStrategy();
		if (strategy == ListStrategy.WATCH_LIST || (strategy == ListStrategy.AUTO && !unsupportedRecently())) {
			this.listVerb = "watch-list";
			this.status.listStrategy(ListStrategy.WATCH_LIST);
			try {
				return watchList();
			}
			catch (Throwable ex) {
				if (!this.running || strategy != ListStrategy.AUTO) {
					throw ex;
				}
				// an interrupt nobody asked for must not fail the list that follows
				Thread.interrupted();
				fallBack(ex);
			}
			this.listVerb = "list";
		}
		this.status.listStrategy(ListStrategy.LIST);
		list();
		return null;
	}

	private void list() throws Exception {
		long listStart = System.nanoTime();
		Set<String> seen = new HashSet<>();
		String continueToken = null;
		boolean paged = true;
		String listResourceVersion;
		while (true) {
			ObjectList<T> page;
			try {
				page = paged ? this.listerWatcher.listPage(null, continueToken) : this.listerWatcher.listUnpaged();
			}
			catch (ApiException ex) {
				if (ex.getCode() == 410 && continueToken != null) {
					// As client-go's pager: the snapshot is gone, so read the whole current state in one request.
					logger.info("Informer '{}': continue token of {} expired; listing once without paging",
							this.informerName, this.listerWatcher);
					seen.clear();
					continueToken = null;
					paged = false;
					continue;
				}
				throw ex;
			}
			checkRunning();
			touch();
			for (T item : page.getItems()) {
				seen.add(cache(item, "a list", () -> this.store.upsert(item)));
			}
			continueToken = page.getMetadata().getContinue();
			if (continueToken == null || continueToken.isEmpty()) {
				listResourceVersion = page.getMetadata().getResourceVersion();
				break;
			}
		}
		replaced(seen, listStart, listResourceVersion);
	}

	/**
	 * A watch-list (KEP-3157), as client-go's reflector runs it: the initial events go into a temporary store,
	 * transformed as the cache would hold them, without advancing the resourceVersion; ADDED, MODIFIED and DELETED
	 * all change that store; only a BOOKMARK annotated {@value #INITIAL_EVENTS_END} ends the phase. Then the cache is
	 * replaced exactly as after a list (the same upserts and {@link InformerStore#replace}, so the same handler events
	 * and {@code finalStateUnknown} deletes), at the bookmark's resourceVersion, and the stream is returned open to go
	 * on as the watch. A stream that ends before the bookmark, or sends no event for {@link #INITIAL_EVENTS_IDLE},
	 * fails the attempt.
	 */
	private Watchable<T> watchList() throws Exception {
		long started = System.nanoTime();
		String from = this.resourceVersionUnavailable ? null : resourceVersion();
		Watchable<T> stream;
		try {
			stream = this.listerWatcher.watchList(from, watchTimeoutSeconds());
		}
		catch (ApiException ex) {
			expiredOrTooLarge(ex.getCode(), ex.getResponseBody());
			throw ex;
		}
		this.watch = stream;
		try {
			checkRunning();
			Map<String, T> initial = new LinkedHashMap<>();
			String endVersion;
			try (InitialEventsDeadline deadline = InitialEventsDeadline.start(this.threadName + "-deadline",
					INITIAL_EVENTS_IDLE, this::closeWatch)) {
				endVersion = initialEvents(stream, initial, deadline);
			}
			Set<String> seen = new HashSet<>();
			for (T object : initial.values()) {
				seen.add(cache(object, "a watch-list", () -> this.store.upsertPrepared(object)));
			}
			initial.clear();
			replaced(seen, started, endVersion);
			this.errorFallbacks = 0;
			return stream;
		}
		catch (Throwable ex) {
			closeWatch();
			throw ex;
		}
	}

	/**
	 * Read a watch-list's initial events into the temporary store until the bookmark that ends them.
	 * @return the bookmark's resourceVersion
	 */
	private String initialEvents(Watchable<T> stream, Map<String, T> initial, InitialEventsDeadline deadline)
			throws Exception {
		while (this.running && hasNext(stream, initial, deadline)) {
			Watch.Response<T> response = stream.next();
			if (response == null) {
				continue;
			}
			touch();
			deadline.observed();
			String type = String.valueOf(response.type);
			if (type.equals("ERROR")) {
				ApiException error = errorEvent(response.status);
				expiredOrTooLarge(error.getCode(), error.getResponseBody());
				throw error;
			}
			T object = response.object;
			if (object == null) {
				continue;
			}
			switch (type) {
				case "ADDED", "MODIFIED" -> initial.put(Caches.deletionHandlingMetaNamespaceKeyFunc(object),
						cache(object, "a watch-list's initial events", () -> this.store.prepare(object)));
				case "DELETED" -> initial.remove(Caches.deletionHandlingMetaNamespaceKeyFunc(object));
				case "BOOKMARK" -> {
					String version = (object.getMetadata() != null) ? object.getMetadata().getResourceVersion() : null;
					Map<String, String> annotations = (object.getMetadata() != null)
							? object.getMetadata().getAnnotations() : null;
					if (annotations != null && "true".equals(annotations.get(INITIAL_EVENTS_END))) {
						if (version == null || version.isEmpty()) {
							throw new WatchListIncompleteException("the bookmark annotated " + INITIAL_EVENTS_END
									+ " has no resourceVersion", false);
						}
						return version;
					}
				}
				default -> logger.debug("Informer '{}': ignoring watch event of type {}", this.informerName, type);
			}
		}
		checkRunning();
		if (deadline.expired()) {
			throw quiet(initial);
		}
		throw new WatchListIncompleteException("the stream ended after " + initial.size()
				+ " objects, before the bookmark annotated " + INITIAL_EVENTS_END, false);
	}

	/** Whether the stream has another event; a stream the deadline closed fails as having gone quiet. */
	private boolean hasNext(Watchable<T> stream, Map<String, T> initial, InitialEventsDeadline deadline)
			throws Exception {
		try {
			return stream.hasNext();
		}
		catch (RuntimeException ex) {
			checkRunning();
			if (deadline.expired()) {
				throw quiet(initial);
			}
			throw ex;
		}
	}

	private static WatchListIncompleteException quiet(Map<String, ?> initial) {
		return new WatchListIncompleteException("no bookmark annotated " + INITIAL_EVENTS_END + " within "
				+ INITIAL_EVENTS_IDLE.toSeconds() + " s of the last event (" + initial.size()
				+ " objects streamed); the API server does not seem to support watch-list", true);
	}

	/**
	 * Complete a list or a watch-list: remove what it no longer has, record the resourceVersion, and end a run of
	 * failures (but not one of 410s right after every relist, which needs a watch's progress).
	 */
	private void replaced(Set<String> seen, long listStart, @Nullable String listResourceVersion)
			throws LocalFailureException {
		cache(null, "a list", () -> {
			this.store.replace(namespace(), seen);
			return "";
		});
		this.resourceVersionUnavailable = false;
		boolean firstSync = this.status.listed(elapsed(listStart), listResourceVersion);
		this.progressSinceList = false;
		this.watchesSinceList = 0;
		this.progressed = false;
		if (!this.expiringAfterList) {
			// A list ends a run of failures, but not one of 410s on every relist: that one needs a watch's progress.
			recovered();
		}
		if (firstSync) {
			this.store.synced();
		}
	}

	/**
	 * Watch from the last resourceVersion, or go on with a watch-list's stream after its initial events.
	 * @param open the watch-list's stream, {@code null} to start a watch
	 */
	private void watch(@Nullable Watchable<T> open) throws Exception {
		long started = System.nanoTime();
		this.watchesSinceList++;
		Watchable<T> current = open;
		if (current == null) {
			try {
				current = this.listerWatcher
					.watch(new CallGeneratorParams(Boolean.TRUE, resourceVersion(), watchTimeoutSeconds()));
			}
			catch (ApiException ex) {
				if (ex.getCode() == 410) {
					throw new ExpiredException("watch from resourceVersion " + resourceVersion() + ": 410 Gone",
							rightAfterList());
				}
				throw ex;
			}
			this.watch = current;
		}
		long changes = 0;
		try {
			checkRunning();
			this.status.watchOpened();
			enter(WatchState.WATCHING);
			while (this.running && current.hasNext()) {
				Watch.Response<T> response = current.next();
				if (response == null) {
					continue;
				}
				if (handle(response)) {
					changes++;
					progressed();
				}
				else if (elapsed(started).compareTo(HEALTHY_WATCH) >= 0) {
					progressed();
				}
			}
		}
		finally {
			closeWatch();
			this.status.watchClosed();
		}
		checkRunning();
		Duration lasted = elapsed(started);
		if (changes == 0 && lasted.compareTo(MIN_WATCH_DURATION) < 0) {
			throw new WatchEndedException(lasted);
		}
		if (lasted.compareTo(HEALTHY_WATCH) >= 0) {
			progressed();
		}
	}

	/**
	 * Apply one watch event.
	 * @return whether it changed the cache (progress); bookmarks only move the resourceVersion
	 */
	private boolean handle(Watch.Response<T> response) throws Exception {
		touch();
		String type = String.valueOf(response.type);
		if (type.equals("ERROR")) {
			ApiException error = errorEvent(response.status);
			if (error.getCode() == 410) {
				throw new ExpiredException(error.getMessage(), rightAfterList());
			}
			throw error;
		}
		T object = response.object;
		if (object == null) {
			return false;
		}
		String objectVersion = (object.getMetadata() != null) ? object.getMetadata().getResourceVersion() : null;
		boolean change = true;
		switch (type) {
			case "ADDED", "MODIFIED" -> cache(object, "a watch event", () -> this.store.upsert(object));
			case "DELETED" -> cache(object, "a watch event", () -> {
				this.store.delete(object);
				return "";
			});
			case "BOOKMARK" -> change = false;
			default -> {
				change = false;
				logger.debug("Informer '{}': ignoring watch event of type {}", this.informerName, type);
			}
		}
		if (objectVersion != null && !objectVersion.isEmpty()) {
			this.status.resourceVersion(objectVersion);
		}
		return change;
	}

	/** A watch's ERROR event as the exception an HTTP error would have been. */
	private static ApiException errorEvent(@Nullable V1Status error) {
		int code = (error != null && error.getCode() != null) ? error.getCode() : 0;
		String message = (error != null) ? String.valueOf(error.getMessage()) : "unknown watch error";
		return new ApiException(message, code, Map.of(), (error != null) ? JSON.serialize(error) : null);
	}

	/**
	 * A watch-list answered 410 Gone or "too large resource version": the next one asks for the most recent state
	 * (resourceVersion unset), as client-go's reflector does.
	 */
	private void expiredOrTooLarge(int code, @Nullable String body) {
		if (code == 410 || (body != null
				&& (body.contains("\"ResourceVersionTooLarge\"") || body.contains("Too large resource version")))) {
			this.resourceVersionUnavailable = true;
		}
	}

	/**
	 * A watch-list attempt of {@link ListStrategy#AUTO} failed: record why, and list instead. One INFO line when a
	 * server first turns out not to support watch-list, after which the loop lists for {@link #UNSUPPORTED_RETRY};
	 * an INFO line for the first other failure in a row, DEBUG for the next ones (relists are throttled, and the
	 * list that follows reports its own failures with the usual WARN).
	 */
	private void fallBack(Throwable failure) {
		Throwable cause = WatchError.unwrap(failure);
		String reason;
		boolean unsupported;
		if (cause instanceof WatchListIncompleteException incomplete) {
			reason = "watch-list " + this.listerWatcher + ": " + incomplete.getMessage();
			unsupported = incomplete.unsupported();
		}
		else {
			WatchError error;
			try {
				error = WatchError.of(cause, "watch-list", this.listerWatcher);
			}
			catch (Throwable describing) {
				error = WatchError.undescribed(failure, describing, "watch-list", this.listerWatcher);
			}
			reason = error.describe();
			unsupported = unsupported(error.code());
		}
		this.status.fellBack(reason);
		if (unsupported) {
			this.unsupportedAtNanos = System.nanoTime();
			if (!this.unsupportedLogged) {
				this.unsupportedLogged = true;
				logger.info("Informer '{}': the API server does not support watch-list ({}); listing with the paged "
						+ "list instead, and for the next {} min before trying watch-list again", this.informerName,
						reason, UNSUPPORTED_RETRY.toMinutes());
				return;
			}
		}
		else if (this.errorFallbacks++ == 0) {
			logger.info("Informer '{}': {}; falling back to the paged list for this attempt", this.informerName,
					reason);
			return;
		}
		logger.debug("Informer '{}': {}; falling back to the paged list", this.informerName, reason);
	}

	/**
	 * Whether an HTTP status answering a watch-list says that the server does not support it: a 4xx other than
	 * those about authentication, authorization, a missing resource, an expired resourceVersion or throttling,
	 * which a list would get as well (a server that knows {@code sendInitialEvents} but has the feature off answers
	 * 422 Invalid; {@code 0} is no response).
	 */
	static boolean unsupported(int code) {
		return code >= 400 && code < 500 && code != 401 && code != 403 && code != 404 && code != 410 && code != 429;
	}

	private boolean unsupportedRecently() {
		return this.unsupportedAtNanos != 0
				&& System.nanoTime() - this.unsupportedAtNanos < UNSUPPORTED_RETRY.toNanos();
	}

	private static int watchTimeoutSeconds() {
		return MIN_WATCH_TIMEOUT_SECONDS + ThreadLocalRandom.current().nextInt(MIN_WATCH_TIMEOUT_SECONDS);
	}

	/**
	 * Run a cache change, telling a failure of this application (a transform, an index function, the starter) apart
	 * from a failure of the API server.
	 */
	private <R> R cache(@Nullable T object, String source, CacheChange<R> change) throws LocalFailureException {
		try {
			return change.apply();
		}
		catch (Throwable ex) {
			throw new LocalFailureException((object != null) ? ObjectKeys.of(object) : null, source, ex);
		}
	}

	/** Whether a 410 now means the list just made was already too old: the first watch after it, no progress. */
	private boolean rightAfterList() {
		return this.watchesSinceList == 1 && !this.progressSinceList;
	}

	/** A 410: relist, throttled; a failure when it hit the first watch after a list before any progress. */
	private Duration expired(ExpiredException ex) {
		this.expiredStreak++;
		Duration delay = nextRelistDelay();
		if (ex.rightAfterList) {
			this.expiringAfterList = true;
			Duration failureDelay = failed(new ApiException("the watch expired right after a list (" + ex.getMessage()
					+ "); the API server compacts its history faster than the list and watch can follow", 410,
					Map.of(), null), "watch");
			return (failureDelay.compareTo(delay) > 0) ? failureDelay : delay;
		}
		if (this.expiredStreak == 1) {
			logger.info("Informer '{}': {} expired ({}); relisting in {} ms", this.informerName, this.listerWatcher,
					ex.getMessage(), delay.toMillis());
		}
		else {
			logger.debug("Informer '{}': {} expired again ({}, {} in a row); relisting in {} ms", this.informerName,
					this.listerWatcher, ex.getMessage(), this.expiredStreak, delay.toMillis());
		}
		return delay;
	}

	private Duration nextRelistDelay() {
		long now = System.nanoTime();
		if (this.lastRelistNanos != 0 && now - this.lastRelistNanos > RELIST_RESET.toNanos()) {
			this.relists.reset();
		}
		this.lastRelistNanos = now;
		return this.relists.next();
	}

	private Duration failed(Throwable ex, String phase) {
		Throwable cause = WatchError.unwrap(ex);
		WatchError error = WatchError.of(cause, phase, this.listerWatcher);
		Duration delay = this.backoff.next();
		Duration retryAfter = retryAfter(cause);
		if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
			delay = retryAfter;
		}
		int failures = this.backoff.failures();
		this.progressed = false;
		this.status.failed(error);
		enter(WatchState.BACKOFF);
		if (failures == 1) {
			if (cause instanceof LocalFailureException local) {
				logger.warn("Informer '{}': {}; retrying in {} ms with backoff", this.informerName, error.describe(),
						delay.toMillis(), local.getCause());
			}
			else {
				logger.warn("Informer '{}': {}; retrying in {} ms with backoff", this.informerName, error.describe(),
						delay.toMillis());
			}
		}
		else {
			logger.debug("Informer '{}': {} (failure {} in a row); retrying in {} ms", this.informerName,
					error.describe(), failures, delay.toMillis());
		}
		return delay;
	}

	/**
	 * A failure whose description itself failed (its {@code getMessage()} throws, or memory ran out again): record
	 * what is known without calling into it, and back off as for any failure.
	 */
	private Duration failedUndescribed(Throwable failure, Throwable describing, String verb) {
		Throwable cause = (failure instanceof LocalFailureException local) ? local.getCause() : failure;
		Duration delay = this.backoff.next();
		this.status.failed(WatchError.undescribed(failure, describing, verb, this.listerWatcher));
		this.progressed = false;
		enter(WatchState.BACKOFF);
		if (this.backoff.failures() == 1) {
			logger.warn("Informer '{}': {} failed with an undescribable {}; retrying in {} ms with backoff",
					this.informerName, this.listerWatcher, cause.getClass().getName(), delay.toMillis());
		}
		return delay;
	}

	/** A change applied or a watch open long enough: the end of any run of failures or 410s. */
	private void progressed() {
		if (this.progressed) {
			return;
		}
		this.progressed = true;
		this.progressSinceList = true;
		this.expiredStreak = 0;
		this.expiringAfterList = false;
		recovered();
	}

	private void recovered() {
		this.status.recovered();
		int failures = this.backoff.failures();
		this.backoff.reset();
		if (failures > 0) {
			logger.info("Informer '{}': {} recovered after {} failed attempt(s)", this.informerName,
					this.listerWatcher, failures);
		}
	}

	/** The loop ended: normal after {@link #signalStop()}, otherwise recorded as a failure that health reports. */
	private void ended() {
		if (this.running) {
			this.status.failed(WatchError.loopEnded(this.listerWatcher));
			logger.error("Informer '{}': the list/watch loop of {} ended unexpectedly", this.informerName,
					this.listerWatcher);
		}
		enter(WatchState.STOPPED);
	}

	private static @Nullable Duration retryAfter(Throwable failure) {
		if (!(failure instanceof ApiException api) || api.getResponseHeaders() == null) {
			return null;
		}
		for (Map.Entry<String, List<String>> header : api.getResponseHeaders().entrySet()) {
			if ("Retry-After".equalsIgnoreCase(header.getKey()) && !header.getValue().isEmpty()) {
				try {
					return Duration.ofSeconds(Long.parseLong(header.getValue().get(0).trim()));
				}
				catch (NumberFormatException ex) {
					return null;
				}
			}
		}
		return null;
	}

	private void pause(Duration delay) throws InterruptedException {
		if (!this.running || delay.isZero()) {
			return;
		}
		enter(WatchState.BACKOFF);
		try {
			Thread.sleep(Math.max(1, delay.toMillis()));
		}
		catch (InterruptedException ex) {
			if (!this.running) {
				throw ex;
			}
			// woken by an interrupt nobody asked for: go on with the next attempt
		}
	}

	private static Duration elapsed(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}

	private void checkRunning() throws InterruptedException {
		if (!this.running) {
			throw new InterruptedException("stopping");
		}
	}

	private void touch() {
		this.status.touch();
	}

	private void enter(WatchState newState) {
		this.status.enter(newState);
	}

	private void closeWatch() {
		Watchable<T> current = this.watch;
		this.watch = null;
		if (current != null) {
			try {
				current.close();
			}
			catch (IOException | RuntimeException ex) {
				logger.trace("Informer '{}': closing watch failed", this.informerName, ex);
			}
		}
	}

	/** A change to the cache that may fail in this application's code. */
	@FunctionalInterface
	private interface CacheChange<R> {

		R apply();

	}

	/** The watch's resourceVersion is too old: relist. */
	private static final class ExpiredException extends Exception {

		private final boolean rightAfterList;

		ExpiredException(String message, boolean rightAfterList) {
			super(message);
			this.rightAfterList = rightAfterList;
		}

	}

}
