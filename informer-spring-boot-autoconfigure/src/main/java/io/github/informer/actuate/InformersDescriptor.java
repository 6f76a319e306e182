package io.github.informer.actuate;

import java.util.Map;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The body of {@code GET /actuator/informers}.
 *
 * @param informers every informer by name, in configuration order
 * @param leaderElection this replica's view of the leader election ({@code enabled: false} when off)
 */
public record InformersDescriptor(Map<String, InformerDescriptor> informers,
		LeaderElectionDescriptor leaderElection) implements OperationResponseBody {

}
