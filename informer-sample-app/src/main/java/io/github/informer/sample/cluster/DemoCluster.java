package io.github.informer.sample.cluster;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeStatus;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import org.jspecify.annotations.Nullable;

/**
 * The demo objects the embedded cluster starts with: 3 nodes, 4 deployments in 2 namespaces and their 9 pods, one of
 * them still waiting for a node, so {@code shop/payments} starts with 1 of 2 replicas available.
 */
public final class DemoCluster {

	/** Label tying a pod to its deployment (the deployments' selector). */
	static final String APP_LABEL = "app";

	private DemoCluster() {
	}

	/**
	 * The demo objects, in an order a real cluster could have created them.
	 * @return new model objects
	 */
	public static List<KubernetesObject> objects() {
		List<KubernetesObject> objects = new ArrayList<>();
		objects.add(namespace("shop"));
		objects.add(namespace("kube-system"));
		for (String node : List.of("node-1", "node-2", "node-3")) {
			objects.add(node(node));
		}
		objects.add(deployment("shop", "frontend", "ghcr.io/example/frontend:2.4.1", 8080, 3, 3));
		objects.add(deployment("shop", "checkout", "ghcr.io/example/checkout:1.9.0", 8080, 2, 2));
		objects.add(deployment("shop", "payments", "ghcr.io/example/payments:3.0.2", 8443, 2, 1));
		objects.add(deployment("kube-system", "coredns", "registry.k8s.io/coredns/coredns:v1.12.1", 53, 2, 2));
		objects.add(pod("shop", "frontend-6f7c9d8b5-7kq2x", "frontend", "ghcr.io/example/frontend:2.4.1", "node-1"));
		objects.add(pod("shop", "frontend-6f7c9d8b5-m4v8r", "frontend", "ghcr.io/example/frontend:2.4.1", "node-2"));
		objects.add(pod("shop", "frontend-6f7c9d8b5-zx9tp", "frontend", "ghcr.io/example/frontend:2.4.1", "node-3"));
		objects.add(pod("shop", "checkout-84d5b7c6f-2hn6w", "checkout", "ghcr.io/example/checkout:1.9.0", "node-1"));
		objects.add(pod("shop", "checkout-84d5b7c6f-q8l3d", "checkout", "ghcr.io/example/checkout:1.9.0", "node-2"));
		objects.add(pod("shop", "payments-5c9f6d7b8-w2jfk", "payments", "ghcr.io/example/payments:3.0.2", "node-3"));
		objects.add(pod("shop", "payments-5c9f6d7b8-b7tcs", "payments", "ghcr.io/example/payments:3.0.2", null));
		objects.add(pod("kube-system", "coredns-7db6d8ff4d-4hx7m", "coredns", "registry.k8s.io/coredns/coredns:v1.12.1",
				"node-1"));
		objects.add(pod("kube-system", "coredns-7db6d8ff4d-s9c2n", "coredns", "registry.k8s.io/coredns/coredns:v1.12.1",
				"node-2"));
		return objects;
	}

	private static V1Namespace namespace(String name) {
		return new V1Namespace().apiVersion("v1").kind("Namespace").metadata(new V1ObjectMeta().name(name));
	}

	private static V1Node node(String name) {
		return new V1Node().apiVersion("v1")
			.kind("Node")
			.metadata(new V1ObjectMeta().name(name)
				.labels(Map.of("kubernetes.io/hostname", name, "kubernetes.io/os", "linux",
						"topology.kubernetes.io/zone", "zone-" + name.charAt(name.length() - 1))))
			.status(new V1NodeStatus()
				.capacity(Map.of("cpu", Quantity.fromString("4"), "memory", Quantity.fromString("16Gi"), "pods",
						Quantity.fromString("110"))));
	}

	private static V1Deployment deployment(String namespace, String name, String image, int port, int replicas,
			int available) {
		Map<String, String> labels = Map.of(APP_LABEL, name);
		V1Deployment deployment = new V1Deployment().apiVersion("apps/v1")
			.kind("Deployment")
			.metadata(new V1ObjectMeta().name(name).namespace(namespace).labels(labels))
			.spec(new V1DeploymentSpec().replicas(replicas)
				.selector(new V1LabelSelector().matchLabels(labels))
				.template(new V1PodTemplateSpec().metadata(new V1ObjectMeta().labels(labels))
					.spec(podSpec(name, image, port, null))));
		Workloads.setAvailability(deployment, replicas, available);
		return deployment;
	}

	private static V1Pod pod(String namespace, String name, String app, String image, @Nullable String node) {
		V1Pod pod = new V1Pod().apiVersion("v1")
			.kind("Pod")
			.metadata(new V1ObjectMeta().name(name).namespace(namespace).labels(Map.of(APP_LABEL, app)))
			.spec(podSpec(app, image, 8080, node));
		return (node != null) ? Workloads.running(pod, node, started()) : Workloads.pending(pod);
	}

	private static V1PodSpec podSpec(String container, String image, int port, @Nullable String node) {
		return new V1PodSpec().nodeName(node)
			.containers(List.of(new V1Container().name(container)
				.image(image)
				.ports(List.of(new V1ContainerPort().containerPort(port)))
				.resources(new V1ResourceRequirements()
					.requests(Map.of("cpu", Quantity.fromString("100m"), "memory", Quantity.fromString("128Mi"))))));
	}

	private static OffsetDateTime started() {
		return OffsetDateTime.now(ZoneOffset.UTC).withNano(0).minusHours(1);
	}

}
