package io.github.informer.leader;

import org.springframework.context.ApplicationEvent;

/**
 * Published (synchronously, on the elector's thread) when this replica acquires the Lease. Leader-only work starts
 * from this event.
 */
public final class LeadershipGrantedEvent extends ApplicationEvent {

	private final String leaseNamespace;

	private final String leaseName;

	private final String identity;

	/**
	 * Create the event.
	 * @param source the elector that publishes it
	 * @param leaseNamespace the Lease's namespace
	 * @param leaseName the Lease's name
	 * @param identity this replica's identity, now the holder
	 */
	public LeadershipGrantedEvent(Object source, String leaseNamespace, String leaseName, String identity) {
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
