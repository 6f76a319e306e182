package io.github.informer.actuate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.informer.client.WatchStatus;
import org.jspecify.annotations.Nullable;

/**
 * The list/watch state of an informer (or of one of its namespaces) in the {@code informers} endpoint.
 *
 * @param state {@code LISTING}, {@code WATCHING}, {@code BACKOFF} or {@code STOPPED}
 * @param since when the loop entered that state
 * @param restarts how many times a list or watch was started again after the first list
 * @param consecutiveFailures failed attempts since the last success
 * @param failingSince when the current run of failures began, {@code null} while succeeding
 * @param lastError the last failure, {@code null} if none
 * @param lastEventAt when the last watch event, bookmark or list page arrived
 * @param lists complete lists (initial list and relists) applied to the cache
 * @param lastListDuration how long the last complete list took
 * @param listStrategy how the loop last read the current state: {@code watch-list} or {@code list} ({@code null}
 * before its first attempt)
 * @param listFallback why the last watch-list attempt fell back to the paged list, {@code null} if none did
 * @param listFallbacks how many watch-list attempts fell back to the paged list
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record WatchDescriptor(String state, String since, long restarts, int consecutiveFailures,
		@Nullable String failingSince, @Nullable WatchErrorDescriptor lastError, @Nullable String lastEventAt,
		long lists, @Nullable String lastListDuration, @Nullable String listStrategy, @Nullable String listFallback,
		long listFallbacks) {

	static WatchDescriptor of(WatchStatus status) {
		return new WatchDescriptor(status.state().name(), Descriptors.format(status.since()), status.restarts(),
				status.consecutiveFailures(), Descriptors.format(status.failingSince()),
				WatchErrorDescriptor.of(status.lastError()), Descriptors.format(status.lastEventAt()), status.lists(),
				Descriptors.format(status.lastListDuration()), status.listStrategy(), status.listFallback(),
				status.listFallbacks());
	}

}
