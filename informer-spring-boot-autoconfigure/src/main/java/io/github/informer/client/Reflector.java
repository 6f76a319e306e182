package io.github.informer.client;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import io.kubernetes.client.common.KubernetesObject;
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
 * One list/watch loop: lists (paged) into the informer's cache, then watches from the list's resourceVersion,
 * re-watching from the last seen resourceVersion when a watch ends, relisting after 410 Gone, and backing off
 * exponentially on consecutive failures. Records what it is doing for the endpoint, health and metrics. Runs on its
 * own thread; an informer over several namespaces runs one per namespace.
 *
 * @param <T> the object type
 */
final class Reflector<T extends KubernetesObject> implements Runnable {

	private static final Logger logger = LoggerFactory.getLogger(Reflector.class);

	/** A watch that ends sooner than this without any event counts as a failed attempt, to avoid a hot loop. */
	private static final Duration MIN_WATCH_DURATION = Duration.ofSeconds(1);

	private static final int MIN_WATCH_TIMEOUT_SECONDS = 300;

	private final KubernetesInformer<T> informer;

	private final KubernetesListerWatcher<T> listerWatcher;

	private final Backoff backoff;

	private final String informerName;

	private volatile boolean running = true;

	private volatile @Nullable Watchable<T> watch;

	private volatile @Nullable Thread thread;

	private WatchState state = WatchState.STOPPED;

	private Instant since = Instant.now();

	private long restarts;

	private @Nullable WatchError lastError;

	private @Nullable Instant lastEventAt;

	private boolean synced;

	private @Nullable Instant syncedAt;

	private @Nullable String resourceVersion;

	private @Nullable Instant failingSince;

	private long lists;

	private long listNanos;

	private @Nullable Duration lastListDuration;

	Reflector(KubernetesInformer<T> informer, KubernetesListerWatcher<T> listerWatcher, Backoff backoff) {
		this.informer = informer;
		this.listerWatcher = listerWatcher;
		this.backoff = backoff;
		this.informerName = informer.name();
	}

	@Nullable String namespace() {
		return this.listerWatcher.namespace();
	}

	synchronized WatchStatus status() {
		return new WatchStatus(namespace(), this.state, this.since, this.restarts, this.backoff.failures(),
				this.lastError, this.lastEventAt, this.synced, this.syncedAt, this.resourceVersion, this.failingSince,
				this.lists, Duration.ofNanos(this.listNanos), this.lastListDuration);
	}

	synchronized boolean isSynced() {
		return this.synced;
	}

	synchronized @Nullable String resourceVersion() {
		return this.resourceVersion;
	}

	void start(String threadName) {
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
					synchronized (this) {
						this.restarts++;
					}
				}
				firstAttempt = false;
				try {
					if (needList) {
						list();
						needList = false;
					}
					watch();
				}
				catch (ExpiredException ex) {
					logger.info("Informer '{}': {} expired ({}); relisting", this.informerName, this.listerWatcher,
							ex.getMessage());
					needList = true;
				}
				catch (QuickWatchEndException ex) {
					pause(this.backoff.next());
				}
				catch (Exception ex) {
					if (!this.running || Thread.currentThread().isInterrupted()) {
						break;
					}
					Duration delay = failed(ex, needList ? "list" : "watch");
					if (this.resourceVersion == null) {
						needList = true;
					}
					pause(delay);
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			closeWatch();
			enter(WatchState.STOPPED);
		}
	}

	private void list() throws Exception {
		enter(WatchState.LISTING);
		ResourceType<T> resource = this.listerWatcher.resource();
		if (!resource.discovered()) {
			this.listerWatcher.discover();
		}
		this.listerWatcher.verifyScope();
		long listStart = System.nanoTime();
		Set<String> seen = new HashSet<>();
		String continueToken = null;
		String listResourceVersion;
		while (true) {
			ObjectList<T> page;
			try {
				page = this.listerWatcher.listPage(null, continueToken);
			}
			catch (ApiException ex) {
				if (ex.getCode() == 410 && continueToken != null) {
					logger.info("Informer '{}': continue token of {} expired; listing again from the start",
							this.informerName, this.listerWatcher);
					seen.clear();
					continueToken = null;
					continue;
				}
				throw ex;
			}
			checkRunning();
			touch();
			for (T item : page.getItems()) {
				seen.add(this.informer.upsert(item));
			}
			continueToken = page.getMetadata().getContinue();
			if (continueToken == null || continueToken.isEmpty()) {
				listResourceVersion = page.getMetadata().getResourceVersion();
				break;
			}
		}
		this.informer.deleteMissing(namespace(), seen);
		boolean firstSync;
		long listDuration = System.nanoTime() - listStart;
		synchronized (this) {
			this.lists++;
			this.listNanos += listDuration;
			this.lastListDuration = Duration.ofNanos(listDuration);
			this.resourceVersion = listResourceVersion;
			firstSync = !this.synced;
			this.synced = true;
			if (firstSync) {
				this.syncedAt = Instant.now();
			}
		}
		recovered();
		if (firstSync) {
			this.informer.reflectorSynced();
		}
	}

	private void watch() throws Exception {
		int timeoutSeconds = MIN_WATCH_TIMEOUT_SECONDS + ThreadLocalRandom.current().nextInt(MIN_WATCH_TIMEOUT_SECONDS);
		Instant started = Instant.now();
		Watchable<T> current;
		try {
			current = this.listerWatcher
				.watch(new CallGeneratorParams(Boolean.TRUE, resourceVersion(), timeoutSeconds));
		}
		catch (ApiException ex) {
			if (ex.getCode() == 410) {
				throw new ExpiredException("watch from resourceVersion " + resourceVersion() + ": 410 Gone");
			}
			throw ex;
		}
		this.watch = current;
		long events = 0;
		try {
			checkRunning();
			enter(WatchState.WATCHING);
			synchronized (this) {
				this.failingSince = null;
			}
			while (this.running && current.hasNext()) {
				Watch.Response<T> response = current.next();
				if (response == null) {
					continue;
				}
				handle(response);
				if (events++ == 0) {
					recovered();
				}
			}
		}
		finally {
			closeWatch();
		}
		checkRunning();
		if (events == 0 && Duration.between(started, Instant.now()).compareTo(MIN_WATCH_DURATION) < 0) {
			throw new QuickWatchEndException();
		}
	}

	private void handle(Watch.Response<T> response) throws Exception {
		touch();
		String type = String.valueOf(response.type);
		if (type.equals("ERROR")) {
			V1Status status = response.status;
			int code = (status != null && status.getCode() != null) ? status.getCode() : 0;
			String message = (status != null) ? String.valueOf(status.getMessage()) : "unknown watch error";
			if (code == 410) {
				throw new ExpiredException(message);
			}
			throw new ApiException(message, code, Map.of(), (status != null) ? JSON.serialize(status) : null);
		}
		T object = response.object;
		if (object == null) {
			return;
		}
		String objectVersion = (object.getMetadata() != null) ? object.getMetadata().getResourceVersion() : null;
		switch (type) {
			case "ADDED", "MODIFIED" -> this.informer.upsert(object);
			case "DELETED" -> this.informer.delete(object);
			case "BOOKMARK" -> {
			}
			default -> logger.debug("Informer '{}': ignoring watch event of type {}", this.informerName, type);
		}
		if (objectVersion != null && !objectVersion.isEmpty()) {
			synchronized (this) {
				this.resourceVersion = objectVersion;
			}
		}
	}

	private Duration failed(Exception ex, String verb) {
		Throwable cause = unwrap(ex);
		WatchError error = describe(cause, verb);
		Duration delay = this.backoff.next();
		Duration retryAfter = retryAfter(cause);
		if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
			delay = retryAfter;
		}
		int failures = this.backoff.failures();
		synchronized (this) {
			this.lastError = error;
			if (this.failingSince == null) {
				this.failingSince = error.at();
			}
		}
		enter(WatchState.BACKOFF);
		if (failures == 1) {
			logger.warn("Informer '{}': {}; retrying in {} ms with backoff", this.informerName, error.describe(),
					delay.toMillis());
		}
		else {
			logger.debug("Informer '{}': {} (failure {} in a row); retrying in {} ms", this.informerName,
					error.describe(), failures, delay.toMillis());
		}
		return delay;
	}

	private void recovered() {
		synchronized (this) {
			this.failingSince = null;
		}
		int failures = this.backoff.failures();
		this.backoff.reset();
		if (failures > 0) {
			logger.info("Informer '{}': {} recovered after {} failed attempt(s)", this.informerName,
					this.listerWatcher, failures);
		}
	}

	private WatchError describe(Throwable failure, String verb) {
		String resource = this.listerWatcher.resource().resourceName();
		String namespace = namespace();
		Instant now = Instant.now();
		if (failure instanceof ApiException api && api.getCode() > 0) {
			String reason = "";
			String message = api.getMessage();
			V1Status status = parseStatus(api.getResponseBody());
			if (status != null) {
				reason = (status.getReason() != null) ? status.getReason() : "";
				message = (status.getMessage() != null) ? status.getMessage() : message;
			}
			if (message == null || message.isEmpty()) {
				message = "HTTP " + api.getCode();
			}
			if (reason.isEmpty()) {
				reason = reasonOf(api.getCode());
			}
			return new WatchError(now, discoveryFailure(api) ? "discovery" : verb, resource, namespace, api.getCode(),
					reason, message);
		}
		String message = (failure.getMessage() != null) ? failure.getMessage() : failure.toString();
		return new WatchError(now, verb, resource, namespace, 0, failure.getClass().getSimpleName(),
				message + " (API server " + this.informer.basePath() + ")");
	}

	private static String reasonOf(int code) {
		return switch (code) {
			case 400 -> "BadRequest";
			case 401 -> "Unauthorized";
			case 403 -> "Forbidden";
			case 404 -> "NotFound";
			case 409 -> "Conflict";
			case 410 -> "Expired";
			case 429 -> "TooManyRequests";
			case 500 -> "InternalError";
			case 503 -> "ServiceUnavailable";
			case 504 -> "Timeout";
			default -> "HTTP" + code;
		};
	}

	private static boolean discoveryFailure(ApiException ex) {
		String message = ex.getMessage();
		return ex.getResponseBody() == null && message != null && message.startsWith("the API server");
	}

	private static @Nullable V1Status parseStatus(@Nullable String body) {
		if (body == null || body.isBlank() || !body.trim().startsWith("{")) {
			return null;
		}
		try {
			return JSON.deserialize(body, V1Status.class);
		}
		catch (RuntimeException ex) {
			return null;
		}
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

	/**
	 * Unwrap client-java's wrappers of I/O failures (an {@link ApiException} without status, the
	 * {@code RuntimeException} a watch throws from {@code hasNext}) to the I/O failure itself.
	 */
	private static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while (current.getCause() != null && current.getCause() != current
				&& (current instanceof ApiException api && api.getCode() == 0
						|| !(current instanceof ApiException) && current instanceof RuntimeException)) {
			current = current.getCause();
		}
		return current;
	}

	private void pause(Duration delay) throws InterruptedException {
		if (this.running) {
			enter(WatchState.BACKOFF);
			Thread.sleep(Math.max(1, delay.toMillis()));
		}
	}

	private void checkRunning() throws InterruptedException {
		if (!this.running) {
			throw new InterruptedException("stopping");
		}
	}

	private synchronized void touch() {
		this.lastEventAt = Instant.now();
	}

	private synchronized void enter(WatchState newState) {
		if (this.state != newState) {
			this.state = newState;
			this.since = Instant.now();
		}
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

	/** The watch's resourceVersion is too old: relist. */
	private static final class ExpiredException extends Exception {

		ExpiredException(String message) {
			super(message);
		}

	}

	/** The watch ended at once without any event. */
	private static final class QuickWatchEndException extends Exception {

	}

}
