package io.github.informer.handler;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Collects what test handlers received, with the time, thread-safely.
 */
class Recorder {

	private final List<Entry> entries = Collections.synchronizedList(new ArrayList<>());

	void record(String handler, String what) {
		this.entries.add(new Entry(handler, what, Instant.now()));
	}

	List<String> of(String handler) {
		synchronized (this.entries) {
			return this.entries.stream().filter((entry) -> entry.handler().equals(handler)).map(Entry::what).toList();
		}
	}

	List<Instant> timesOf(String handler, String what) {
		synchronized (this.entries) {
			return this.entries.stream()
				.filter((entry) -> entry.handler().equals(handler) && entry.what().equals(what))
				.map(Entry::at)
				.toList();
		}
	}

	long count(String handler, String what) {
		return of(handler).stream().filter(what::equals).count();
	}

	record Entry(String handler, String what, Instant at) {
	}

}
