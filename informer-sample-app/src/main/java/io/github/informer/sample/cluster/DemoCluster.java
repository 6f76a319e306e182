package io.github.informer.sample.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;
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
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import org.jspecify.annotations.Nullable;

/**
 * The demo objects the embedded cluster starts with: 3 nodes, 4 deployments in 2 namespaces and their 9 pods, one of
 * them still waiting for a node, so {@code shop/payments} starts with 1 of 2 replicas available; and, with their
 * CustomResourceDefinition, two Websites ({@code web/docs}, {@code web/status}) for the sample's controller.
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

	/**
	 * The demo Websites and their namespace, created after {@link #customResourceDefinitions()}.
	 * @return new objects
	 */
	public static List<KubernetesObject> websites() {
		return List.of(namespace("web"), website("web", "docs", "<h1>Shop documentation</h1>", "nginx:1.27", 2),
				website("web", "status", "<h1>All systems operational</h1>", "nginx:1.27-alpine", 1));
	}

	/**
	 * The CustomResourceDefinitions the demo objects need, created before them: the Website CRD from
	 * {@code deploy/website-crd.yaml} (copied into the jar by the build).
	 * @return the YAML text
	 */
	public static String customResourceDefinitions() {
		try (InputStream crd = DemoCluster.class.getResourceAsStream("/deploy/website-crd.yaml")) {
			if (crd == null) {
				throw new IllegalStateException("deploy/website-crd.yaml is missing from the classpath; build the "
						+ "sample with Maven, which copies it from deploy/");
			}
			return new String(crd.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A Website custom resource, reconciled by the sample's controller into a ConfigMap and a Deployment.
	 * @param namespace the namespace
	 * @param name the name
	 * @param content the page
	 * @param image the web server image
	 * @param replicas the replicas
	 * @return a new Website object
	 */
	public static DynamicKubernetesObject website(String namespace, String name, String content, String image,
			int replicas) {
		JsonObject metadata = new JsonObject();
		metadata.addProperty("namespace", namespace);
		metadata.addProperty("name", name);
		JsonObject spec = new JsonObject();
		spec.addProperty("content", content);
		spec.addProperty("image", image);
		spec.addProperty("replicas", replicas);
		JsonObject website = new JsonObject();
		website.addProperty("apiVersion", "sample.informer.io/v1");
		website.addProperty("kind", "Website");
		website.add("metadata", metadata);
		website.add("spec", spec);
		return new DynamicKubernetesObject(website);
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
