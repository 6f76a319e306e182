package io.github.informer.test;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kubectl against the server with the kubeconfig it writes: get -A -o json, client-side and server-side apply,
 * delete (server dry run, cascades), get -w, the imperative create subcommands (protobuf bodies), server-side
 * columns, scale and autoscale, get all, auth can-i and whoami, field selectors per kind, the 415 of a strategic merge
 * patch on a custom resource, container order on re-apply ({@code $setElementOrder}) and a diff without server
 * noise. Skipped (with a message) when kubectl is not on PATH.
 */
@EnabledIfKubectl
@ExtendWith(FakeKubernetesApiServerExtension.class)
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
	static void writeKubeconfig(FakeKubernetesApiServer fake) {
		server = fake;
		kubeconfig = server.writeKubeconfig(directory.resolve("fake.kubeconfig"));
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
	void aFreshServerHasTheDefaultNamespaces() throws Exception {
		String namespaces = kubectl("get", "namespaces", "-l", "kubernetes.io/metadata.name", "-o",
				"custom-columns=NAME:.metadata.name,FINALIZERS:.spec.finalizers[0]");
		assertThat(namespaces).containsPattern("default\\s+kubernetes")
			.containsPattern("kube-system\\s+kubernetes")
			.containsPattern("kube-public\\s+kubernetes")
			.containsPattern("kube-node-lease\\s+kubernetes");
	}

	@Test
	void imperativeCreateSubcommandsSendProtobufThatIsStoredAsJson() throws Exception {
		assertThat(kubectl("create", "namespace", "imperative")).contains("namespace/imperative created");
		assertThat(server.get(io.kubernetes.client.openapi.models.V1Namespace.class, null, "imperative").orElseThrow()
			.getMetadata()
			.getLabels()).containsEntry("kubernetes.io/metadata.name", "imperative");
		String namespace = "--namespace=imperative";
		kubectl("create", "configmap", "settings", namespace, "--from-literal=color=blue");
		kubectl("create", "secret", "generic", "token", namespace, "--from-literal=key=s3cr3t");
		kubectl("create", "deployment", "web", namespace, "--image=nginx:1.27", "--replicas=3", "--port=80");
		kubectl("create", "service", "clusterip", "web", namespace, "--tcp=80:8080");
		kubectl("create", "job", "once", namespace, "--image=busybox", "--", "echo", "hi");
		kubectl("create", "role", "reader", namespace, "--verb=get,list", "--resource=pods");
		kubectl("create", "serviceaccount", "robot", namespace);
		kubectl("create", "quota", "small", namespace, "--hard=cpu=2,memory=1Gi,pods=4");
		assertThat(server.get(V1ConfigMap.class, "imperative", "settings").orElseThrow().getData())
			.containsEntry("color", "blue");
		assertThat(new String(server.get(io.kubernetes.client.openapi.models.V1Secret.class, "imperative", "token")
			.orElseThrow()
			.getData()
			.get("key"), StandardCharsets.UTF_8)).isEqualTo("s3cr3t");
		V1Deployment deployment = server.get(V1Deployment.class, "imperative", "web").orElseThrow();
		assertThat(deployment.getSpec().getReplicas()).isEqualTo(3);
		assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().get(0)
			.getContainerPort()).isEqualTo(80);
		assertThat(server.get(io.kubernetes.client.openapi.models.V1Service.class, "imperative", "web").orElseThrow()
			.getSpec()
			.getPorts()
			.get(0)
			.getTargetPort()
			.getIntValue()).isEqualTo(8080);
		assertThat(server.get(io.kubernetes.client.openapi.models.V1Job.class, "imperative", "once").orElseThrow()
			.getSpec()
			.getTemplate()
			.getSpec()
			.getContainers()
			.get(0)
			.getCommand()).containsExactly("echo", "hi");
		assertThat(server.get(io.kubernetes.client.openapi.models.V1Role.class, "imperative", "reader").orElseThrow()
			.getRules()
			.get(0)
			.getApiGroups()).containsExactly("");
		assertThat(server.get(io.kubernetes.client.openapi.models.V1ServiceAccount.class, "imperative", "robot"))
			.isPresent();
		assertThat(server.get(io.kubernetes.client.openapi.models.V1ResourceQuota.class, "imperative", "small")
			.orElseThrow()
			.getSpec()
			.getHard()
			.get("memory")
			.toSuffixedString()).isEqualTo("1Gi");
	}

	@Test
	void getPrintsTheServerSideColumnsAndWideAddsTheRest() throws Exception {
		server.create(new io.kubernetes.client.openapi.models.V1Pod()
			.metadata(new V1ObjectMeta().name("web-1").namespace("printing"))
			.spec(new io.kubernetes.client.openapi.models.V1PodSpec().nodeName("node-7")
				.containers(List.of(new io.kubernetes.client.openapi.models.V1Container().name("web").image("nginx"))))
			.status(new io.kubernetes.client.openapi.models.V1PodStatus().phase("Running")
				.podIP("10.4.0.9")
				.podIPs(List.of(new io.kubernetes.client.openapi.models.V1PodIP().ip("10.4.0.9")))
				.containerStatuses(List.of(new io.kubernetes.client.openapi.models.V1ContainerStatus().name("web")
					.image("nginx")
					.imageID("")
					.ready(true)
					.restartCount(0)
					.state(new io.kubernetes.client.openapi.models.V1ContainerState()
						.running(new io.kubernetes.client.openapi.models.V1ContainerStateRunning()))))));
		List<String> lines = kubectl("get", "pods", "-n", "printing").lines().toList();
		assertThat(lines.get(0).split("\\s+")).containsExactly("NAME", "READY", "STATUS", "RESTARTS", "AGE");
		assertThat(lines.get(1)).containsPattern("^web-1\\s+1/1\\s+Running\\s+0\\s+\\d+s$");
		List<String> wide = kubectl("get", "pods", "-n", "printing", "-o", "wide").lines().toList();
		assertThat(wide.get(0)).containsPattern("AGE\\s+IP\\s+NODE\\s+NOMINATED NODE\\s+READINESS GATES$");
		assertThat(wide.get(1)).containsPattern("10\\.4\\.0\\.9\\s+node-7\\s+<none>\\s+<none>$");
		server.seedYaml("""
				apiVersion: apiextensions.k8s.io/v1
				kind: CustomResourceDefinition
				metadata: {name: gadgets.example.com}
				spec:
				  group: example.com
				  scope: Namespaced
				  names: {plural: gadgets, singular: gadget, kind: Gadget}
				  versions:
				  - name: v1
				    served: true
				    storage: true
				    additionalPrinterColumns:
				    - {name: Size, type: integer, jsonPath: .spec.size}
				    - {name: Phase, type: string, jsonPath: .status.phase}
				---
				apiVersion: example.com/v1
				kind: Gadget
				metadata: {name: g1, namespace: printing}
				spec: {size: 3}
				status: {phase: Ready}
				""");
		List<String> gadgets = kubectl("get", "gadgets", "-n", "printing").lines().toList();
		assertThat(gadgets.get(0).split("\\s+")).containsExactly("NAME", "SIZE", "PHASE");
		assertThat(gadgets.get(1).split("\\s+")).containsExactly("g1", "3", "Ready");
	}

	@Test
	void getWatchPrintsTableRows() throws Exception {
		server.create(configMap("rows", "watch-table", "before"));
		Path output = directory.resolve("watch-table.out");
		Process watch = new ProcessBuilder(command("get", "configmaps", "-n", "watch-table", "-w"))
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		try {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> Files.readString(output, StandardCharsets.UTF_8).contains("rows"));
			server.update(configMap("rows", "watch-table", "after").data(Map.of("color", "after", "size", "2")));
			await().atMost(Duration.ofSeconds(30))
				.until(() -> Files.readString(output, StandardCharsets.UTF_8).lines()
					.anyMatch((line) -> line.matches("rows\\s+2\\s+\\S+")));
		}
		finally {
			watch.destroy();
			watch.waitFor(5, TimeUnit.SECONDS);
		}
		List<String> lines = Files.readString(output, StandardCharsets.UTF_8).lines().toList();
		assertThat(lines.get(0).split("\\s+")).containsExactly("NAME", "DATA", "AGE");
		assertThat(lines.get(1)).matches("rows\\s+1\\s+\\S+");
		assertThat(lines).filteredOn((line) -> line.startsWith("NAME")).hasSize(1);
	}

	@Test
	void scaleAndAutoscaleGoThroughTheScaleSubresource() throws Exception {
		Path manifest = directory.resolve("scale.yaml");
		Files.writeString(manifest, DEPLOYMENT.formatted(2, "1.27", "blue").replace("kubectl", "scaling"));
		kubectl("apply", "-f", manifest.toString());
		assertThat(kubectl("scale", "deployment/web", "-n", "scaling", "--replicas=5"))
			.contains("deployment.apps/web scaled");
		assertThat(server.get(V1Deployment.class, "scaling", "web").orElseThrow().getSpec().getReplicas()).isEqualTo(5);
		assertThat(server.requests()).anyMatch((request) -> request.method().equals("PATCH")
				&& request.path().equals("/apis/apps/v1/namespaces/scaling/deployments/web/scale"));
		assertThat(kubectl("autoscale", "deployment", "web", "-n", "scaling", "--min=2", "--max=6",
				"--cpu-percent=70")).contains("horizontalpodautoscaler.autoscaling/web autoscaled");
		assertThat(kubectl("get", "hpa", "web", "-n", "scaling").lines().toList().get(1))
			.containsPattern("^web\\s+Deployment/web\\s+cpu: <unknown>/70%\\s+2\\s+6\\s+0\\s+\\d+s$");
	}

	@Test
	void getAllListsTheKindsInTheAllCategory() throws Exception {
		Path manifest = directory.resolve("all.yaml");
		Files.writeString(manifest, DEPLOYMENT.formatted(1, "1.27", "blue").replace("kubectl", "everything"));
		kubectl("apply", "-f", manifest.toString());
		kubectl("create", "service", "clusterip", "web", "-n", "everything", "--tcp=80:80");
		server.seedYaml("""
				apiVersion: apiextensions.k8s.io/v1
				kind: CustomResourceDefinition
				metadata: {name: pipelines.ci.example.com}
				spec:
				  group: ci.example.com
				  scope: Namespaced
				  names: {plural: pipelines, singular: pipeline, kind: Pipeline, categories: [all]}
				  versions: [{name: v1, served: true, storage: true}]
				---
				apiVersion: ci.example.com/v1
				kind: Pipeline
				metadata: {name: build, namespace: everything}
				""");
		// a fresh discovery cache: the one the other tests filled predates the definition, as kubectl's would
		String all = kubectl("get", "all", "-n", "everything", "--cache-dir", directory.resolve("cache-all").toString());
		assertThat(all).contains("deployment.apps/web", "service/web", "pipeline.ci.example.com/build")
			.doesNotContain("configmap/settings");
	}

	@Test
	void authCanIFollowsForbidAndWhoamiNamesTheUser() throws Exception {
		assertThat(kubectl("auth", "can-i", "list", "secrets", "-n", "authz").strip()).isEqualTo("yes");
		server.forbid("secrets", "authz");
		try {
			ExternalClients.Result denied = kubectlResult("auth", "can-i", "list", "secrets", "-n", "authz");
			assertThat(denied.exitCode()).isEqualTo(1);
			assertThat(denied.output().strip()).startsWith("no");
			assertThat(kubectl("auth", "can-i", "list", "secrets", "-n", "other").strip()).isEqualTo("yes");
			assertThat(kubectl("auth", "can-i", "--list", "-n", "authz")).contains("configmaps")
				.doesNotContain("secrets");
		}
		finally {
			server.allow("secrets", "authz");
		}
		assertThat(kubectl("auth", "whoami")).containsPattern("Username\\s+system:anonymous");
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
		ExternalClients.Result unsupported = kubectlResult("get", "configmaps", "-n", "fields", "--field-selector", "data.i=1");
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
		ExternalClients.Result strategic = kubectlResult("patch", "gizmo", "g", "-n", "gizmos", "-p", "{\"spec\":{\"size\":2}}");
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
		ExternalClients.Result same = kubectlResult("diff", "-f", manifest.toString());
		assertThat(same.exitCode()).as(same.output()).isZero();
		assertThat(same.output()).isEmpty();
		Files.writeString(manifest, DEPLOYMENT.formatted(2, "1.27", "green").replace("namespace: kubectl",
				"namespace: diff"));
		ExternalClients.Result changed = kubectlResult("diff", "-f", manifest.toString());
		assertThat(changed.exitCode()).as(changed.output()).isEqualTo(1);
		assertThat(changed.output()).contains("-  color: blue").contains("+  color: green")
			.doesNotContain("resourceVersion")
			.doesNotContain("generation");
	}

	private static V1OwnerReference owner(String apiVersion, String kind, String name, String uid) {
		return new V1OwnerReference().apiVersion(apiVersion).kind(kind).name(name).uid(uid).controller(true)
			.blockOwnerDeletion(true);
	}

	private static String kubectl(String... args) throws IOException {
		return ExternalClients.run(command(args), null).assertSucceeded(command(args)).output();
	}

	private static ExternalClients.Result kubectlResult(String... args) throws IOException {
		return ExternalClients.run(command(args), null);
	}

	private static List<String> command(String... args) {
		List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(), "--cache-dir",
				directory.resolve("cache").toString()));
		command.addAll(List.of(args));
		return command;
	}

	private static V1ConfigMap configMap(String name, String namespace, String color) {
		return new V1ConfigMap().metadata(new V1ObjectMeta().name(name).namespace(namespace))
			.data(Map.of("color", color));
	}

}
