package io.github.informer.controller;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;

import org.jspecify.annotations.Nullable;

/**
 * client-go's rate-limiting, delaying work queue ({@code util/workqueue}: {@code queue.go}, {@code delaying_queue.go},
 * {@code rate_limiting_queue.go}) with the same rules:
 * <ul>
 * <li>a key is in the queue at most once: adding a key that is waiting to be processed ({@code dirty}) is a no-op;</li>
 * <li>a key is never handed to two workers: a key added while it is processed ({@code processing}) is only marked
 * dirty and queued again by {@link #done};</li>
 * <li>{@link #addAfter} holds a key until its time (keeping the sooner time when a key is already held), then adds
 * it; {@link #addRateLimited} delays by the {@link RateLimiter};</li>
 * <li>after {@link #shutDown} nothing is added; keys already queued are still handed out, held ones are dropped, and
 * {@link #get} returns {@code null} once the queue is empty.</li>
 * </ul>
 * Held keys need no thread of their own: whoever takes the lock moves the due ones into the queue, and an idle
 * {@link #get} sleeps until the earliest is due.
 *
 * @param <K> the key type
 */
final class WorkQueue<K> {

	private final ReentrantLock lock = new ReentrantLock();

	/** Signalled when a key may be ready for a waiting worker: an add, a held key, a shutdown. */
	private final Condition ready = this.lock.newCondition();

	/** Signalled when no key is being processed any more, for {@link #shutDownWithDrain}. */
	private final Condition drained = this.lock.newCondition();

	private final ArrayDeque<K> queue = new ArrayDeque<>();

	private final Set<K> dirty = new HashSet<>();

	private final Map<K, Long> processing = new HashMap<>();

	/** When each dirty key was first added, for the time it waited. */
	private final Map<K, Long> addedAt = new HashMap<>();

	/** Held keys: when each is due. The heap may hold stale entries, recognised by a different time. */
	private final Map<K, Long> waiting = new HashMap<>();

	private final PriorityQueue<Held<K>> heap = new PriorityQueue<>();

	/** Keys retried through the rate limiter and not forgotten since. */
	private final Set<K> retrying = new HashSet<>();

	private final RateLimiter<K> limiter;

	private final RateLimiter.Clock clock;

	private final LongAdder adds = new LongAdder();

	private final LongAdder retries = new LongAdder();

	private volatile LongConsumer waited = (nanos) -> {
	};

	private boolean shuttingDown;

	private long heldSequence;

	WorkQueue(RateLimiter<K> limiter, RateLimiter.Clock clock) {
		this.limiter = limiter;
		this.clock = clock;
	}

	/**
	 * Add a key, unless it already waits to be processed.
	 * @param key the key
	 */
	void add(K key) {
		this.lock.lock();
		try {
			promoteDue(this.clock.nanoTime());
			addLocked(key);
		}
		finally {
			this.lock.unlock();
		}
	}

	private void addLocked(K key) {
		if (this.shuttingDown || this.dirty.contains(key)) {
			return;
		}
		this.adds.increment();
		this.addedAt.putIfAbsent(key, this.clock.nanoTime());
		this.dirty.add(key);
		if (this.processing.containsKey(key)) {
			return;
		}
		this.queue.addLast(key);
		this.ready.signal();
	}

	/**
	 * Add a key once the delay has passed; a key already held keeps the sooner of the two times.
	 * @param key the key
	 * @param delay the delay; zero or negative adds at once
	 */
	void addAfter(K key, Duration delay) {
		this.lock.lock();
		try {
			if (this.shuttingDown) {
				return;
			}
			long now = this.clock.nanoTime();
			promoteDue(now);
			if (delay.isNegative() || delay.isZero()) {
				addLocked(key);
				return;
			}
			long due = now + delay.toNanos();
			Long held = this.waiting.get(key);
			if (held != null && held <= due) {
				return;
			}
			this.waiting.put(key, due);
			this.heap.add(new Held<>(key, due, this.heldSequence++));
			// a worker sleeping until a later key is due must wake to wait for this one instead
			this.ready.signal();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Add a key after the rate limiter's delay for it, counting a retry.
	 * @param key the key
	 * @return the delay
	 */
	Duration addRateLimited(K key) {
		Duration delay = this.limiter.when(key);
		this.lock.lock();
		try {
			if (!this.shuttingDown) {
				this.retries.increment();
				this.retrying.add(key);
			}
		}
		finally {
			this.lock.unlock();
		}
		addAfter(key, delay);
		return delay;
	}

	/**
	 * Forget the key's failures: its next rate-limited add starts from the base delay.
	 * @param key the key
	 */
	void forget(K key) {
		this.limiter.forget(key);
		this.lock.lock();
		try {
			this.retrying.remove(key);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Return how often the key went through the rate limiter since it was last forgotten.
	 * @param key the key
	 * @return the count
	 */
	int numRequeues(K key) {
		return this.limiter.numRequeues(key);
	}

	/**
	 * Take the next key to process, waiting for one; the caller must call {@link #done} with it.
	 * @return the key, or {@code null} when the queue is shut down and empty
	 * @throws InterruptedException if interrupted while waiting
	 */
	@Nullable K get() throws InterruptedException {
		this.lock.lockInterruptibly();
		try {
			while (true) {
				long now = this.clock.nanoTime();
				promoteDue(now);
				if (!this.queue.isEmpty()) {
					return takeLocked(now);
				}
				if (this.shuttingDown) {
					return null;
				}
				Held<K> next = nextHeld();
				if (next == null) {
					this.ready.await();
				}
				else {
					this.ready.awaitNanos(Math.max(1, next.due() - now));
				}
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Take the next key if one is ready, without waiting.
	 * @return the key, or {@code null} when none is ready
	 */
	@Nullable K poll() {
		this.lock.lock();
		try {
			long now = this.clock.nanoTime();
			promoteDue(now);
			return this.queue.isEmpty() ? null : takeLocked(now);
		}
		finally {
			this.lock.unlock();
		}
	}

	private K takeLocked(long now) {
		K key = this.queue.removeFirst();
		this.dirty.remove(key);
		this.processing.put(key, now);
		Long added = this.addedAt.remove(key);
		if (added != null) {
			// a key promoted from the held ones during this call was stamped after now was read
			this.waited.accept(Math.max(0, now - added));
		}
		return key;
	}

	/**
	 * Mark a key processed; if it was added meanwhile it is queued again.
	 * @param key the key from {@link #get}
	 */
	void done(K key) {
		this.lock.lock();
		try {
			this.processing.remove(key);
			if (this.dirty.contains(key)) {
				this.queue.addLast(key);
				this.ready.signal();
			}
			if (this.processing.isEmpty()) {
				this.drained.signalAll();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Stop taking keys: later adds are ignored, held keys dropped; queued keys are still handed out.
	 */
	void shutDown() {
		this.lock.lock();
		try {
			this.shuttingDown = true;
			this.waiting.clear();
			this.heap.clear();
			this.ready.signalAll();
			this.drained.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Shut down, then wait until no key is being processed (client-go's {@code ShutDownWithDrain}, bounded).
	 * @param timeout how long to wait
	 * @return whether processing drained in time
	 */
	boolean shutDownWithDrain(Duration timeout) {
		shutDown();
		long deadline = System.nanoTime() + timeout.toNanos();
		this.lock.lock();
		try {
			while (!this.processing.isEmpty()) {
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0) {
					return false;
				}
				this.drained.awaitNanos(remaining);
			}
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return this.processing.isEmpty();
		}
		finally {
			this.lock.unlock();
		}
	}

	boolean isShuttingDown() {
		this.lock.lock();
		try {
			return this.shuttingDown;
		}
		finally {
			this.lock.unlock();
		}
	}

	private void promoteDue(long now) {
		Held<K> next;
		while ((next = this.heap.peek()) != null && next.due() <= now) {
			this.heap.poll();
			Long due = this.waiting.get(next.key());
			if (due != null && due == next.due()) {
				this.waiting.remove(next.key());
				addLocked(next.key());
			}
		}
	}

	private @Nullable Held<K> nextHeld() {
		Held<K> next;
		while ((next = this.heap.peek()) != null) {
			Long due = this.waiting.get(next.key());
			if (due != null && due == next.due()) {
				return next;
			}
			this.heap.poll();
		}
		return null;
	}

	/**
	 * Return the number of keys ready to be taken (client-go's {@code Len}).
	 * @return the depth
	 */
	int len() {
		this.lock.lock();
		try {
			promoteDue(this.clock.nanoTime());
			return this.queue.size();
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Return a consistent snapshot of the queue's state for the endpoint and metrics.
	 * @return the snapshot
	 */
	Snapshot snapshot() {
		this.lock.lock();
		try {
			long now = this.clock.nanoTime();
			promoteDue(now);
			long longest = 0;
			long unfinished = 0;
			for (long since : this.processing.values()) {
				long running = now - since;
				longest = Math.max(longest, running);
				unfinished += running;
			}
			return new Snapshot(this.queue.size(), this.processing.size(), this.waiting.size(), this.retrying.size(),
					this.adds.sum(), this.retries.sum(), Duration.ofNanos(longest), Duration.ofNanos(unfinished));
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Observe how long each key waited between being added and being taken.
	 * @param observer receives nanoseconds
	 */
	void onWaited(LongConsumer observer) {
		this.waited = observer;
	}

	boolean isDirty(K key) {
		this.lock.lock();
		try {
			return this.dirty.contains(key);
		}
		finally {
			this.lock.unlock();
		}
	}

	boolean isProcessing(K key) {
		this.lock.lock();
		try {
			return this.processing.containsKey(key);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * The queue's state at one instant.
	 *
	 * @param depth keys ready to be taken
	 * @param processing keys being processed
	 * @param waiting keys held by {@code addAfter} or the rate limiter
	 * @param retrying keys with rate-limited retries not yet forgotten
	 * @param adds keys added since creation (no-op adds of a waiting key not counted)
	 * @param retries rate-limited adds since creation
	 * @param longestRunning how long the longest-running key has been processed
	 * @param unfinished the processing time of every key in progress, summed
	 */
	record Snapshot(int depth, int processing, int waiting, int retrying, long adds, long retries,
			Duration longestRunning, Duration unfinished) {
	}

	/** A held key; keys due at the same time come out in the order they were held. */
	private record Held<K>(K key, long due, long sequence) implements Comparable<Held<K>> {

		@Override
		public int compareTo(Held<K> other) {
			int byDue = Long.compare(this.due, other.due);
			return (byDue != 0) ? byDue : Long.compare(this.sequence, other.sequence);
		}

	}

}
