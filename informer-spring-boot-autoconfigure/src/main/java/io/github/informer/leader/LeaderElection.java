package io.github.informer.leader;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * This replica's view of the leader election, for the endpoint, metrics and application code: a bean when
 * {@code kubernetes.informers.leader-election.enabled=true}. Values are read without locking and may be a moment
 * apart from each other.
 */
public interface LeaderElection {

	/**
	 * The Lease's namespace.
	 * @return the namespace
	 */
	String leaseNamespace();

	/**
	 * The Lease's name.
	 * @return the name
	 */
	String leaseName();

	/**
	 * This replica's identity (the {@code holderIdentity} it writes).
	 * @return the identity
	 */
	String identity();

	/**
	 * Whether this replica leads now: it holds the Lease and its last successful renewal is recent enough that no
	 * other replica can have taken over. Leader-only code that writes can check this right before each write.
	 * @return whether this replica leads
	 */
	boolean isLeader();

	/**
	 * The holder last seen on the Lease (this replica's identity while it leads).
	 * @return the holder, or {@code null} when the Lease was not read yet or nobody holds it
	 */
	@Nullable String holder();

	/**
	 * The Lease's {@code acquireTime} last seen.
	 * @return the time, or {@code null}
	 */
	@Nullable Instant acquiredAt();

	/**
	 * The Lease's {@code renewTime} last seen.
	 * @return the time, or {@code null}
	 */
	@Nullable Instant renewedAt();

	/**
	 * The Lease's {@code leaseTransitions} last seen: how many times it changed holders.
	 * @return the count
	 */
	int transitions();

	/**
	 * The last failure to read or write the Lease: exception class and message, cleared by the next success.
	 * @return the error, or {@code null}
	 */
	@Nullable String lastError();

}
