package io.github.informer.client;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What one list/watch loop is doing, for the endpoint, health and metrics: written by the loop's thread, read as a
 * {@link WatchStatus} snapshot from any other. Kept apart from the loop so the loop's control flow and its reporting
 * can be read (and changed) separately.
 */
final class LoopStatus {

	private WatchState state = WatchState.STOPPED;

	private Instant since = Instant.now();

	private long restarts;

	private @Nullable WatchError lastError;

	private @Nullable Instant lastEventAt;

	private @Nullable Instant syncedAt;

	private @Nullable String resourceVersion;

	private @Nullable Instant failingSince;

	private @Nullable Instant watchOpenedAt;

	private long lists;

	private long listNanos;

	private @Nullable Duration lastListDuration;

	private @Nullable ListStrategy listStrategy;

	private @Nullable String listFallback;

	private @Nullable Instant listFallbackAt;

	private long listFallbacks;

	/**
	 * A snapshot; a watch open for {@link Reflector#HEALTHY_WATCH} since the last failure is reported as not failing,
	 * before its next event records the progress.
	 */
	synchronized WatchStatus snapshot(@Nullable String namespace, int consecutiveFailures) {
		Instant failing = this.failingSince;
		Instant opened = this.watchOpenedAt;
		if (failing != null && opened != null && this.lastError != null && opened.isAfter(this.lastError.at())
				&& !opened.plus(Reflector.HEALTHY_WATCH).isAfter(Instant.now())) {
			failing = null;
		}
		return new WatchStatus(namespace, this.state, this.since, this.restarts, consecutiveFailures, this.lastError,
				this.lastEventAt, this.syncedAt != null, this.syncedAt, this.resourceVersion, failing, this.lists,
				Duration.ofNanos(this.listNanos), this.lastListDuration,
				(this.listStrategy != null) ? this.listStrategy.value() : null, this.listFallback,
				this.listFallbackAt, this.listFallbacks);
	}

	synchronized boolean synced() {
		return this.syncedAt != null;
	}

	synchronized @Nullable String resourceVersion() {
		return this.resourceVersion;
	}

	synchronized void resourceVersion(String newResourceVersion) {
		this.resourceVersion = newResourceVersion;
	}

	synchronized void restarted() {
		this.restarts++;
	}

	/** A list page or a watch event arrived. */
	synchronized void touch() {
		this.lastEventAt = Instant.now();
	}

	synchronized void enter(WatchState newState) {
		if (this.state != newState) {
			this.state = newState;
			this.since = Instant.now();
		}
	}

	/**
	 * A complete list was applied to the cache.
	 * @return whether it was the first (the loop is now synced)
	 */
	synchronized boolean listed(Duration took, @Nullable String listResourceVersion) {
		this.lists++;
		this.listNanos += took.toNanos();
		this.lastListDuration = took;
		this.resourceVersion = listResourceVersion;
		if (this.syncedAt != null) {
			return false;
		}
		this.syncedAt = Instant.now();
		return true;
	}

	/** The strategy of the list (or watch-list) being made: {@link ListStrategy#WATCH_LIST} or {@link ListStrategy#LIST}. */
	synchronized void listStrategy(ListStrategy used) {
		this.listStrategy = used;
	}

	/** A watch-list attempt failed and the loop lists instead. */
	synchronized void fellBack(String reason) {
		this.listFallback = reason;
		this.listFallbackAt = Instant.now();
		this.listFallbacks++;
	}

	synchronized void watchOpened() {
		this.watchOpenedAt = Instant.now();
	}

	synchronized void watchClosed() {
		this.watchOpenedAt = null;
	}

	/** Record a failure; the first of a run starts the time health measures. */
	synchronized void failed(WatchError error) {
		this.lastError = error;
		if (this.failingSince == null) {
			this.failingSince = error.at();
		}
	}

	/** Progress ended the run of failures. */
	synchronized void recovered() {
		this.failingSince = null;
	}

}
