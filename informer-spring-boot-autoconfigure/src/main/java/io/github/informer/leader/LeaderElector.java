package io.github.informer.leader;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import io.github.informer.client.InformerThreads;
import io.github.informer.registry.InformerRegistry;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import okhttp3.Interceptor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;

/**
 * client-go's leader election ({@code tools/leaderelection}) on a {@code coordination.k8s.io/v1} Lease, on one thread
 * ({@code informer-leader-election}) that also publishes {@link LeadershipGrantedEvent} and
 * {@link LeadershipRevokedEvent} synchronously.
 * <ul>
 * <li>A standby acquires the Lease when nobody holds it, or when the record has not changed for the record's own
 * {@code leaseDurationSeconds} by this replica's clock (the times written in the record are never compared with the
 * local clock, so clock skew between replicas does not matter). Standbys try every {@code retry-period} plus up to
 * 1.2 x of it as jitter.</li>
 * <li>The leader renews every {@code retry-period}: first with the resourceVersion of its last write (one request),
 * else by reading the Lease again. Every write sends a resourceVersion, so of two replicas racing, one gets 409.</li>
 * <li>A renewal counts from when its request was sent. If none succeeded for {@code renew-deadline} minus a stop
 * budget, or another holder is seen, the leader stops: {@link #isLeader()} turns false at once, and the revoked event
 * is published early enough that its listeners have stopped leader-only work before {@code renew-deadline} has passed
 * since the last renewal; a standby can only take over {@code lease-duration} after it saw that renewal.</li>
 * <li>{@code leaderTransitions}, {@code acquireTime} and {@code renewTime} are kept as client-go keeps them; a clean
 * shutdown releases the Lease as client-go's {@code ReleaseOnCancel} does (holder cleared, duration 1 s), after the
 * revoked event's listeners returned.</li>
 * </ul>
 * A {@link SmartLifecycle} one phase after the {@link InformerRegistry}: it starts competing once the caches are
 * started (synced, by default), so a new leader has warm caches, and stops leading before the informers stop.
 */
public final class LeaderElector implements LeaderElection, SmartLifecycle {

	/** One phase after the informer registry: starts after it, stops before it. */
	public static final int PHASE = InformerRegistry.PHASE + 1;

	static final double JITTER_FACTOR = 1.2;

	private static final Logger logger = LoggerFactory.getLogger(LeaderElector.class);

	private final Settings settings;

	private final LeaseLock lock;

	private final ApplicationEventPublisher publisher;

	private final Object monitor = new Object();

	private final AtomicLong failures = new AtomicLong();

	private volatile boolean running;

	private volatile @Nullable Thread thread;

	private volatile boolean leading;

	private volatile long leadingUntilNanos;

	private volatile @Nullable LeaderElectionRecord observedRecord;

	private long observedAtNanos;

	private @Nullable String reportedHolder;

	private volatile @Nullable String lastError;

	private final @Nullable LeaderOnlyWriteGuard guard;

	/**
	 * Create an elector.
	 * @param settings the validated settings
	 * @param apiClient the client for the Lease's requests (bounded per call by the elector's deadlines)
	 * @param publisher publishes the leadership events
	 */
	public LeaderElector(Settings settings, ApiClient apiClient, ApplicationEventPublisher publisher) {
		this(settings, apiClient, publisher, null);
	}

	/**
	 * Create an elector that also drives the guard of leader-only requests.
	 * @param settings the validated settings
	 * @param apiClient the client for the Lease's requests (bounded per call by the elector's deadlines)
	 * @param publisher publishes the leadership events
	 * @param guard the guard installed on the application's client, or {@code null}
	 */
	public LeaderElector(Settings settings, ApiClient apiClient, ApplicationEventPublisher publisher,
			@Nullable LeaderOnlyWriteGuard guard) {
		this.settings = settings;
		this.lock = new LeaseLock(apiClient, settings.leaseNamespace(), settings.leaseName());
		this.publisher = publisher;
		this.guard = guard;
		if (guard != null) {
			guard.attach(this);
		}
	}

	@Override
	public void start() {
		synchronized (this.monitor) {
			if (this.running) {
				return;
			}
			this.running = true;
			Thread elector = InformerThreads.named("informer-leader-election", this::run);
			this.thread = elector;
			elector.start();
		}
		logger.info("Leader election on Lease {} started as {} (lease-duration {}, renew-deadline {}, retry-period {})",
				this.lock.describe(), this.settings.identity(), this.settings.leaseDuration(),
				this.settings.renewDeadline(), this.settings.retryPeriod());
	}

	@Override
	public void stop() {
		Thread elector;
		synchronized (this.monitor) {
			if (!this.running) {
				return;
			}
			this.running = false;
			this.monitor.notifyAll();
			elector = this.thread;
		}
		if (elector == null) {
			return;
		}
		// The thread finishes its current (deadline-bounded) attempt, stops leader-only work and releases the Lease.
		long waitMillis = this.settings.renewDeadline().multipliedBy(2).toMillis();
		try {
			elector.join(waitMillis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (elector.isAlive()) {
			logger.warn("Leader election on Lease {}: the elector thread did not end within {} ms", this.lock.describe(),
					waitMillis);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Not pauseable: the informers it gates keep running while a test context is paused (see {@code InformerRegistry}), so the
	 * elector does too: a paused context keeps its leadership instead of releasing and re-acquiring the Lease.
	 */
	@Override
	public boolean isPauseable() {
		return false;
	}

	private void run() {
		long nextAttempt = System.nanoTime();
		while (awaitUntil(nextAttempt)) {
			long start = System.nanoTime();
			if (this.leading) {
				nextAttempt = renew(start);
			}
			else {
				nextAttempt = acquire(start);
			}
			reportNewHolder();
		}
		if (this.leading) {
			revoke("the application is shutting down");
			if (this.settings.releaseOnShutdown()) {
				release(System.nanoTime() + this.settings.renewDeadline().toNanos());
			}
		}
	}

	/** One acquisition attempt; returns when to try next. */
	private long acquire(long start) {
		// A success after the term it would open has ended is no use: bound the attempt by that term.
		long until = start + this.settings.leadingFor().toNanos();
		Outcome outcome = tryAcquireOrRenew(start, until);
		if (outcome == Outcome.SUCCESS && until - System.nanoTime() <= 0) {
			// The write went through too late to act on; the Lease is this replica's, so renew it at once.
			return System.nanoTime();
		}
		if (outcome == Outcome.SUCCESS) {
			this.leadingUntilNanos = until;
			this.leading = true;
			LeaderElectionRecord record = this.observedRecord;
			this.reportedHolder = this.settings.identity();
			logger.info("Leader election on Lease {}: {} acquired it and leads (leaseTransitions {})",
					this.lock.describe(), this.settings.identity(), (record != null) ? record.leaderTransitions() : 0);
			publish(new LeadershipGrantedEvent(this, this.settings.leaseNamespace(), this.settings.leaseName(),
					this.settings.identity()));
			return start + this.settings.retryPeriod().toNanos();
		}
		return System.nanoTime() + jittered(this.settings.retryPeriod());
	}

	/** One renewal attempt while leading; returns when to try next. */
	private long renew(long start) {
		long until = this.leadingUntilNanos;
		if (start - until >= 0) {
			revoke("no renewal succeeded within renew-deadline " + this.settings.renewDeadline());
			return System.nanoTime() + jittered(this.settings.retryPeriod());
		}
		// One hanging request must not use up the whole deadline: bound each attempt so that another fits.
		long attemptDeadline = start + Math.max(this.settings.retryPeriod().toNanos(),
				this.settings.renewDeadline().toNanos() / 2);
		Outcome outcome = tryAcquireOrRenew(start, (attemptDeadline - until < 0) ? attemptDeadline : until);
		if (outcome == Outcome.SUCCESS) {
			this.leadingUntilNanos = start + this.settings.leadingFor().toNanos();
			return start + this.settings.retryPeriod().toNanos();
		}
		if (outcome == Outcome.HELD_BY_OTHER) {
			LeaderElectionRecord record = this.observedRecord;
			revoke("the Lease is now held by " + ((record != null) ? record.holderIdentity() : "another replica"));
			return System.nanoTime() + jittered(this.settings.retryPeriod());
		}
		// Retry every retry-period until the deadline, as client-go's renew loop polls; wake up at the deadline.
		long next = System.nanoTime() + this.settings.retryPeriod().toNanos();
		return (next - this.leadingUntilNanos > 0) ? this.leadingUntilNanos : next;
	}

	/**
	 * client-go's {@code tryAcquireOrRenew}: the leader's fast path (an update on the last written version), else
	 * read (or create) the Lease, note when its record last changed, and write this replica as the holder unless
	 * another holder's lease is still valid by that local observation time.
	 */
	private Outcome tryAcquireOrRenew(long start, long deadline) {
		OffsetDateTime now = LeaderElectionRecord.now();
		String identity = this.settings.identity();
		int durationSeconds = this.settings.leaseDurationSeconds();
		LeaderElectionRecord observed = this.observedRecord;
		if (observed != null && observed.isHeldBy(identity) && isObservedValid(start) && this.lock.hasLease()) {
			LeaderElectionRecord renewal = new LeaderElectionRecord(identity, durationSeconds, observed.acquireTime(),
					now, observed.leaderTransitions(), observed.strategy(), observed.preferredHolder());
			try {
				this.lock.update(renewal, deadline);
				observed(renewal);
				return succeeded();
			}
			catch (ApiException ex) {
				logger.debug("Leader election on Lease {}: optimistic renewal failed ({}), reading the Lease",
						this.lock.describe(), describe(ex));
			}
		}
		LeaderElectionRecord current;
		try {
			current = this.lock.get(deadline);
		}
		catch (ApiException ex) {
			return failed("reading", ex);
		}
		if (current == null) {
			LeaderElectionRecord created = new LeaderElectionRecord(identity, durationSeconds, now, now, 0, null, null);
			try {
				this.lock.create(created, deadline);
				observed(created);
				return succeeded();
			}
			catch (ApiException ex) {
				return failed("creating", ex);
			}
		}
		if (!current.equals(this.observedRecord)) {
			observed(current);
		}
		if (current.isHeld() && !current.isHeldBy(identity)) {
			if (this.leading || isObservedValid(System.nanoTime())) {
				// Held by another replica: a leader has lost it; a standby waits for it to expire.
				succeededWithoutWrite();
				return Outcome.HELD_BY_OTHER;
			}
		}
		boolean ours = current.isHeldBy(identity);
		LeaderElectionRecord desired = new LeaderElectionRecord(identity, durationSeconds,
				ours ? current.acquireTime() : now, now,
				ours ? current.leaderTransitions() : current.leaderTransitions() + 1, current.strategy(),
				current.preferredHolder());
		try {
			this.lock.update(desired, deadline);
			observed(desired);
			return succeeded();
		}
		catch (ApiException ex) {
			return failed("updating", ex);
		}
	}

	/**
	 * client-go's {@code release}: clear the holder (keeping the transitions count) and set the duration to 1 s, so
	 * that a standby takes over at its next attempt; retried on conflict, bounded by the deadline.
	 */
	private void release(long deadline) {
		String identity = this.settings.identity();
		while (System.nanoTime() - deadline < 0) {
			try {
				LeaderElectionRecord current = this.lock.get(deadline);
				if (current == null || !current.isHeldBy(identity)) {
					return;
				}
				OffsetDateTime now = LeaderElectionRecord.now();
				LeaderElectionRecord released = new LeaderElectionRecord("", 1, now, now, current.leaderTransitions(),
						current.strategy(), current.preferredHolder());
				this.lock.update(released, deadline);
				observed(released);
				logger.info("Leader election on Lease {}: {} released it", this.lock.describe(), identity);
				return;
			}
			catch (ApiException ex) {
				if (ex.getCode() != 409) {
					logger.warn("Leader election on Lease {}: could not release it ({}); a standby takes over when "
							+ "it expires", this.lock.describe(), describe(ex));
					return;
				}
			}
		}
	}

	private void revoke(String reason) {
		this.leading = false;
		long deadline = renewDeadlineNanos();
		long late = System.nanoTime() - deadline;
		LeaderOnlyWriteGuard current = this.guard;
		if (current != null) {
			current.cancelInFlight();
		}
		logger.info("Leader election on Lease {}: {} stopped leading: {}", this.lock.describe(),
				this.settings.identity(), reason);
		if (late > 0 && this.running) {
			logger.warn("Leader election on Lease {}: this replica noticed {} ms after renew-deadline had passed "
					+ "since its last renewal (a pause: GC, a frozen process, CPU starvation); leader-only writes were "
					+ "refused since the deadline", this.lock.describe(), TimeUnit.NANOSECONDS.toMillis(late));
		}
		publish(new LeadershipRevokedEvent(this, this.settings.leaseNamespace(), this.settings.leaseName(),
				this.settings.identity()));
		long listenersLate = System.nanoTime() - deadline;
		if (late <= 0 && listenersLate > 0 && this.running) {
			logger.warn("Leader election on Lease {}: LeadershipRevokedEvent listeners returned {} ms after "
					+ "renew-deadline had passed since the last renewal; leader-only work must stop faster",
					this.lock.describe(), TimeUnit.NANOSECONDS.toMillis(listenersLate));
		}
	}

	/** When renew-deadline has passed since the last successful renewal was sent. */
	private long renewDeadlineNanos() {
		return this.leadingUntilNanos - this.settings.leadingFor().toNanos() + this.settings.renewDeadline().toNanos();
	}

	private void publish(Object event) {
		try {
			this.publisher.publishEvent(event);
		}
		catch (Throwable ex) {
			logger.error("Leader election on Lease {}: a listener of {} failed", this.lock.describe(),
					event.getClass().getSimpleName(), ex);
		}
	}

	private void observed(LeaderElectionRecord record) {
		this.observedRecord = record;
		this.observedAtNanos = System.nanoTime();
	}

	private boolean isObservedValid(long nowNanos) {
		LeaderElectionRecord record = this.observedRecord;
		return record != null
				&& this.observedAtNanos + TimeUnit.SECONDS.toNanos(record.leaseDurationSeconds()) - nowNanos > 0;
	}

	private Outcome succeeded() {
		succeededWithoutWrite();
		return Outcome.SUCCESS;
	}

	private void succeededWithoutWrite() {
		if (this.failures.getAndSet(0) > 0) {
			logger.info("Leader election on Lease {}: the API server answers again", this.lock.describe());
		}
		this.lastError = null;
	}

	private Outcome failed(String action, ApiException ex) {
		String description = describe(ex);
		this.lastError = description;
		if (ex.getCode() == 409) {
			// Another replica wrote first: the normal outcome of a race, not a fault.
			logger.debug("Leader election on Lease {}: conflict {} it", this.lock.describe(), action);
			return Outcome.FAILED;
		}
		if (this.failures.incrementAndGet() == 1) {
			logger.warn("Leader election on Lease {}: failed {} it ({}); retrying every {}", this.lock.describe(),
					action, description, this.settings.retryPeriod());
		}
		else {
			logger.debug("Leader election on Lease {}: failed {} it again ({})", this.lock.describe(), action,
					description);
		}
		return Outcome.FAILED;
	}

	private void reportNewHolder() {
		LeaderElectionRecord record = this.observedRecord;
		if (record == null || record.holderIdentity().equals(this.reportedHolder)) {
			return;
		}
		this.reportedHolder = record.holderIdentity();
		if (!record.isHeldBy(this.settings.identity())) {
			logger.info("Leader election on Lease {}: {}", this.lock.describe(),
					record.isHeld() ? "the leader is " + record.holderIdentity() : "released, nobody leads");
		}
	}

	private static String describe(ApiException ex) {
		if (ex.getCode() != 0) {
			return "HTTP " + ex.getCode();
		}
		Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
		return cause.getClass().getSimpleName() + ": " + cause.getMessage();
	}

	/** client-go's {@code wait.Jitter(period, 1.2)}: period plus up to 1.2 x period. */
	static long jittered(Duration period) {
		long nanos = period.toNanos();
		return nanos + (long) (ThreadLocalRandom.current().nextDouble() * JITTER_FACTOR * nanos);
	}

	/** Sleeps until the given time; false as soon as the elector is stopped. */
	private boolean awaitUntil(long whenNanos) {
		synchronized (this.monitor) {
			while (this.running) {
				long left = whenNanos - System.nanoTime();
				if (left <= 0) {
					return true;
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.monitor, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
			return false;
		}
	}

	@Override
	public String leaseNamespace() {
		return this.settings.leaseNamespace();
	}

	@Override
	public String leaseName() {
		return this.settings.leaseName();
	}

	@Override
	public String identity() {
		return this.settings.identity();
	}

	@Override
	public boolean isLeader() {
		return this.leading && this.leadingUntilNanos - System.nanoTime() > 0;
	}

	@Override
	public @Nullable String holder() {
		LeaderElectionRecord record = this.observedRecord;
		return (record != null && record.isHeld()) ? record.holderIdentity() : null;
	}

	@Override
	public @Nullable Instant acquiredAt() {
		LeaderElectionRecord record = this.observedRecord;
		return (record != null && record.acquireTime() != null) ? record.acquireTime().toInstant() : null;
	}

	@Override
	public @Nullable Instant renewedAt() {
		LeaderElectionRecord record = this.observedRecord;
		return (record != null && record.renewTime() != null) ? record.renewTime().toInstant() : null;
	}

	@Override
	public int transitions() {
		LeaderElectionRecord record = this.observedRecord;
		return (record != null) ? record.leaderTransitions() : 0;
	}

	@Override
	public @Nullable String lastError() {
		return this.lastError;
	}

	/**
	 * How long the revoked event's listeners may still take to stop leader-only work: until renew-deadline has
	 * passed since the last successful renewal, less a small margin. Meant to be read by those listeners.
	 * @return the time left, zero when none
	 */
	public Duration stopTimeLeft() {
		long margin = Math.min(TimeUnit.MILLISECONDS.toNanos(50), this.settings.stopBudget().toNanos() / 10);
		return Duration.ofNanos(Math.max(0, renewDeadlineNanos() - margin - System.nanoTime()));
	}

	@Override
	public String toString() {
		return "LeaderElector[" + this.lock.describe() + " as " + this.settings.identity() + "]";
	}

	private enum Outcome {

		SUCCESS, HELD_BY_OTHER, FAILED

	}

	/**
	 * Validated leader election settings.
	 *
	 * @param leaseNamespace the Lease's namespace
	 * @param leaseName the Lease's name
	 * @param identity this replica's holder identity
	 * @param leaseDuration how long standbys wait after the record last changed (whole seconds are written)
	 * @param renewDeadline how long the leader leads without a successful renewal
	 * @param retryPeriod how often the leader renews and standbys try
	 * @param releaseOnShutdown whether a clean shutdown releases the Lease
	 */
	public record Settings(String leaseNamespace, String leaseName, String identity, Duration leaseDuration,
			Duration renewDeadline, Duration retryPeriod, boolean releaseOnShutdown) {

		public Settings {
			if (leaseDuration.compareTo(renewDeadline) <= 0 || renewDeadline.toNanos() <= (long) (JITTER_FACTOR
					* retryPeriod.toNanos()) || retryPeriod.isNegative() || retryPeriod.isZero()
					|| leaseDuration.compareTo(Duration.ofSeconds(1)) < 0) {
				throw new IllegalArgumentException("Leader election needs lease-duration (at least 1s) > renew-deadline"
						+ " > 1.2 x retry-period > 0, got " + leaseDuration + ", " + renewDeadline + ", "
						+ retryPeriod);
			}
		}

		int leaseDurationSeconds() {
			return (int) this.leaseDuration.toSeconds();
		}

		/**
		 * What the revoked event's listeners get before the renew deadline: half of what renew-deadline leaves after
		 * the first renewal attempt, at most one retry-period.
		 */
		Duration stopBudget() {
			Duration half = this.renewDeadline.minus(this.retryPeriod).dividedBy(2);
			return (half.compareTo(this.retryPeriod) < 0) ? half : this.retryPeriod;
		}

		/** How long after a renewal was sent this replica may lead without another. */
		Duration leadingFor() {
			return this.renewDeadline.minus(stopBudget());
		}

	}

}
