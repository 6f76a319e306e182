package io.github.informer.benchmarks.server;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

import io.github.informer.benchmarks.run.Heap;
import io.github.informer.benchmarks.run.HeapPeak;
import org.jspecify.annotations.Nullable;

/**
 * What serving costs the API server's JVM, from its own counters, between {@link #reset()} and {@link #report()}: the
 * bytes its threads allocated ({@code com.sun.management.ThreadMXBean#getTotalThreadAllocatedBytes}: all threads
 * since the JVM started, terminated ones included), the highest heap in use ({@link HeapPeak}, sampled every
 * millisecond; and the sum of the heap pools' peaks, which {@link MemoryPoolMXBean#resetPeakUsage()} restarts), and
 * the collectors' time. The reset collects garbage first, so the window starts from the retained heap (the seeded
 * objects).
 */
final class ServingCost {

	private static final com.sun.management.ThreadMXBean THREADS = (com.sun.management.ThreadMXBean) ManagementFactory
		.getThreadMXBean();

	private long allocatedAtReset;

	private long heapAtReset;

	private long collectionMillisAtReset;

	private @Nullable HeapPeak peak;

	ServingCost() {
		THREADS.setThreadAllocatedMemoryEnabled(true);
	}

	/** Collect garbage, then start the window. */
	void reset() {
		if (this.peak != null) {
			this.peak.stop();
		}
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				pool.resetPeakUsage();
			}
		}
		this.heapAtReset = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		this.collectionMillisAtReset = Heap.collectionMillis();
		this.allocatedAtReset = THREADS.getTotalThreadAllocatedBytes();
		this.peak = HeapPeak.start();
	}

	/** The figures since {@link #reset()}, as one JSON object. */
	String report() {
		long allocated = THREADS.getTotalThreadAllocatedBytes() - this.allocatedAtReset;
		long peakHeap = (this.peak != null) ? this.peak.stop() : 0;
		this.peak = null;
		long poolPeaks = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			if (pool.getType() == MemoryType.HEAP) {
				poolPeaks += pool.getPeakUsage().getUsed();
			}
		}
		return String.format(Locale.ROOT,
				"{\"serverAllocatedBytes\":%d,\"serverPeakHeapBytes\":%d,\"serverPoolPeakSumBytes\":%d,"
						+ "\"serverHeapAtStartBytes\":%d,\"serverGcMillis\":%d}",
				allocated, peakHeap, poolPeaks, this.heapAtReset, Heap.collectionMillis() - this.collectionMillisAtReset);
	}

}
