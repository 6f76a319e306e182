package io.github.informer.test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1OwnerReference;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodStatus;
import io.kubernetes.client.openapi.models.V1ReplicaSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * kubectl against the server with the kubeconfig it writes: get -A -o json, client-side and server-side apply (with
 * {@code $setElementOrder}), delete (server dry run, cascades), get -w, field selectors per kind, and the 415 of a
 * strategic merge patch on a custom resource. Skipped (with a message) when kubectl is not on PATH.
 */
class KubectlTests {

	private static final String DEPLOYMENT = """
			apiVersion: apps/v1
			kind: Deployment
			metadata:
			  name: web
			  namespace: kubectl
			  labels:
			    app: web
			spec:
			  replicas: %d
			  selector:
			    matchLabels:
			      app: web
			  template:
			    metadata:
			      labels:
			        app: web
			    spec:
			      containers:
			      - name: nginx
			        image: nginx:%s
			        ports:
			        - containerPort: 80
			---
			apiVersion: v1
			kind: ConfigMap
			metadata:
			  name: settings
			  namespace: kubectl
			data:
			  color: %s
			""";

	private static FakeKubernetesApiServer server;

	@TempDir
	static Path directory;

	private static Path kubeconfig;

	@BeforeAll
	static void start() {
		assumeTrue(kubectlOnPath(), "kubectl is not on PATH: skipping the kubectl conformance tests");
		server = new FakeKubernetesApiServer().start();
		kubeconfig = server.writeKubeconfig(directory.resolve("fake.kubeconfig"));
	}

	@AfterAll
	static void stop() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void getAllNamespacesAsJson() throws Exception {
		server.create(configMap("one", "get-a", "1"));
		server.create(configMap("two", "get-b", "2"));
		JsonObject list = JsonParser.parseString(kubectl("get", "configmaps", "-A", "-o", "json")).getAsJsonObject();
		List<String> names = new ArrayList<>();
		for (JsonElement item : list.getAsJsonArray("items")) {
			JsonObject metadata = item.getAsJsonObject().getAsJsonObject("metadata");
			names.add(metadata.get("namespace").getAsString() + "/" + metadata.get("name").getAsString());
		}
		assertThat(names).contains("get-a/one", "get-b/two");
	}

	@Test
	void applyCreatesThenPatchesADeploymentAndAConfigMap() throws Exception {
		Path manifest = directory.resolve("apply.yaml");
		Files.writeString(manifest, DEPLOYMENT.formatted(2, "1.27", "blue"));
		assertThat(kubectl("apply", "-f", manifest.toString())).contains("deployment.apps/web created")
			.contains("configmap/settings created");
		Files.writeString(manifest, DEPLOYMENT.formatted(3, "1.28", "green"));
		assertThat(kubectl("apply", "-f", manifest.toString())).contains("deployment.apps/web configured")
			.contains("configmap/settings configured");
		V1Deployment deployment = server.get(V1Deployment.class, "kubectl", "web").orElseThrow();
		assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
		assertThat(deployment.getSpec().getTemplate().getSpec().getContainers()).singleElement()
			.satisfies((container) -> assertThat(container.getImage()).isEqualTo("nginx:1.28"));
		assertThat(deployment.getMetadata().getGeneration()).isEqualTo(2L);
		assertThat(deployment.getMetadata().getAnnotations())
			.containsKey("kubectl.kubernetes.io/last-applied-configuration");
		assertThat(server.get(V1ConfigMap.class, "kubectl", "settings").orElseThrow().getData())
			.containsEntry("color", "green");
		assertThat(server.requests()).anyMatch((request) -> request.method().equals("PATCH")
				&& request.path().equals("/apis/apps/v1/namespaces/kubectl/deployments/web"));
	}

	@Test
	void serverSideApplyCreatesOrMerges() throws Exception {
		Path manifest = directory.resolve("ssa.yaml");
		Files.writeString(manifest, DEPLOYMENT.formatted(1, "1.27", "red").replace("kubectl", "ssa"));
		assertThat(kubectl("apply", "--server-side", "-f", manifest.toString())).contains("serverside-applied");
		Files.writeString(manifest, DEPLOYMENT.formatted(4, "1.27", "yellow").replace("kubectl", "ssa"));
		kubectl("apply", "--server-side", "-f", manifest.toString());
		assertThat(server.get(V1Deployment.class, "ssa", "web").orElseThrow().getSpec().getReplicas()).isEqualTo(4);
		assertThat(server.get(V1ConfigMap.class, "ssa", "settings").orElseThrow().getData())
			.containsEntry("color", "yellow");
	}

	@Test
	void deleteRemovesTheObject() throws Exception {
		server.create(configMap("doomed", "delete", "x"));
		assertThat(kubectl("delete", "configmap", "doomed", "-n", "delete")).contains("configmap \"doomed\" deleted");
		assertThat(server.get(V1ConfigMap.class, "delete", "doomed")).isEmpty();
	}

	@Test
	void getWatchSeesAChange() throws Exception {
		server.create(configMap("watched", "watch", "before"));
		Path output = directory.resolve("watch.out");
		Process watch = new ProcessBuilder(command("get", "configmaps", "-n", "watch", "-w", "-o", "json"))
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		try {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> server.requests()
					.stream()
					.anyMatch((request) -> request.isWatch() && request.path().endsWith("/namespaces/watch/configmaps")));
			server.update(configMap("watched", "watch", "after"));
			await().atMost(Duration.ofSeconds(20))
				.until(() -> Files.readString(output, StandardCharsets.UTF_8).contains("\"color\": \"after\""));
		}
		finally {
			watch.destroy();
			watch.waitFor(5, TimeUnit.SECONDS);
		}
		assertThat(Files.readString(output, StandardCharsets.UTF_8)).contains("\"color\": \"before\"");
	}

	@Test
	void deleteWithServerDryRunDeletesNothing() throws Exception {
		server.create(configMap("rehearsed", "dry-delete", "x"));
		assertThat(kubectl("delete", "configmap", "rehearsed", "-n", "dry-delete", "--dry-run=server"))
			.contains("configmap \"rehearsed\" deleted (server dry run)");
		assertThat(server.get(V1ConfigMap.class, "dry-delete", "rehearsed")).isPresent();
	}

	@Test
	void deleteCascadesAsAskedThroughTheOwnerReferences() throws Exception {
		Path manifest = directory.resolve("cascade.yaml");
		for (String namespace : List.of("cascade-foreground", "cascade-orphan")) {
			Files.writeString(manifest, DEPLOYMENT.formatted(1, "1.27", "x").replace("namespace: kubectl",
					"namespace: " + namespace));
			kubectl("apply", "-f", manifest.toString());
			V1Deployment deployment = server.get(V1Deployment.class, namespace, "web").orElseThrow();
			V1ReplicaSet replicaSet = server.create(new V1ReplicaSet().metadata(new V1ObjectMeta().name("web-1")
				.namespace(namespace)
				.addOwnerReferencesItem(owner("apps/v1", "Deployment", "web", deployment.getMetadata().getUid()))));
			server.create(new V1Pod().metadata(new V1ObjectMeta().name("web-1-a").namespace(namespace)
				.addOwnerReferencesItem(owner("apps/v1", "ReplicaSet", "web-1", replicaSet.getMetadata().getUid()))));
		}
		kubectl("delete", "deployment", "web", "-n", "cascade-foreground", "--cascade=foreground");
		assertThat(server.list(V1ReplicaSet.class, "cascade-foreground")).isEmpty();
		assertThat(server.list(V1Pod.class, "cascade-foreground")).isEmpty();
		kubectl("delete", "deployment", "web", "-n", "cascade-orphan", "--cascade=orphan");
		assertThat(server.get(V1Deployment.class, "cascade-orphan", "web")).isEmpty();
		assertThat(server.get(V1ReplicaSet.class, "cascade-orphan", "web-1").orElseThrow().getMetadata()
			.getOwnerReferences()).isNullOrEmpty();
		assertThat(server.get(V1Pod.class, "cascade-orphan", "web-1-a")).isPresent();
	}

	@Test
	void fieldSelectorsAreThoseOfEachKind() throws Exception {
		server.create(new V1Pod().metadata(new V1ObjectMeta().name("up").namespace("fields"))
			.status(new V1PodStatus().phase("Running")));
		server.create(new V1Pod().metadata(new V1ObjectMeta().name("waiting").namespace("fields"))
			.status(new V1PodStatus().phase("Pending")));
		assertThat(kubectl("get", "pods", "-n", "fields", "--field-selector", "status.phase=Running", "-o", "name"))
			.isEqualTo("pod/up\n");
		Result unsupported = run("get", "configmaps", "-n", "fields", "--field-selector", "data.i=1");
		assertThat(unsupported.exitCode()).isNotZero();
		assertThat(unsupported.output()).contains("Error from server (BadRequest): Unable to find \"/v1,"
				+ " Resource=configmaps\" that match label selector \"\", field selector \"data.i=1\": \"data.i\" is not"
				+ " a known field selector: only \"metadata.name\", \"metadata.namespace\"");
	}

	@Test
	void patchingACustomResourceWithoutATypeIsUnsupportedMediaType() throws Exception {
		Path manifest = directory.resolve("crd.yaml");
		Files.writeString(manifest, """
				apiVersion: apiextensions.k8s.io/v1
				kind: CustomResourceDefinition
				metadata:
				  name: gizmos.kubectl.example.com
				spec:
				  group: kubectl.example.com
				  scope: Namespaced
				  names:
				    plural: gizmos
				    singular: gizmo
				    kind: Gizmo
				  versions:
				  - name: v1
				    served: true
				    storage: true
				    schema:
				      openAPIV3Schema:
				        type: object
				        x-kubernetes-preserve-unknown-fields: true
				""");
		// as on a cluster, a definition and its objects go in two applies (kubectl maps kinds before it starts)
		kubectl("apply", "-f", manifest.toString());
		Files.writeString(manifest, """
				apiVersion: kubectl.example.com/v1
				kind: Gizmo
				metadata:
				  name: g
				  namespace: gizmos
				spec:
				  size: 1
				""");
		kubectl("apply", "-f", manifest.toString());
		Result strategic = run("patch", "gizmo", "g", "-n", "gizmos", "-p", "{\"spec\":{\"size\":2}}");
		assertThat(strategic.exitCode()).isNotZero();
		// kubectl recognises the 415 and says what to do, as against a cluster
		assertThat(strategic.output()).contains("error: application/strategic-merge-patch+json is not supported by"
				+ " kubectl.example.com/v1, Kind=Gizmo: the body of the request was in an unknown format - accepted"
				+ " media types include: application/json-patch+json, application/merge-patch+json,"
				+ " application/apply-patch+yaml");
		assertThat(kubectl("patch", "gizmo", "g", "-n", "gizmos", "--type", "merge", "-p", "{\"spec\":{\"size\":2}}"))
			.contains("gizmo.kubectl.example.com/g patched");
	}

	@Test
	void applyFollowsTheManifestsContainerOrder() throws Exception {
		String pod = """
				apiVersion: v1
				kind: Pod
				metadata:
				  name: ordered
				  namespace: order
				spec:
				  containers:
				  - name: %s
				    image: first:1
				  - name: %s
				    image: second:1
				""";
		Path manifest = directory.resolve("ordered.yaml");
		Files.writeString(manifest, pod.formatted("app", "sidecar"));
		kubectl("apply", "-f", manifest.toString());
		Files.writeString(manifest, pod.formatted("sidecar", "app"));
		kubectl("apply", "-f", manifest.toString());
		assertThat(server.get(V1Pod.class, "order", "ordered").orElseThrow().getSpec().getContainers())
			.extracting(V1Container::getName)
			.containsExactly("sidecar", "app");
	}

	@Test
	void diffShowsOnlyTheChangeMadeNotServerNoise() throws Exception {
		Path manifest = directory.resolve("diff.yaml");
		Files.writeString(manifest, DEPLOYMENT.formatted(2, "1.27", "blue").replace("namespace: kubectl",
				"namespace: diff"));
		kubectl("apply", "-f", manifest.toString());
		Result same = run("diff", "-f", manifest.toString());
		assertThat(same.exitCode()).as(same.output()).isZero();
		assertThat(same.output()).isEmpty();
		Files.writeString(manifest, DEPLOYMENT.formatted(2, "1.27", "green").replace("namespace: kubectl",
				"namespace: diff"));
		Result changed = run("diff", "-f", manifest.toString());
		assertThat(changed.exitCode()).as(changed.output()).isEqualTo(1);
		assertThat(changed.output()).contains("-  color: blue").contains("+  color: green")
			.doesNotContain("resourceVersion")
			.doesNotContain("generation");
	}

	private static V1OwnerReference owner(String apiVersion, String kind, String name, String uid) {
		return new V1OwnerReference().apiVersion(apiVersion).kind(kind).name(name).uid(uid).controller(true)
			.blockOwnerDeletion(true);
	}

	private static Result run(String... args) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command(args)).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		return new Result(process.exitValue(), output);
	}

	private record Result(int exitCode, String output) {
	}

	private static String kubectl(String... args) throws IOException, InterruptedException {
		Result result = run(args);
		assertThat(result.exitCode()).as("kubectl %s failed:%n%s", String.join(" ", args), result.output()).isZero();
		return result.output();
	}

	private static List<String> command(String... args) {
		List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(), "--cache-dir",
				directory.resolve("cache").toString()));
		command.addAll(List.of(args));
		return command;
	}

	private static boolean kubectlOnPath() {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String entry : path.split(File.pathSeparator)) {
			if (Files.isExecutable(Path.of(entry, "kubectl"))) {
				return true;
			}
		}
		return false;
	}

	private static V1ConfigMap configMap(String name, String namespace, String color) {
		return new V1ConfigMap().metadata(new V1ObjectMeta().name(name).namespace(namespace))
			.data(Map.of("color", color));
	}

}
