package io.github.informer.test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/** The most recent requests served (bounded, so long benchmark runs do not fill the heap). */
final class RequestLog {

	private static final int LIMIT = 100_000;

	private final ConcurrentLinkedDeque<RecordedRequest> requests = new ConcurrentLinkedDeque<>();

	private final AtomicInteger size = new AtomicInteger();

	void add(RecordedRequest request) {
		this.requests.addLast(request);
		if (this.size.incrementAndGet() > LIMIT && this.requests.pollFirst() != null) {
			this.size.decrementAndGet();
		}
	}

	List<RecordedRequest> snapshot() {
		return new ArrayList<>(this.requests);
	}

	void clear() {
		this.requests.clear();
		this.size.set(0);
	}

}
