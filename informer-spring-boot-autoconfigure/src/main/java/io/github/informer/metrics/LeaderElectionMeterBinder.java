package io.github.informer.metrics;

import io.github.informer.leader.LeaderElection;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Leader election meters, tagged {@code lease} ({@code namespace/name}): {@code informer.leader} (1 while this
 * replica leads, else 0) and {@code informer.leader.transitions} (the Lease's {@code leaseTransitions} as last seen,
 * the same on every replica, so its rate shows how often leadership moves).
 */
public class LeaderElectionMeterBinder implements MeterBinder {

	private final LeaderElection leaderElection;

	/**
	 * Create a binder.
	 * @param leaderElection the leader election
	 */
	public LeaderElectionMeterBinder(LeaderElection leaderElection) {
		this.leaderElection = leaderElection;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Tags tags = Tags.of("lease", this.leaderElection.leaseNamespace() + "/" + this.leaderElection.leaseName());
		Gauge.builder("informer.leader", this.leaderElection, (election) -> election.isLeader() ? 1 : 0)
			.tags(tags)
			.description("Whether this replica leads (1) or stands by (0)")
			.register(registry);
		FunctionCounter.builder("informer.leader.transitions", this.leaderElection, LeaderElection::transitions)
			.tags(tags)
			.description("How many times the Lease changed holders (its leaseTransitions)")
			.register(registry);
	}

}
