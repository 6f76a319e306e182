package io.github.informer.benchmarks.run;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.util.Locale;

/** Heap in use after full collections: what is retained, not what happens to be allocated. */
public final class Heap {

	private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

	private Heap() {
	}

	/** Bytes of heap in use after several full collections (G1 runs a full GC for {@code System.gc()}). */
	public static long retained() {
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 4; i++) {
			System.gc();
			sleep(50);
			used = Math.min(used, MEMORY.getHeapMemoryUsage().getUsed());
		}
		return used;
	}

	/** The heap in use against its maximum and the time spent collecting, e.g. to explain a sync that never ends. */
	static String describe() {
		MemoryUsage heap = MEMORY.getHeapMemoryUsage();
		long collections = 0;
		long millis = 0;
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			collections += Math.max(0, collector.getCollectionCount());
			millis += Math.max(0, collector.getCollectionTime());
		}
		return String.format(Locale.ROOT, "heap %,d of %,d MiB in use; %,d collections took %,d s", heap.getUsed() >> 20,
				heap.getMax() >> 20, collections, millis / 1000);
	}

	/** Milliseconds all collectors have spent so far. */
	public static long collectionMillis() {
		long millis = 0;
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			millis += Math.max(0, collector.getCollectionTime());
		}
		return millis;
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
