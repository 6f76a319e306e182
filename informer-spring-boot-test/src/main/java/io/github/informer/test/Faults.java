package io.github.informer.test;

import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * Injected failures: queued request failures and response faults, forbidden resources, added latency, and clients
 * cut off by their User-Agent (a network partition for one client).
 */
final class Faults {

	private static final String ALL_NAMESPACES = "\u0000all";

	private final ConcurrentLinkedQueue<Pending<RequestFailure>> failures = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<Pending<ResponseFault>> responseFaults = new ConcurrentLinkedQueue<>();

	private final Set<String> forbidden = ConcurrentHashMap.newKeySet();

	private volatile Duration latency = Duration.ZERO;

	private final Set<String> unreachable = ConcurrentHashMap.newKeySet();

	private final Object reachability = new Object();

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

	void unreachable(String userAgentPart) {
		this.unreachable.add(userAgentPart);
	}

	void reachable(String userAgentPart) {
		this.unreachable.remove(userAgentPart);
		synchronized (this.reachability) {
			this.reachability.notifyAll();
		}
	}

	boolean isUnreachable(@Nullable String userAgent) {
		if (userAgent == null || this.unreachable.isEmpty()) {
			return false;
		}
		for (String part : this.unreachable) {
			if (userAgent.contains(part)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Holds a request from a cut-off client as a lost packet would: until the client gives up, the client is
	 * reachable again, or {@code max} passes.
	 */
	void holdWhileUnreachable(@Nullable String userAgent, Duration max) throws InterruptedException {
		long deadline = System.nanoTime() + max.toNanos();
		synchronized (this.reachability) {
			while (isUnreachable(userAgent)) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return;
				}
				TimeUnit.NANOSECONDS.timedWait(this.reachability, left);
			}
		}
	}

	void clear() {
		this.failures.clear();
		this.responseFaults.clear();
		this.forbidden.clear();
		this.latency = Duration.ZERO;
		this.unreachable.clear();
		synchronized (this.reachability) {
			this.reachability.notifyAll();
		}
	}

	private record Pending<F>(F failure, AtomicInteger remaining) {
	}

}
