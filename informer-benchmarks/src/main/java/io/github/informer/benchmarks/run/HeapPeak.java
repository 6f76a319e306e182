package io.github.informer.benchmarks.run;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The highest heap in use over a window, sampled every millisecond by a daemon thread: what a JVM needed at its
 * worst (live objects plus the garbage not yet collected), which the heap after a full GC does not show.
 */
public final class HeapPeak {

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	private final Thread sampler;

	private volatile long peak;

	private volatile boolean sampling = true;

	private HeapPeak() {
		this.peak = used();
		this.sampler = new Thread(() -> {
			while (this.sampling) {
				long used = used();
				if (used > this.peak) {
					this.peak = used;
				}
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
			}
		}, "heap-peak-sampler");
		this.sampler.setDaemon(true);
	}

	/** Start sampling now. */
	public static HeapPeak start() {
		HeapPeak heapPeak = new HeapPeak();
		heapPeak.sampler.start();
		return heapPeak;
	}

	/** Stop sampling; returns the highest heap in use seen, in bytes. */
	public long stop() {
		this.sampling = false;
		try {
			this.sampler.join(1000);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return Math.max(this.peak, used());
	}

	private static long used() {
		return MEMORY.getHeapMemoryUsage().getUsed();
	}

}
