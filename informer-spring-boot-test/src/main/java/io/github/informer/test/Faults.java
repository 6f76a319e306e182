package io.github.informer.test;

import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/** Injected failures: queued request failures and response faults, forbidden resources and added latency. */
final class Faults {

	private static final String ALL_NAMESPACES = "\u0000all";

	private final ConcurrentLinkedQueue<Pending<RequestFailure>> failures = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<Pending<ResponseFault>> responseFaults = new ConcurrentLinkedQueue<>();

	private final Set<String> forbidden = ConcurrentHashMap.newKeySet();

	private volatile Duration latency = Duration.ZERO;

	void failNext(RequestFailure failure) {
		this.failures.add(new Pending<>(failure, new AtomicInteger(failure.times())));
	}

	void failNext(ResponseFault fault) {
		this.responseFaults.add(new Pending<>(fault, new AtomicInteger(fault.times())));
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
		return take(this.failures, (failure) -> failure.matches(resource, namespace, verb));
	}

	/** The response fault this request must get, consuming one of its uses, or null. */
	@Nullable ResponseFault takeResponseFault(@Nullable String resource, @Nullable String namespace,
			@Nullable String verb, String path) {
		return take(this.responseFaults, (fault) -> fault.matches(resource, namespace, verb, path));
	}

	private static <F> @Nullable F take(ConcurrentLinkedQueue<Pending<F>> queue, Predicate<F> matches) {
		for (Iterator<Pending<F>> iterator = queue.iterator(); iterator.hasNext();) {
			Pending<F> pending = iterator.next();
			if (matches.test(pending.failure())) {
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
		this.responseFaults.clear();
		this.forbidden.clear();
		this.latency = Duration.ZERO;
	}

	private record Pending<F>(F failure, AtomicInteger remaining) {
	}

}
