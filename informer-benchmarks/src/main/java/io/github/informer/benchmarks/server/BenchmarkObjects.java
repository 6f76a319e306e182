package io.github.informer.benchmarks.server;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.kubernetes.client.custom.IntOrString;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1ContainerState;
import io.kubernetes.client.openapi.models.V1ContainerStateRunning;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1HTTPGetAction;
import io.kubernetes.client.openapi.models.V1HostIP;
import io.kubernetes.client.openapi.models.V1KeyToPath;
import io.kubernetes.client.openapi.models.V1ManagedFieldsEntry;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1OwnerReference;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodCondition;
import io.kubernetes.client.openapi.models.V1PodIP;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1ProjectedVolumeSource;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import io.kubernetes.client.openapi.models.V1ServiceAccountTokenProjection;
import io.kubernetes.client.openapi.models.V1Toleration;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V1VolumeMount;
import io.kubernetes.client.openapi.models.V1VolumeProjection;
import io.kubernetes.client.openapi.models.V1ConfigMapProjection;
import io.kubernetes.client.openapi.models.V1DownwardAPIProjection;
import io.kubernetes.client.openapi.models.V1DownwardAPIVolumeFile;
import io.kubernetes.client.openapi.models.V1ObjectFieldSelector;

/**
 * Objects shaped like a real cluster's: Pods of Deployments with managed fields, status, labels and the
 * {@code kubectl.kubernetes.io/last-applied-configuration} annotation (3 to 6 KB of JSON each), names, nodes and images
 * drawn from small sets as in a real cluster, and small ConfigMaps. Deterministic for a given seed.
 */
public final class BenchmarkObjects {

	/** The annotation the API server JVM stamps with the wall-clock time of each write, in epoch microseconds. */
	public static final String WRITTEN_AT = "benchmarks.informer.github.io/written-at";

	public static final String LAST_APPLIED = "kubectl.kubernetes.io/last-applied-configuration";

	private static final String[] APPS = { "checkout", "payments", "catalog", "search", "frontend", "orders",
			"inventory", "shipping", "auth", "notifications", "recommendations", "reviews" };

	private static final String[] TEAMS = { "commerce", "platform", "growth", "identity" };

	private static final String[] IMAGES = { "registry.example.com/shop/%s:1.24.3", "registry.example.com/shop/%s:1.25.0",
			"registry.example.com/shop/%s:2.0.1" };

	private static final String[] SIDECARS = { "docker.io/envoyproxy/envoy:v1.31.2", "docker.io/fluent/fluent-bit:3.1.9" };

	private static final int NODES = 50;

	private static final OffsetDateTime EPOCH = OffsetDateTime.of(2026, 11, 1, 8, 0, 0, 0, ZoneOffset.UTC);

	private final SplittableRandom random;

	public BenchmarkObjects(long seed) {
		this.random = new SplittableRandom(seed);
	}

	/** {@code count} realistic Pods in {@code namespace}. */
	public List<V1Pod> pods(String namespace, int count) {
		List<V1Pod> pods = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			pods.add(pod(namespace, i));
		}
		return pods;
	}

	/** {@code count} small ConfigMaps (about 300 bytes of JSON each) in {@code namespace}. */
	public List<V1ConfigMap> configMaps(String namespace, int count) {
		List<V1ConfigMap> maps = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String app = APPS[i % APPS.length];
			maps.add(WireShape.omitEmptyCollections(new V1ConfigMap().apiVersion("v1")
				.kind("ConfigMap")
				.metadata(new V1ObjectMeta().name(app + "-config-" + i)
					.namespace(namespace)
					.labels(Map.of("app", app)))
				.data(Map.of("LOG_LEVEL", "info", "FEATURE_FLAGS", "checkout-v2,fast-search", "REPLICA",
						Integer.toString(i)))));
		}
		return maps;
	}

	/** One realistic Pod: the {@code index}-th replica-set member of one of a dozen Deployments. */
	public V1Pod pod(String namespace, int index) {
		String app = APPS[index % APPS.length];
		String hash = templateHash(app);
		String name = podName(index);
		String node = "node-pool-a-" + hash(index % NODES, 4) + "-" + (index % NODES);
		// a mix as in a real namespace: 2 in 5 Pods are batch workers (no ports, no probes), 1 in 5 has a sidecar
		boolean batch = index % 5 < 2;
		int sidecars = (index % 5 == 4) ? 1 : 0;
		String image = String.format(IMAGES[this.random.nextInt(IMAGES.length)], app);
		OffsetDateTime created = EPOCH.plusSeconds(index);
		Map<String, String> labels = new LinkedHashMap<>();
		labels.put("app", app);
		labels.put("app.kubernetes.io/name", app);
		labels.put("pod-template-hash", hash);
		labels.put("team", TEAMS[index % TEAMS.length]);
		labels.put("version", image.substring(image.lastIndexOf(':') + 1));
		List<V1Container> containers = new ArrayList<>();
		containers.add(batch ? batchContainer(app, image) : appContainer(app, image, sidecars == 0));
		for (int s = 0; s < sidecars; s++) {
			containers.add(sidecar());
		}
		V1PodSpec spec = new V1PodSpec().containers(containers)
			.nodeName(node)
			.serviceAccountName(app)
			.restartPolicy("Always")
			.dnsPolicy("ClusterFirst")
			.schedulerName("default-scheduler")
			.terminationGracePeriodSeconds(30L)
			.enableServiceLinks(true)
			.preemptionPolicy("PreemptLowerPriority")
			.priority(0)
			.tolerations(List.of(toleration("node.kubernetes.io/not-ready"), toleration("node.kubernetes.io/unreachable")))
			.volumes(List.of(apiAccessVolume(hash(index, 5))));
		Map<String, String> annotations = new LinkedHashMap<>();
		if (!batch) {
			annotations.put("prometheus.io/scrape", "true");
			annotations.put("prometheus.io/port", "9090");
		}
		annotations.put(LAST_APPLIED, lastApplied(name, namespace, labels, containers));
		V1ObjectMeta metadata = new V1ObjectMeta().name(name)
			.generateName(app + "-" + hash + "-")
			.namespace(namespace)
			.labels(labels)
			.annotations(annotations)
			.creationTimestamp(created)
			.ownerReferences(List.of(new V1OwnerReference().apiVersion("apps/v1")
				.kind("ReplicaSet")
				.name(app + "-" + hash)
				.uid(uid(app.hashCode()))
				.controller(true)
				.blockOwnerDeletion(true)))
			.managedFields(managedFields(created, containers));
		V1Pod pod = new V1Pod().apiVersion("v1").kind("Pod").metadata(metadata).spec(spec).status(status(index, created, containers));
		return WireShape.omitEmptyCollections(pod);
	}

	/** The name of the {@code index}-th Pod: its Deployment's name, template hash and a unique suffix. */
	static String podName(int index) {
		String app = APPS[index % APPS.length];
		return app + "-" + templateHash(app) + "-" + suffix(index);
	}

	private static String templateHash(String app) {
		return hash(app.hashCode() & 0xfffffff, 10);
	}

	/** The JSON size of an object as the API server sends it. */
	public static int jsonSize(Object object) {
		return JSON.serialize(object).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
	}

	private V1Container batchContainer(String app, String image) {
		return new V1Container().name(app)
			.image(image)
			.imagePullPolicy("IfNotPresent")
			.args(List.of("--batch", "--shard=" + this.random.nextInt(64)))
			.env(List.of(new V1EnvVar().name("SPRING_PROFILES_ACTIVE").value("production")))
			.resources(new V1ResourceRequirements().requests(Map.of("cpu", new Quantity("500m"), "memory",
					new Quantity("1Gi"))))
			.volumeMounts(List.of(new V1VolumeMount().name("kube-api-access")
				.mountPath("/var/run/secrets/kubernetes.io/serviceaccount")
				.readOnly(true)))
			.terminationMessagePath("/dev/termination-log")
			.terminationMessagePolicy("File");
	}

	private V1Container appContainer(String app, String image, boolean extraEnv) {
		List<V1EnvVar> env = new ArrayList<>();
		env.add(new V1EnvVar().name("SPRING_PROFILES_ACTIVE").value("production"));
		env.add(new V1EnvVar().name("OTEL_EXPORTER_OTLP_ENDPOINT").value("http://otel-collector.observability:4317"));
		int extra = extraEnv ? this.random.nextInt(4) : 0;
		for (int i = 0; i < extra; i++) {
			env.add(new V1EnvVar().name(app.toUpperCase() + "_SETTING_" + i).value("value-" + this.random.nextInt(1000)));
		}
		return new V1Container().name(app)
			.image(image)
			.imagePullPolicy("IfNotPresent")
			.ports(List.of(new V1ContainerPort().name("http").containerPort(8080).protocol("TCP"),
					new V1ContainerPort().name("metrics").containerPort(9090).protocol("TCP")))
			.env(env)
			.resources(new V1ResourceRequirements()
				.requests(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("512Mi")))
				.limits(Map.of("memory", new Quantity("1Gi"))))
			.readinessProbe(probe("/actuator/health/readiness"))
			.volumeMounts(List.of(new V1VolumeMount().name("kube-api-access")
				.mountPath("/var/run/secrets/kubernetes.io/serviceaccount")
				.readOnly(true)))
			.terminationMessagePath("/dev/termination-log")
			.terminationMessagePolicy("File");
	}

	private V1Container sidecar() {
		String image = SIDECARS[this.random.nextInt(SIDECARS.length)];
		String name = image.contains("envoy") ? "envoy" : "fluent-bit";
		return new V1Container().name(name)
			.image(image)
			.imagePullPolicy("IfNotPresent")
			.resources(new V1ResourceRequirements().requests(Map.of("cpu", new Quantity("50m"), "memory",
					new Quantity("64Mi"))))
			.terminationMessagePath("/dev/termination-log")
			.terminationMessagePolicy("File");
	}

	private static V1Probe probe(String path) {
		return new V1Probe().httpGet(new V1HTTPGetAction().path(path).port(new IntOrString("http")).scheme("HTTP"))
			.initialDelaySeconds(10)
			.periodSeconds(10)
			.timeoutSeconds(1)
			.successThreshold(1)
			.failureThreshold(3);
	}

	private static V1Toleration toleration(String key) {
		return new V1Toleration().key(key).operator("Exists").effect("NoExecute").tolerationSeconds(300L);
	}

	private static V1Volume apiAccessVolume(String suffix) {
		return new V1Volume().name("kube-api-access-" + suffix)
			.projected(new V1ProjectedVolumeSource().defaultMode(420)
				.sources(List.of(
						new V1VolumeProjection().serviceAccountToken(
								new V1ServiceAccountTokenProjection().expirationSeconds(3607L).path("token")),
						new V1VolumeProjection().configMap(new V1ConfigMapProjection().name("kube-root-ca.crt")
							.items(List.of(new V1KeyToPath().key("ca.crt").path("ca.crt")))),
						new V1VolumeProjection().downwardAPI(new V1DownwardAPIProjection()
							.items(List.of(new V1DownwardAPIVolumeFile().path("namespace")
								.fieldRef(new V1ObjectFieldSelector().apiVersion("v1")
									.fieldPath("metadata.namespace"))))))));
	}

	private V1PodStatus status(int index, OffsetDateTime created, List<V1Container> containers) {
		OffsetDateTime started = created.plusSeconds(2);
		OffsetDateTime ready = created.plusSeconds(14);
		String podIp = "10.244." + (index / 250 % 250) + "." + (index % 250 + 2);
		String hostIp = "192.168.10." + (index % NODES + 10);
		List<V1ContainerStatus> statuses = new ArrayList<>();
		for (V1Container container : containers) {
			statuses.add(new V1ContainerStatus().name(container.getName())
				.image(container.getImage())
				.imageID(container.getImage().replaceAll(":.*", "") + "@sha256:" + hex(container.getImage().hashCode()))
				.containerID("containerd://" + hex(this.random.nextLong()))
				.ready(true)
				.started(true)
				.restartCount(this.random.nextInt(8) == 0 ? 1 : 0)
				.state(new V1ContainerState().running(new V1ContainerStateRunning().startedAt(started))));
		}
		return new V1PodStatus().phase("Running")
			.qosClass("Burstable")
			.hostIP(hostIp)
			.hostIPs(List.of(new V1HostIP().ip(hostIp)))
			.podIP(podIp)
			.podIPs(List.of(new V1PodIP().ip(podIp)))
			.startTime(created)
			.conditions(List.of(condition("Initialized", created),
					condition("Ready", ready), condition("ContainersReady", ready), condition("PodScheduled", created)))
			.containerStatuses(statuses);
	}

	private static V1PodCondition condition(String type, OffsetDateTime at) {
		return new V1PodCondition().type(type).status("True").lastTransitionTime(at);
	}

	private static List<V1ManagedFieldsEntry> managedFields(OffsetDateTime at, List<V1Container> containers) {
		Map<String, Object> containerFields = new LinkedHashMap<>();
		for (V1Container container : containers) {
			containerFields.put("k:{\"name\":\"" + container.getName() + "\"}",
					fields(".", "f:env", "f:image", "f:imagePullPolicy", "f:name", "f:ports",
							"f:readinessProbe", "f:resources", "f:terminationMessagePath",
							"f:terminationMessagePolicy", "f:volumeMounts"));
		}
		Map<String, Object> metadata = new LinkedHashMap<>();
		metadata.put("f:annotations", fields(".", "f:prometheus.io/port", "f:prometheus.io/scrape"));
		metadata.put("f:generateName", Map.of());
		metadata.put("f:labels", fields(".", "f:app", "f:app.kubernetes.io/name",
				"f:pod-template-hash", "f:team", "f:version"));
		metadata.put("f:ownerReferences", fields(".", "k:{\"uid\":\"owner\"}"));
		Map<String, Object> spec = new LinkedHashMap<>();
		spec.put("f:containers", containerFields);
		spec.putAll(fields("f:dnsPolicy", "f:enableServiceLinks", "f:restartPolicy", "f:schedulerName",
				"f:securityContext", "f:terminationGracePeriodSeconds"));
		Map<String, Object> status = new LinkedHashMap<>();
		status.put("f:conditions", fields("k:{\"type\":\"ContainersReady\"}", "k:{\"type\":\"Initialized\"}",
				"k:{\"type\":\"Ready\"}"));
		status.putAll(fields("f:containerStatuses", "f:hostIP", "f:hostIPs", "f:phase", "f:podIP", "f:podIPs",
				"f:startTime"));
		return List.of(
				new V1ManagedFieldsEntry().manager("kube-controller-manager")
					.operation("Update")
					.apiVersion("v1")
					.time(at)
					.fieldsType("FieldsV1")
					.fieldsV1(Map.of("f:metadata", metadata, "f:spec", spec)),
				new V1ManagedFieldsEntry().manager("kubelet")
					.operation("Update")
					.apiVersion("v1")
					.time(at.plusSeconds(14))
					.fieldsType("FieldsV1")
					.subresource("status")
					.fieldsV1(Map.of("f:status", status)));
	}

	private static Map<String, Object> fields(String... names) {
		Map<String, Object> fields = new LinkedHashMap<>();
		for (String name : names) {
			fields.put(name, Map.of());
		}
		return fields;
	}

	private static String lastApplied(String name, String namespace, Map<String, String> labels,
			List<V1Container> containers) {
		Map<String, Object> applied = new LinkedHashMap<>();
		applied.put("apiVersion", "v1");
		applied.put("kind", "Pod");
		applied.put("metadata", Map.of("name", name, "namespace", namespace, "labels", Map.of("app", labels.get("app"))));
		List<Map<String, Object>> specContainers = new ArrayList<>();
		for (V1Container container : containers) {
			Map<String, Object> c = new LinkedHashMap<>();
			c.put("name", container.getName());
			c.put("image", container.getImage());
			if (container.getPorts() != null) {
				List<Map<String, Object>> ports = new ArrayList<>();
				container.getPorts().forEach((port) -> ports.add(Map.of("name", port.getName(), "containerPort",
						port.getContainerPort())));
				c.put("ports", ports);
			}
			specContainers.add(c);
		}
		applied.put("spec", Map.of("containers", specContainers));
		return JSON.serialize(applied) + "\n";
	}

	private static String uid(long seed) {
		String hex = hash(seed, 32);
		return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
				+ hex.substring(16, 20) + "-" + hex.substring(20);
	}

	/** 64 hexadecimal digits, like an image digest or a container id. */
	private static String hex(long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		StringBuilder text = new StringBuilder(64);
		for (int i = 0; i < 4; i++) {
			text.append(String.format("%016x", random.nextLong()));
		}
		return text.toString();
	}

	/** A unique 5-character suffix per index below 27^5, scrambled like the random suffixes of ReplicaSet Pods. */
	private static String suffix(int index) {
		String alphabet = "bcdfghjklmnpqrstvwxz2456789";
		long space = 27L * 27 * 27 * 27 * 27;
		long value = (index * 7919L + 17) % space;
		char[] text = new char[5];
		for (int i = 4; i >= 0; i--) {
			text[i] = alphabet.charAt((int) (value % 27));
			value /= 27;
		}
		return new String(text);
	}

	/** A deterministic lowercase alphanumeric string of {@code length} characters, like Kubernetes' name hashes. */
	private static String hash(long seed, int length) {
		String alphabet = "bcdfghjklmnpqrstvwxz2456789";
		StringBuilder text = new StringBuilder(length);
		SplittableRandom random = new SplittableRandom(seed);
		for (int i = 0; i < length; i++) {
			text.append(alphabet.charAt(random.nextInt(alphabet.length())));
		}
		return text.toString();
	}

}
