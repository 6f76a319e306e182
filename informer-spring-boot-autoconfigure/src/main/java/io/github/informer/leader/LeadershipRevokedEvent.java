package io.github.informer.leader;

import org.springframework.context.ApplicationEvent;

/**
 * Published (synchronously, on the elector's thread) when this replica stops leading: the renew deadline passed,
 * another holder was observed, or the application shuts down. Listeners stop leader-only work before returning, so
 * that it has stopped before another replica can acquire the Lease.
 */
public final class LeadershipRevokedEvent extends ApplicationEvent {

	private final String leaseNamespace;

	private final String leaseName;

	private final String identity;

	/**
	 * Create the event.
	 * @param source the elector that publishes it
	 * @param leaseNamespace the Lease's namespace
	 * @param leaseName the Lease's name
	 * @param identity this replica's identity, no longer the holder
	 */
	public LeadershipRevokedEvent(Object source, String leaseNamespace, String leaseName, String identity) {
		super(source);
		this.leaseNamespace = leaseNamespace;
		this.leaseName = leaseName;
		this.identity = identity;
	}

	public String getLeaseNamespace() {
		return this.leaseNamespace;
	}

	public String getLeaseName() {
		return this.leaseName;
	}

	public String getIdentity() {
		return this.identity;
	}

}
