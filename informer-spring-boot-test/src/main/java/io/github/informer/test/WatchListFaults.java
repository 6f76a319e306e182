package io.github.informer.test;

import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Injected faults of watch-list requests ({@code sendInitialEvents=true}): what a client's fallback to the paged
 * list must survive. A failure before any event, initial events ended by a bookmark without the
 * {@code k8s.io/initial-events-end} annotation (a server that never finishes the phase), and a stream cut in the
 * middle of the initial events.
 */
final class WatchListFaults {

	/** Failures are queued and matched as for any request; a queue of their own keeps them to watch-list requests. */
	private final Faults failures = new Faults();

	private volatile boolean omitEndAnnotation;

	private final AtomicInteger closeNextAfter = new AtomicInteger(-1);

	void failNext(RequestFailure failure) {
		this.failures.failNext(failure);
	}

	@Nullable RequestFailure take(@Nullable String resource, @Nullable String namespace) {
		return this.failures.take(resource, namespace, "watch");
	}

	void omitEndAnnotation(boolean omit) {
		this.omitEndAnnotation = omit;
	}

	boolean omitEndAnnotation() {
		return this.omitEndAnnotation;
	}

	void closeNextAfter(int initialEvents) {
		this.closeNextAfter.set(initialEvents);
	}

	/** How many initial events the next watch-list stream sends before it ends (consumed), or -1. */
	int takeCloseAfter() {
		return this.closeNextAfter.getAndSet(-1);
	}

	void clear() {
		this.failures.clear();
		this.omitEndAnnotation = false;
		this.closeNextAfter.set(-1);
	}

}
