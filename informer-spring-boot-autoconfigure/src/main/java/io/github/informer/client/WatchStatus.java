package io.github.informer.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A read-only snapshot of one list/watch loop (one namespace), or of all the loops of an informer aggregated.
 *
 * @param namespace the namespace of the loop; {@code null} for all namespaces, cluster-scoped, or an aggregate
 * @param state what the loop is doing (the worst state of the loops for an aggregate)
 * @param since when it entered that state
 * @param restarts how many times a list or watch was started again after the first list (watch ends, errors,
 * 410 Gone relists)
 * @param consecutiveFailures failures since the last success; drives the backoff
 * @param lastError the last failure, {@code null} if none
 * @param lastEventAt when the last watch event (including bookmarks) or list page arrived
 * @param synced whether the first full list has been applied to the cache
 * @param syncedAt when that happened
 * @param lastSyncResourceVersion the last resourceVersion seen (list, event or bookmark)
 * @param failingSince when the current run of failures began, {@code null} while the loop is succeeding (a change
 * applied from a watch, a list after list failures, or a watch open for 5 seconds); failures include watches that
 * connect and then yield nothing (an ERROR event, an empty or one-event stream) and a 410 on the watch right after
 * each relist; health turns DOWN when this is too long ago (the earliest of the failing loops for an aggregate)
 * @param lists how many complete lists (initial list and relists) were applied to the cache
 * @param listTime the time those lists took, from the first page request to the last page cached
 * @param lastListDuration how long the last complete list took, {@code null} before the first (the slowest loop's
 * for an aggregate)
 * @param listStrategy how the loop last read the current state: {@code watch-list} or {@code list}, {@code null}
 * before its first attempt ({@code list} for an aggregate when any loop listed)
 * @param listFallback why the last watch-list attempt fell back to the paged list, {@code null} if none did (the
 * latest of the loops for an aggregate)
 * @param listFallbackAt when that happened
 * @param listFallbacks how many watch-list attempts fell back to the paged list
 */
public record WatchStatus(@Nullable String namespace, WatchState state, Instant since, long restarts,
		int consecutiveFailures, @Nullable WatchError lastError, @Nullable Instant lastEventAt, boolean synced,
		@Nullable Instant syncedAt, @Nullable String lastSyncResourceVersion, @Nullable Instant failingSince,
		long lists, Duration listTime, @Nullable Duration lastListDuration, @Nullable String listStrategy,
		@Nullable String listFallback, @Nullable Instant listFallbackAt, long listFallbacks) {

	/**
	 * A status of a loop that never tried a watch-list.
	 */
	public WatchStatus(@Nullable String namespace, WatchState state, Instant since, long restarts,
			int consecutiveFailures, @Nullable WatchError lastError, @Nullable Instant lastEventAt, boolean synced,
			@Nullable Instant syncedAt, @Nullable String lastSyncResourceVersion, @Nullable Instant failingSince,
			long lists, Duration listTime, @Nullable Duration lastListDuration) {
		this(namespace, state, since, restarts, consecutiveFailures, lastError, lastEventAt, synced, syncedAt,
				lastSyncResourceVersion, failingSince, lists, listTime, lastListDuration, null, null, null, 0);
	}

	/**
	 * Combine the loops of one informer: the worst state ({@code STOPPED} if any loop no longer runs, so a frozen
	 * namespace is never hidden by healthy siblings), summed restarts and lists, the latest error and event,
	 * synced when every loop is, synced at the latest loop's sync, failing since the earliest failing loop began.
	 * @param loops the per-namespace statuses, not empty
	 * @return the aggregate
	 */
	public static WatchStatus aggregate(List<WatchStatus> loops) {
		if (loops.size() == 1) {
			WatchStatus only = loops.get(0);
			return new WatchStatus(null, only.state, only.since, only.restarts, only.consecutiveFailures,
					only.lastError, only.lastEventAt, only.synced, only.syncedAt, only.lastSyncResourceVersion,
					only.failingSince, only.lists, only.listTime, only.lastListDuration, only.listStrategy,
					only.listFallback, only.listFallbackAt, only.listFallbacks);
		}
		WatchStatus worst = loops.stream()
			.max(Comparator.comparingInt((WatchStatus status) -> status.state.severity())
				.thenComparing(WatchStatus::since))
			.orElseThrow();
		WatchState state = worst.state;
		long restarts = loops.stream().mapToLong(WatchStatus::restarts).sum();
		int failures = loops.stream().mapToInt(WatchStatus::consecutiveFailures).max().orElse(0);
		WatchError lastError = loops.stream()
			.map(WatchStatus::lastError)
			.filter(Objects::nonNull)
			.max(Comparator.comparing(WatchError::at))
			.orElse(null);
		Instant lastEventAt = latest(loops.stream().map(WatchStatus::lastEventAt).toList());
		boolean synced = loops.stream().allMatch(WatchStatus::synced);
		Instant syncedAt = synced ? latest(loops.stream().map(WatchStatus::syncedAt).toList()) : null;
		WatchStatus freshest = loops.stream()
			.filter((status) -> status.lastEventAt != null)
			.max(Comparator.comparing(WatchStatus::lastEventAt))
			.orElse(loops.get(0));
		Instant failingSince = loops.stream()
			.map(WatchStatus::failingSince)
			.filter(Objects::nonNull)
			.min(Comparator.naturalOrder())
			.orElse(null);
		long lists = loops.stream().mapToLong(WatchStatus::lists).sum();
		Duration listTime = loops.stream().map(WatchStatus::listTime).reduce(Duration.ZERO, Duration::plus);
		Duration lastListDuration = loops.stream()
			.map(WatchStatus::lastListDuration)
			.filter(Objects::nonNull)
			.max(Comparator.naturalOrder())
			.orElse(null);
		List<String> strategies = loops.stream().map(WatchStatus::listStrategy).filter(Objects::nonNull).toList();
		String listStrategy = strategies.contains(ListStrategy.LIST.value()) ? ListStrategy.LIST.value()
				: strategies.isEmpty() ? null : strategies.get(0);
		WatchStatus lastFallback = loops.stream()
			.filter((status) -> status.listFallbackAt != null)
			.max(Comparator.comparing(WatchStatus::listFallbackAt))
			.orElse(null);
		long fallbacks = loops.stream().mapToLong(WatchStatus::listFallbacks).sum();
		return new WatchStatus(null, state, worst.since, restarts, failures, lastError, lastEventAt, synced, syncedAt,
				freshest.lastSyncResourceVersion, failingSince, lists, listTime, lastListDuration, listStrategy,
				(lastFallback != null) ? lastFallback.listFallback : null,
				(lastFallback != null) ? lastFallback.listFallbackAt : null, fallbacks);
	}

	private static @Nullable Instant latest(List<@Nullable Instant> instants) {
		return instants.stream().filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
	}

}
