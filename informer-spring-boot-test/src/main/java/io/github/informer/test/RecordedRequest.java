package io.github.informer.test;

import java.time.Instant;
import java.util.Map;

/**
 * One request the server answered, for tests that assert what a client sent (paging, bookmarks, retries).
 *
 * @param method HTTP method
 * @param path request path without the query
 * @param query decoded query parameters (the first value of a repeated parameter, which is the one kube-apiserver reads)
 * @param status HTTP status of the response (200 for a watch once its stream started)
 * @param at when the response started
 */
public record RecordedRequest(String method, String path, Map<String, String> query, int status, Instant at) {

	/**
	 * Whether this was a watch: a GET whose {@code watch} parameter reads as true the way kube-apiserver reads
	 * booleans ({@code watch=True} and {@code watch=} included), or the legacy {@code /watch/} path.
	 */
	public boolean isWatch() {
		return ListOptions.bool(this.query, "watch") || this.path.contains("/watch/");
	}

}
