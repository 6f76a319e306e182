package io.github.informer.test;

import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/** Injected failures: queued request failures, forbidden resources and added latency. */
final class Faults {

	private static final String ALL_NAMESPACES = "\u0000all";

	private final ConcurrentLinkedQueue<Pending> failures = new ConcurrentLinkedQueue<>();

	private final Set<String> forbidden = ConcurrentHashMap.newKeySet();

	private volatile Duration latency = Duration.ZERO;

	void failNext(RequestFailure failure) {
		this.failures.add(new Pending(failure, new AtomicInteger(failure.times())));
	}

	void forbid(String resource, @Nullable String namespace) {
		this.forbidden.add(resource + "/" + ((namespace != null) ? namespace : ALL_NAMESPACES));
	}

	void allow(String resource, @Nullable String namespace) {
		this.forbidden.remove(resource + "/" + ((namespace != null) ? namespace : ALL_NAMESPACES));
	}

	void latency(Duration latency) {
		this.latency = latency;
	}

	Duration latency() {
		return this.latency;
	}

	boolean isForbidden(@Nullable String resource, @Nullable String namespace) {
		return resource != null && (this.forbidden.contains(resource + "/" + ALL_NAMESPACES)
				|| (namespace != null && this.forbidden.contains(resource + "/" + namespace)));
	}

	/** The failure this request must get, consuming one of its uses, or null. */
	@Nullable RequestFailure take(@Nullable String resource, @Nullable String namespace, @Nullable String verb) {
		for (Iterator<Pending> iterator = this.failures.iterator(); iterator.hasNext();) {
			Pending pending = iterator.next();
			if (pending.failure().matches(resource, namespace, verb)) {
				int left = pending.remaining().decrementAndGet();
				if (left <= 0) {
					iterator.remove();
				}
				if (left >= 0) {
					return pending.failure();
				}
			}
		}
		return null;
	}

	void clear() {
		this.failures.clear();
		this.forbidden.clear();
		this.latency = Duration.ZERO;
	}

	private record Pending(RequestFailure failure, AtomicInteger remaining) {
	}

}
