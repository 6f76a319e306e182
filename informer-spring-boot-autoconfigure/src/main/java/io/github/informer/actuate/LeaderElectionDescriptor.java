package io.github.informer.actuate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.informer.leader.LeaderElection;
import org.jspecify.annotations.Nullable;

/**
 * The {@code leaderElection} object of the {@code informers} endpoint: this replica's view of the Lease.
 *
 * @param enabled whether leader election is on ({@code kubernetes.informers.leader-election.enabled})
 * @param lease the Lease, {@code null} when disabled
 * @param identity this replica's holder identity
 * @param leader whether this replica leads now
 * @param holder the holder last seen on the Lease, {@code null} for none
 * @param acquiredAt the Lease's acquireTime last seen
 * @param renewedAt the Lease's renewTime last seen
 * @param transitions the Lease's leaseTransitions last seen
 * @param lastError the last failure to read or write the Lease, {@code null} since the last success
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record LeaderElectionDescriptor(boolean enabled, @Nullable Lease lease, @Nullable String identity,
		boolean leader, @Nullable String holder, @Nullable String acquiredAt, @Nullable String renewedAt,
		int transitions, @Nullable String lastError) {

	static LeaderElectionDescriptor of(@Nullable LeaderElection election) {
		if (election == null) {
			return new LeaderElectionDescriptor(false, null, null, false, null, null, null, 0, null);
		}
		return new LeaderElectionDescriptor(true, new Lease(election.leaseNamespace(), election.leaseName()),
				election.identity(), election.isLeader(), election.holder(), Descriptors.format(election.acquiredAt()),
				Descriptors.format(election.renewedAt()), election.transitions(), election.lastError());
	}

	/**
	 * The Lease the replicas share.
	 *
	 * @param namespace its namespace
	 * @param name its name
	 */
	public record Lease(String namespace, String name) {
	}

}
