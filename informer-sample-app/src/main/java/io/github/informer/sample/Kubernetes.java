package io.github.informer.sample;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1DeploymentStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import org.jspecify.annotations.Nullable;

/** Null-safe reads of the few model fields the sample uses; client-java models leave every field nullable. */
final class Kubernetes {

	private Kubernetes() {
	}

	/** {@code namespace/name}, or {@code name} for cluster-scoped objects. */
	static String key(KubernetesObject object) {
		V1ObjectMeta metadata = object.getMetadata();
		String namespace = metadata.getNamespace();
		return (namespace != null && !namespace.isEmpty()) ? namespace + "/" + metadata.getName()
				: metadata.getName();
	}

	static @Nullable String phase(@Nullable V1Pod pod) {
		return (pod != null && pod.getStatus() != null) ? pod.getStatus().getPhase() : null;
	}

	static @Nullable String nodeName(V1Pod pod) {
		return (pod.getSpec() != null) ? pod.getSpec().getNodeName() : null;
	}

	/** Desired replicas: {@code spec.replicas}, which the API server defaults to 1. */
	static int desiredReplicas(V1Deployment deployment) {
		V1DeploymentSpec spec = deployment.getSpec();
		return (spec != null && spec.getReplicas() != null) ? spec.getReplicas() : 1;
	}

	static int availableReplicas(V1Deployment deployment) {
		V1DeploymentStatus status = deployment.getStatus();
		return (status != null && status.getAvailableReplicas() != null) ? status.getAvailableReplicas() : 0;
	}

	/** Whether fewer replicas are available than desired. */
	static boolean notFullyAvailable(V1Deployment deployment) {
		return availableReplicas(deployment) < desiredReplicas(deployment);
	}

}
