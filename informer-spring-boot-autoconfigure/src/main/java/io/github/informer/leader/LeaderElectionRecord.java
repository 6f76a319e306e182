package io.github.informer.leader;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

import io.kubernetes.client.openapi.models.V1LeaseSpec;
import org.jspecify.annotations.Nullable;

/**
 * The election state a Lease's spec holds, as client-go's {@code resourcelock.LeaderElectionRecord}: the same fields,
 * read and written the way its {@code LeaseLock} does, so that replicas of this starter and Go controllers can share
 * one Lease. Times are written with microsecond precision (a Lease's times are {@code MicroTime}).
 *
 * @param holderIdentity the holder, empty when nobody holds the Lease
 * @param leaseDurationSeconds how long standbys wait, from when they last saw the record change, before taking over
 * @param acquireTime when the holder acquired the Lease
 * @param renewTime when the holder last renewed it
 * @param leaderTransitions how many times the Lease changed holders
 * @param strategy kept as found (coordinated leader election)
 * @param preferredHolder kept as found (coordinated leader election)
 */
record LeaderElectionRecord(String holderIdentity, int leaseDurationSeconds, @Nullable OffsetDateTime acquireTime,
		@Nullable OffsetDateTime renewTime, int leaderTransitions, @Nullable String strategy,
		@Nullable String preferredHolder) {

	static LeaderElectionRecord of(@Nullable V1LeaseSpec spec) {
		if (spec == null) {
			return new LeaderElectionRecord("", 0, null, null, 0, null, null);
		}
		return new LeaderElectionRecord(Objects.requireNonNullElse(spec.getHolderIdentity(), ""),
				Objects.requireNonNullElse(spec.getLeaseDurationSeconds(), 0), spec.getAcquireTime(),
				spec.getRenewTime(), Objects.requireNonNullElse(spec.getLeaseTransitions(), 0), spec.getStrategy(),
				spec.getPreferredHolder());
	}

	V1LeaseSpec toSpec() {
		return new V1LeaseSpec().holderIdentity(this.holderIdentity)
			.leaseDurationSeconds(this.leaseDurationSeconds)
			.acquireTime(this.acquireTime)
			.renewTime(this.renewTime)
			.leaseTransitions(this.leaderTransitions)
			.strategy(this.strategy)
			.preferredHolder(this.preferredHolder);
	}

	boolean isHeld() {
		return !this.holderIdentity.isEmpty();
	}

	boolean isHeldBy(String identity) {
		return this.holderIdentity.equals(identity);
	}

	/** The current time as a Lease holds it: UTC, whole microseconds. */
	static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
	}

}
