package io.github.informer.sample.cluster;

import java.time.OffsetDateTime;
import java.util.List;

import io.kubernetes.client.openapi.models.V1ContainerState;
import io.kubernetes.client.openapi.models.V1ContainerStateRunning;
import io.kubernetes.client.openapi.models.V1ContainerStateTerminated;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentStatus;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodCondition;
import io.kubernetes.client.openapi.models.V1PodStatus;

/**
 * The status a kubelet and the deployment controller would write; the fake API server runs no controllers, so the
 * demo objects and the simulated workload set it themselves.
 */
final class Workloads {

	static final String PENDING = "Pending";

	static final String RUNNING = "Running";

	static final String FAILED = "Failed";

	private Workloads() {
	}

	static V1Pod pending(V1Pod pod) {
		pod.getSpec().setNodeName(null);
		return pod.status(new V1PodStatus().phase(PENDING)
			.conditions(List.of(new V1PodCondition().type("PodScheduled")
				.status("False")
				.reason("Unschedulable")
				.message("0/3 nodes are available: insufficient cpu"))));
	}

	static V1Pod running(V1Pod pod, String node, OffsetDateTime startedAt) {
		pod.getSpec().setNodeName(node);
		String container = pod.getSpec().getContainers().get(0).getName();
		String image = pod.getSpec().getContainers().get(0).getImage();
		char nodeNumber = node.charAt(node.length() - 1);
		int host = Math.floorMod(pod.getMetadata().getName().hashCode(), 250) + 2;
		return pod.status(new V1PodStatus().phase(RUNNING)
			.hostIP("10.0.0." + nodeNumber)
			.podIP("10.244." + nodeNumber + "." + host)
			.startTime(startedAt)
			.conditions(List.of(new V1PodCondition().type("PodScheduled").status("True"),
					new V1PodCondition().type("Ready").status("True")))
			.containerStatuses(List.of(new V1ContainerStatus().name(container)
				.image(image)
				.imageID(image)
				.ready(true)
				.started(true)
				.restartCount(0)
				.state(new V1ContainerState().running(new V1ContainerStateRunning().startedAt(startedAt))))));
	}

	static V1Pod failed(V1Pod pod, OffsetDateTime at) {
		V1PodStatus status = pod.getStatus();
		status.phase(FAILED)
			.conditions(List.of(new V1PodCondition().type("PodScheduled").status("True"),
					new V1PodCondition().type("Ready").status("False").reason("PodFailed")));
		if (status.getContainerStatuses() != null) {
			for (V1ContainerStatus container : status.getContainerStatuses()) {
				container.ready(false)
					.started(false)
					.state(new V1ContainerState().terminated(
							new V1ContainerStateTerminated().exitCode(137).reason("OOMKilled").finishedAt(at)));
			}
		}
		return pod;
	}

	static void setAvailability(V1Deployment deployment, int pods, int available) {
		Integer desired = deployment.getSpec().getReplicas();
		int replicas = (desired != null) ? desired : 1;
		Long generation = deployment.getMetadata().getGeneration();
		deployment.status(new V1DeploymentStatus().observedGeneration((generation != null) ? generation : 1L)
			.replicas(pods)
			.updatedReplicas(pods)
			.readyReplicas(available)
			.availableReplicas(available)
			.unavailableReplicas((replicas > available) ? replicas - available : null));
	}

}
