package io.github.informer.test;

import java.time.Instant;
import java.util.Map;

/**
 * One request the server answered, for tests that assert what a client sent (paging, bookmarks, retries).
 *
 * @param method HTTP method
 * @param path request path without the query
 * @param query decoded query parameters (the last value of a repeated parameter)
 * @param status HTTP status of the response (200 for a watch once its stream started)
 * @param at when the response started
 */
public record RecordedRequest(String method, String path, Map<String, String> query, int status, Instant at) {

	/** Whether this was a watch (a {@code watch=true} GET or the legacy {@code /watch/} path). */
	public boolean isWatch() {
		return "true".equals(this.query.get("watch")) || "1".equals(this.query.get("watch"))
				|| this.path.contains("/watch/");
	}

}
