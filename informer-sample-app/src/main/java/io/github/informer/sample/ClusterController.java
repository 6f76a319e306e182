package io.github.informer.sample;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.github.informer.registry.Informers;
import io.kubernetes.client.informer.cache.Lister;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Answers from the informers' caches: no request reaches the API server. Pods per node come from the
 * {@code by-node} index configured in {@code application.yaml} ({@code spec.nodeName}).
 */
@RestController
@RequestMapping("/api")
public class ClusterController {

	private static final String PODS = "pods";

	private static final String BY_NODE = "by-node";

	private final Lister<V1Pod> pods;

	private final Lister<V1Node> nodes;

	private final Lister<V1Deployment> deployments;

	private final Informers informers;

	public ClusterController(Lister<V1Pod> pods, Lister<V1Node> nodes, Lister<V1Deployment> deployments,
			Informers informers) {
		this.pods = pods;
		this.nodes = nodes;
		this.deployments = deployments;
		this.informers = informers;
	}

	/** How many pods each node runs (every node, also the empty ones), and how many pods wait for a node. */
	@GetMapping("/pods-per-node")
	public PodsPerNode podsPerNode() {
		Map<String, Integer> perNode = new TreeMap<>();
		for (V1Node node : this.nodes.list()) {
			String name = node.getMetadata().getName();
			perNode.put(name, this.informers.byIndex(PODS, BY_NODE, name).size());
		}
		int unscheduled = (int) this.pods.list().stream().filter((pod) -> Kubernetes.nodeName(pod) == null).count();
		return new PodsPerNode(perNode, unscheduled);
	}

	/** The pods bound to one node; 404 when the node is unknown. */
	@GetMapping("/nodes/{node}/pods")
	public List<PodSummary> podsOnNode(@PathVariable String node) {
		if (this.nodes.get(node) == null) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No node named " + node);
		}
		List<V1Pod> onNode = this.informers.byIndex(PODS, BY_NODE, node);
		return onNode.stream()
			.map(PodSummary::of)
			.sorted(Comparator.comparing(PodSummary::namespace).thenComparing(PodSummary::name))
			.toList();
	}

	/** Deployments with fewer available replicas than desired, by namespace and name. */
	@GetMapping("/deployments/unavailable")
	public List<DeploymentAvailability> unavailableDeployments() {
		return this.deployments.list()
			.stream()
			.filter(Kubernetes::notFullyAvailable)
			.map(DeploymentAvailability::of)
			.sorted(Comparator.comparing(DeploymentAvailability::namespace)
				.thenComparing(DeploymentAvailability::name))
			.toList();
	}

	/**
	 * Pod counts per node.
	 * @param nodes pods bound to each node, by node name
	 * @param unscheduled pods not bound to any node yet
	 */
	public record PodsPerNode(Map<String, Integer> nodes, int unscheduled) {
	}

	/**
	 * A pod without its contents.
	 * @param namespace the namespace
	 * @param name the name
	 * @param phase {@code status.phase}, {@code null} when not reported yet
	 */
	public record PodSummary(String namespace, String name, @Nullable String phase) {

		static PodSummary of(V1Pod pod) {
			return new PodSummary(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
					Kubernetes.phase(pod));
		}

	}

	/**
	 * A deployment's availability.
	 * @param namespace the namespace
	 * @param name the name
	 * @param replicas desired replicas
	 * @param availableReplicas available replicas
	 */
	public record DeploymentAvailability(String namespace, String name, int replicas, int availableReplicas) {

		static DeploymentAvailability of(V1Deployment deployment) {
			return new DeploymentAvailability(deployment.getMetadata().getNamespace(),
					deployment.getMetadata().getName(), Kubernetes.desiredReplicas(deployment),
					Kubernetes.availableReplicas(deployment));
		}

	}

}
