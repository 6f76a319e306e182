package io.github.informer.benchmarks.run;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.cache.Indexer;
import org.jspecify.annotations.Nullable;

/**
 * Measures an informer the same way on both sides: heap baseline and clock at the moment it starts, time until
 * {@code hasSynced()} and the highest heap in use until then ({@link HeapPeak}), then the heap retained per object, both as growth since the start and as what clearing the
 * cache gives back.
 */
public final class SyncProbe {

	private long baselineBytes;

	private long startNanos;

	private long startCollectionMillis;

	private volatile @Nullable HeapPeak heapPeak;

	/** Call just before the informer starts listing: collects garbage for the heap baseline, then starts the clock. */
	public void markStart() {
		this.baselineBytes = Heap.retained();
		this.startCollectionMillis = Heap.collectionMillis();
		this.heapPeak = HeapPeak.start();
		this.startNanos = System.nanoTime();
	}

	public boolean started() {
		return this.startNanos != 0;
	}

	/**
	 * Polls every millisecond until synced and reports {@code syncMillis}, the time from {@link #markStart()}; past
	 * the timeout it reports a failure with the state of the heap and the collector instead, and returns false.
	 */
	public boolean awaitSynced(BooleanSupplier synced, Duration timeout, Report report) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!this.started() || !synced.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				report.put("failure", "not synced within " + timeout.toSeconds() + " s (" + Heap.describe() + ")");
				return false;
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
		}
		report.put("syncMillis", (System.nanoTime() - this.startNanos) / 1e6);
		report.put("gcMillisDuringSync", Heap.collectionMillis() - this.startCollectionMillis);
		if (this.heapPeak != null) {
			report.put("peakHeapDuringSyncMiB", this.heapPeak.stop() / (1024.0 * 1024.0));
		}
		return true;
	}

	/**
	 * Reports the heap figures of a synced cache of {@code objects} objects. {@code stop} stops the informer so the
	 * cache stays as it is; {@code fieldSteps} (in order) change every cached object in place and report what each
	 * change gives back per object; last the cache is cleared.
	 */
	public <T extends KubernetesObject> void reportHeap(Report report, Indexer<T> indexer, Runnable stop,
			List<FieldStep<T>> fieldSteps) {
		int objects = indexer.list().size();
		report.put("objects", objects);
		long synced = Heap.retained();
		report.put("heapUsedAfterSyncMiB", synced / (1024.0 * 1024.0));
		report.put("heapGrowthPerObjectBytes", (double) (synced - this.baselineBytes) / Math.max(1, objects));
		stop.run();
		long before = Heap.retained();
		for (FieldStep<T> step : fieldSteps) {
			indexer.list().forEach(step.change());
			long after = Heap.retained();
			report.put("fieldCost." + step.name() + "Bytes", (double) (before - after) / Math.max(1, objects));
			before = after;
		}
		long cleared = cleared(indexer);
		report.put("cachePerObjectBytes", (double) (synced - cleared) / Math.max(1, objects));
	}

	private static <T> long cleared(Indexer<T> indexer) {
		indexer.replace(new ArrayList<>(), "0");
		return Heap.retained();
	}

	/** A named in-place change of cached objects whose heap effect is reported (what that part of the object costs). */
	public record FieldStep<T>(String name, Consumer<T> change) {
	}

}
