package io.github.informer.benchmarks.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.informer.benchmarks.server.BenchmarkObjects;
import io.kubernetes.client.common.KubernetesObject;

/**
 * The body of the measured handler, the same on both sides: counts the server's updates as they arrive and records
 * the latency from the server's write (the wall-clock stamp it put in an annotation) to the handler call. The first
 * {@code warmup} updates let the JIT compile the paths and are left out of the figures. Called from one handler
 * thread only.
 */
public final class EventRecorder {

	private final long[] latencyMicros;

	private final int warmup;

	private volatile int count;

	private long firstNanos;

	private volatile long lastNanos;

	public EventRecorder(int warmup, int measured) {
		this.warmup = warmup;
		this.latencyMicros = new long[warmup + measured];
	}

	/** Records an update whose new state carries the server's write stamp; other updates are ignored. */
	public void updated(KubernetesObject object) {
		Map<String, String> annotations = object.getMetadata().getAnnotations();
		String stamp = (annotations != null) ? annotations.get(BenchmarkObjects.WRITTEN_AT) : null;
		if (stamp == null) {
			return;
		}
		Instant now = Instant.now();
		long nowMicros = TimeUnit.SECONDS.toMicros(now.getEpochSecond()) + now.getNano() / 1000;
		long nanos = System.nanoTime();
		int n = this.count;
		if (n == this.warmup) {
			this.firstNanos = nanos;
		}
		if (n < this.latencyMicros.length) {
			this.latencyMicros[n] = nowMicros - Long.parseLong(stamp);
		}
		this.lastNanos = nanos;
		this.count = n + 1;
	}

	/** Waits until every update (warm-up and measured) arrived or the timeout passed; returns whether they all did. */
	public boolean await(Duration timeout) {
		int expected = this.latencyMicros.length;
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.count < expected) {
			if (System.nanoTime() > deadline) {
				return false;
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
		}
		return true;
	}

	/**
	 * The figures of the measured updates (after the warm-up): their number, events per second from the first to the
	 * last, latency percentiles in milliseconds.
	 */
	public void report(Report report) {
		int n = Math.max(0, Math.min(this.count, this.latencyMicros.length) - this.warmup);
		report.put("events", n);
		report.put("warmupEvents", this.warmup);
		double seconds = (this.lastNanos - this.firstNanos) / 1e9;
		report.put("eventsPerSecond", (n > 1 && seconds > 0) ? (n - 1) / seconds : 0.0);
		long[] sorted = Arrays.copyOfRange(this.latencyMicros, this.warmup, this.warmup + n);
		Arrays.sort(sorted);
		report.put("latencyP50Millis", percentile(sorted, 0.50) / 1000.0);
		report.put("latencyP99Millis", percentile(sorted, 0.99) / 1000.0);
		report.put("latencyMaxMillis", (n > 0) ? sorted[n - 1] / 1000.0 : 0.0);
	}

	static long percentile(long[] sorted, double fraction) {
		if (sorted.length == 0) {
			return 0;
		}
		int index = (int) Math.ceil(fraction * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

}
