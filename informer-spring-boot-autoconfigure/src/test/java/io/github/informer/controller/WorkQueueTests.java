package io.github.informer.controller;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The work queue pinned to client-go's {@code util/workqueue} ({@code queue.go}, {@code delaying_queue.go},
 * {@code rate_limiting_queue.go}).
 */
class WorkQueueTests {

	private final ManualClock clock = new ManualClock();

	private final WorkQueue<String> queue = new WorkQueue<>(
			RateLimiter.controllerDefault(Duration.ofMillis(5), Duration.ofSeconds(1000), 10, 100, this.clock),
			this.clock);

	@Test
	void addingAKeyThatIsAlreadyWaitingIsANoOp() {
		this.queue.add("a");
		this.queue.add("b");
		this.queue.add("a");
		assertThat(this.queue.len()).isEqualTo(2);
		assertThat(this.queue.poll()).isEqualTo("a");
		assertThat(this.queue.poll()).isEqualTo("b");
		assertThat(this.queue.poll()).isNull();
		assertThat(this.queue.snapshot().adds()).isEqualTo(2);
	}

	@Test
	void aKeyAddedWhileProcessedIsHandedOutOnceMoreAfterDoneAndNeverTwiceAtOnce() {
		this.queue.add("a");
		assertThat(this.queue.poll()).isEqualTo("a");
		this.queue.add("a");
		this.queue.add("a");
		assertThat(this.queue.poll()).as("a is being processed").isNull();
		assertThat(this.queue.len()).isZero();
		assertThat(this.queue.isDirty("a")).isTrue();
		this.queue.done("a");
		assertThat(this.queue.poll()).isEqualTo("a");
		this.queue.done("a");
		assertThat(this.queue.poll()).isNull();
	}

	@Test
	void doneOfAKeyNotAddedMeanwhileDoesNotRequeueIt() {
		this.queue.add("a");
		this.queue.poll();
		this.queue.done("a");
		assertThat(this.queue.len()).isZero();
		assertThat(this.queue.isProcessing("a")).isFalse();
	}

	@Test
	void addAfterHoldsTheKeyUntilItIsDueAndKeepsTheSoonerTime() {
		this.queue.addAfter("a", Duration.ofSeconds(10));
		this.queue.addAfter("a", Duration.ofSeconds(2));
		this.queue.addAfter("a", Duration.ofSeconds(5));
		assertThat(this.queue.poll()).isNull();
		assertThat(this.queue.snapshot().waiting()).isEqualTo(1);
		this.clock.advance(Duration.ofMillis(1999));
		assertThat(this.queue.poll()).isNull();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.queue.poll()).isEqualTo("a");
		this.queue.done("a");
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(this.queue.poll()).as("the later times were superseded").isNull();
		assertThat(this.queue.snapshot().waiting()).isZero();
	}

	@Test
	void addAfterWithoutDelayAddsAtOnceAndHeldKeysComeOutInDueOrder() {
		this.queue.addAfter("now", Duration.ZERO);
		this.queue.addAfter("late", Duration.ofSeconds(3));
		this.queue.addAfter("early", Duration.ofSeconds(1));
		assertThat(this.queue.poll()).isEqualTo("now");
		this.clock.advance(Duration.ofSeconds(3));
		assertThat(this.queue.poll()).isEqualTo("early");
		assertThat(this.queue.poll()).isEqualTo("late");
	}

	@Test
	void aHeldKeyThatBecomesDueWhileWaitingInTheQueueIsNotQueuedTwice() {
		this.queue.addAfter("a", Duration.ofSeconds(1));
		this.queue.add("a");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.queue.len()).isEqualTo(1);
		assertThat(this.queue.poll()).isEqualTo("a");
		assertThat(this.queue.poll()).isNull();
	}

	@Test
	void addRateLimitedDelaysByTheLimiterAndForgetResetsTheBackoff() {
		this.queue.addRateLimited("a");
		assertThat(this.queue.numRequeues("a")).isEqualTo(1);
		assertThat(this.queue.poll()).isNull();
		this.clock.advance(Duration.ofMillis(5));
		assertThat(this.queue.poll()).isEqualTo("a");
		this.queue.addRateLimited("a");
		this.queue.done("a");
		this.clock.advance(Duration.ofMillis(9));
		assertThat(this.queue.poll()).isNull();
		this.clock.advance(Duration.ofMillis(1));
		assertThat(this.queue.poll()).isEqualTo("a");
		assertThat(this.queue.numRequeues("a")).isEqualTo(2);
		assertThat(this.queue.snapshot().retrying()).isEqualTo(1);
		this.queue.forget("a");
		assertThat(this.queue.numRequeues("a")).isZero();
		assertThat(this.queue.snapshot().retrying()).isZero();
		assertThat(this.queue.snapshot().retries()).isEqualTo(2);
	}

	@Test
	void afterShutDownNothingIsAddedHeldKeysAreDroppedAndQueuedOnesStillHandedOut() throws Exception {
		this.queue.add("queued");
		this.queue.addAfter("held", Duration.ofSeconds(1));
		this.queue.shutDown();
		this.queue.add("late");
		this.queue.addRateLimited("late");
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(this.queue.get()).isEqualTo("queued");
		assertThat(this.queue.get()).isNull();
		assertThat(this.queue.isShuttingDown()).isTrue();
	}

	@Test
	void getWaitsForAnAddFromAnotherThread() throws Exception {
		WorkQueue<String> real = new WorkQueue<>(new ItemExponentialFailureRateLimiter<>(Duration.ofMillis(5),
				Duration.ofSeconds(1)), RateLimiter.Clock.SYSTEM);
		CompletableFuture<String> taken = CompletableFuture.supplyAsync(() -> take(real));
		real.add("a");
		assertThat(taken.get(30, TimeUnit.SECONDS)).isEqualTo("a");
	}

	@Test
	void getSleepsUntilAHeldKeyIsDueAndWakesForASoonerOne() throws Exception {
		WorkQueue<String> real = new WorkQueue<>(new ItemExponentialFailureRateLimiter<>(Duration.ofMillis(5),
				Duration.ofSeconds(1)), RateLimiter.Clock.SYSTEM);
		real.addAfter("far", Duration.ofHours(1));
		CompletableFuture<String> taken = CompletableFuture.supplyAsync(() -> take(real));
		real.addAfter("near", Duration.ofMillis(20));
		assertThat(taken.get(30, TimeUnit.SECONDS)).isEqualTo("near");
	}

	@Test
	void shutDownWithDrainWaitsForKeysInProgress() throws Exception {
		this.queue.add("a");
		assertThat(this.queue.poll()).isEqualTo("a");
		assertThat(this.queue.shutDownWithDrain(Duration.ofMillis(1))).isFalse();
		CompletableFuture<Boolean> drained = CompletableFuture
			.supplyAsync(() -> this.queue.shutDownWithDrain(Duration.ofSeconds(30)));
		this.queue.done("a");
		assertThat(drained.get(30, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void snapshotReportsLongestRunningAndUnfinishedWork() {
		this.queue.add("a");
		this.queue.add("b");
		this.queue.poll();
		this.clock.advance(Duration.ofSeconds(2));
		this.queue.poll();
		this.clock.advance(Duration.ofSeconds(1));
		WorkQueue.Snapshot snapshot = this.queue.snapshot();
		assertThat(snapshot.processing()).isEqualTo(2);
		assertThat(snapshot.longestRunning()).isEqualTo(Duration.ofSeconds(3));
		assertThat(snapshot.unfinished()).isEqualTo(Duration.ofSeconds(4));
	}

	@Test
	void reportsHowLongEachKeyWaitedFromItsFirstAdd() {
		List<Long> waits = new ArrayList<>();
		this.queue.onWaited(waits::add);
		this.queue.add("a");
		this.clock.advance(Duration.ofMillis(30));
		this.queue.add("a");
		this.clock.advance(Duration.ofMillis(20));
		this.queue.poll();
		assertThat(waits).containsExactly(Duration.ofMillis(50).toNanos());
	}

	/**
	 * Random add / get / done / addAfter sequences against a model of client-go's rules: the queue hands out exactly
	 * what the model predicts, a key is never handed out while processed, and no key is lost or duplicated.
	 */
	@Test
	void randomOperationSequencesMatchTheModel() {
		for (int seed = 0; seed < 300; seed++) {
			Random random = new Random(seed);
			ManualClock time = new ManualClock();
			WorkQueue<String> tested = new WorkQueue<>(
					new ItemExponentialFailureRateLimiter<>(Duration.ofMillis(5), Duration.ofSeconds(1)), time);
			Model model = new Model();
			for (int step = 0; step < 400; step++) {
				String key = "k" + random.nextInt(6);
				int operation = random.nextInt(10);
				String context = "seed " + seed + " step " + step;
				if (operation < 4) {
					tested.add(key);
					model.add(key);
				}
				else if (operation < 7) {
					String taken = tested.poll();
					assertThat(taken).as(context).isEqualTo(model.get());
				}
				else if (operation < 9) {
					if (!model.processing.isEmpty()) {
						List<String> inProgress = new ArrayList<>(model.processing);
						String done = inProgress.get(random.nextInt(inProgress.size()));
						tested.done(done);
						model.done(done);
					}
				}
				else {
					Duration delay = Duration.ofMillis(random.nextInt(3) * 10);
					tested.addAfter(key, delay);
					model.addAfter(key, delay, time.nanoTime());
					time.advance(Duration.ofMillis(random.nextInt(15)));
					model.promote(time.nanoTime());
				}
				model.promote(time.nanoTime());
				assertThat(tested.len()).as(context).isEqualTo(model.queue.size());
				assertThat(tested.snapshot().processing()).as(context).isEqualTo(model.processing.size());
			}
		}
	}

	private static String take(WorkQueue<String> queue) {
		try {
			return queue.get();
		}
		catch (InterruptedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The rules of {@code queue.go} and {@code delaying_queue.go}, written as plainly as possible. */
	private static final class Model {

		final ArrayDeque<String> queue = new ArrayDeque<>();

		final Set<String> dirty = new HashSet<>();

		final Set<String> processing = new LinkedHashSet<>();

		final Map<String, long[]> waiting = new HashMap<>();

		long sequence;

		void add(String key) {
			if (this.dirty.contains(key)) {
				return;
			}
			this.dirty.add(key);
			if (!this.processing.contains(key)) {
				this.queue.add(key);
			}
		}

		String get() {
			String key = this.queue.poll();
			if (key != null) {
				assertThat(this.processing).doesNotContain(key);
				this.dirty.remove(key);
				this.processing.add(key);
			}
			return key;
		}

		void done(String key) {
			this.processing.remove(key);
			if (this.dirty.contains(key)) {
				this.queue.add(key);
			}
		}

		void addAfter(String key, Duration delay, long now) {
			if (delay.isZero()) {
				add(key);
				return;
			}
			long due = now + delay.toNanos();
			long[] held = this.waiting.get(key);
			if (held == null || due < held[0]) {
				this.waiting.put(key, new long[] { due, this.sequence++ });
			}
		}

		void promote(long now) {
			this.waiting.entrySet()
				.stream()
				.filter((entry) -> entry.getValue()[0] <= now)
				.sorted(Comparator.comparingLong((Map.Entry<String, long[]> entry) -> entry.getValue()[0])
					.thenComparingLong((entry) -> entry.getValue()[1]))
				.map(Map.Entry::getKey)
				.toList()
				.forEach((key) -> {
					this.waiting.remove(key);
					add(key);
				});
		}

	}

}
