package io.github.informer.actuate;

import java.util.Map;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The body of {@code GET /actuator/informers}.
 *
 * @param informers every informer by name, in configuration order
 * @param leaderElection this replica's view of the leader election ({@code enabled: false} when off)
 * @param controllers every {@code @KubernetesReconciler} controller by name
 */
public record InformersDescriptor(Map<String, InformerDescriptor> informers,
		LeaderElectionDescriptor leaderElection, Map<String, ControllerDescriptor> controllers)
		implements OperationResponseBody {

	/**
	 * The body without controllers.
	 * @param informers every informer by name
	 * @param leaderElection this replica's view of the leader election
	 */
	public InformersDescriptor(Map<String, InformerDescriptor> informers, LeaderElectionDescriptor leaderElection) {
		this(informers, leaderElection, Map.of());
	}

}
