package io.github.informer.test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerState;
import io.kubernetes.client.openapi.models.V1ContainerStateRunning;
import io.kubernetes.client.openapi.models.V1ContainerStateTerminated;
import io.kubernetes.client.openapi.models.V1ContainerStateWaiting;
import io.kubernetes.client.openapi.models.V1ContainerStatus;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1DeploymentStatus;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1LabelSelectorRequirement;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodIP;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server-side printing over HTTP, as {@code kubectl get} asks for it: Tables for lists, single objects and watch
 * events with kube-apiserver's columns and cells, {@code includeObject}, and a custom resource's printer columns.
 */
@ExtendWith(FakeKubernetesApiServerExtension.class)
class TableConformanceTests {

	private static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,"
			+ "application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

	private static final String CRD = """
			apiVersion: apiextensions.k8s.io/v1
			kind: CustomResourceDefinition
			metadata:
			  name: widgets.example.com
			spec:
			  group: example.com
			  scope: Namespaced
			  names: {plural: widgets, singular: widget, kind: Widget}
			  versions:
			  - name: v1
			    served: true
			    storage: true
			    additionalPrinterColumns:
			    - {name: Size, type: integer, jsonPath: .spec.size}
			    - {name: Ready, type: string, jsonPath: '.status.conditions[?(@.type=="Ready")].status'}
			    - {name: Color, type: string, jsonPath: .spec.color, priority: 1}
			    - {name: Since, type: date, jsonPath: .status.since}
			  - name: v2
			    served: true
			    storage: false
			---
			apiVersion: example.com/v1
			kind: Widget
			metadata: {name: big, namespace: tables}
			spec: {size: 5, color: red}
			status:
			  since: "2020-01-01T00:00:00Z"
			  conditions:
			  - {type: Synced, status: "False"}
			  - {type: Ready, status: "True"}
			""";

	private static FakeKubernetesApiServer server;

	private static HttpClient http;

	@BeforeAll
	static void useServer(FakeKubernetesApiServer fake) {
		server = fake;
		http = HttpClient.newHttpClient();
		server.seedYaml(CRD);
	}

	@Test
	void aListOfPodsHasTheColumnsAndCellsOfKubeApiserver() throws Exception {
		server.create(pod("running", new V1PodStatus().phase("Running")
			.podIP("10.0.0.7")
			.podIPs(List.of(new V1PodIP().ip("10.0.0.7")))
			.containerStatuses(List.of(new V1ContainerStatus().name("a")
				.image("i")
				.imageID("")
				.ready(true)
				.restartCount(2)
				.state(new V1ContainerState().running(new V1ContainerStateRunning()))
				.lastState(new V1ContainerState().terminated(new V1ContainerStateTerminated().exitCode(1)
					.finishedAt(java.time.OffsetDateTime.now().minusMinutes(20)))),
					new V1ContainerStatus().name("b")
						.image("j")
						.imageID("")
						.ready(false)
						.restartCount(0)
						.state(new V1ContainerState()
							.waiting(new V1ContainerStateWaiting().reason("CrashLoopBackOff")))))));
		server.create(pod("pending", new V1PodStatus().phase("Pending")));
		JsonObject table = get("/api/v1/namespaces/tables/pods", TABLE);
		assertThat(table.get("kind").getAsString()).isEqualTo("Table");
		assertThat(table.get("apiVersion").getAsString()).isEqualTo("meta.k8s.io/v1");
		assertThat(columns(table)).containsExactly("Name:0", "Ready:0", "Status:0", "Restarts:0", "Age:0", "IP:1",
				"Node:1", "Nominated Node:1", "Readiness Gates:1");
		assertThat(table.getAsJsonObject("metadata").get("resourceVersion").getAsString())
			.isEqualTo(server.resourceVersion());
		JsonArray rows = table.getAsJsonArray("rows");
		assertThat(cells(rows.get(0))).startsWith("pending", "0/2", "Pending", "0");
		assertThat(cells(rows.get(1))).startsWith("running", "1/2", "CrashLoopBackOff", "2 (20m ago)");
		assertThat(cells(rows.get(1))).endsWith("10.0.0.7", "node-1", "<none>", "<none>");
		JsonObject object = rows.get(1).getAsJsonObject().getAsJsonObject("object");
		assertThat(object.get("kind").getAsString()).isEqualTo("PartialObjectMetadata");
		assertThat(object.getAsJsonObject("metadata").get("name").getAsString()).isEqualTo("running");
		assertThat(object.has("spec")).isFalse();
	}

	@Test
	void aSingleObjectIsATableWithOneRowAndIncludeObjectChoosesWhatTheRowCarries() throws Exception {
		server.create(new V1Deployment().metadata(new V1ObjectMeta().name("web").namespace("tables"))
			.spec(new V1DeploymentSpec().replicas(3)
				.selector(new V1LabelSelector().matchLabels(Map.of("app", "web"))
					.matchExpressions(List.of(new V1LabelSelectorRequirement().key("tier")
						.operator("In")
						.values(List.of("front", "edge")))))
				.template(new V1PodTemplateSpec().spec(new V1PodSpec().containers(List.of(
						new V1Container().name("nginx").image("nginx:1.27"),
						new V1Container().name("sidecar").image("envoy:1"))))))
			.status(new V1DeploymentStatus().readyReplicas(1).updatedReplicas(2).availableReplicas(1)));
		JsonObject table = get("/apis/apps/v1/namespaces/tables/deployments/web", TABLE);
		assertThat(columns(table)).containsExactly("Name:0", "Ready:0", "Up-to-date:0", "Available:0", "Age:0",
				"Containers:1", "Images:1", "Selector:1");
		assertThat(cells(table.getAsJsonArray("rows").get(0))).startsWith("web", "1/3", "2", "1")
			.endsWith("nginx,sidecar", "nginx:1.27,envoy:1", "app=web,tier in (edge,front)");
		JsonObject full = get("/apis/apps/v1/namespaces/tables/deployments/web?includeObject=Object", TABLE);
		assertThat(full.getAsJsonArray("rows").get(0).getAsJsonObject().getAsJsonObject("object").get("kind")
			.getAsString()).isEqualTo("Deployment");
		JsonObject none = get("/apis/apps/v1/namespaces/tables/deployments/web?includeObject=None", TABLE);
		assertThat(none.getAsJsonArray("rows").get(0).getAsJsonObject().has("object")).isFalse();
		JsonObject beta = get("/apis/apps/v1/namespaces/tables/deployments/web",
				"application/json;as=Table;v=v1beta1;g=meta.k8s.io");
		assertThat(beta.get("apiVersion").getAsString()).isEqualTo("meta.k8s.io/v1beta1");
	}

	@Test
	void withoutAsTableTheAnswerIsThePlainObject() throws Exception {
		server.create(configMap("plain"));
		assertThat(get("/api/v1/namespaces/tables/configmaps/plain", "application/json").get("kind").getAsString())
			.isEqualTo("ConfigMap");
	}

	@Test
	void watchEventsAreTablesWithTheColumnDefinitionsInTheFirstOnly() throws Exception {
		server.create(configMap("watched-a"));
		server.create(configMap("watched-b"));
		HttpRequest request = HttpRequest.newBuilder(URI.create(server.url()
				+ "/api/v1/namespaces/tables/configmaps?watch=true&timeoutSeconds=30"
				+ "&fieldSelector=metadata.name%3Dwatched-b"))
			.header("Accept", TABLE)
			.build();
		HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
				StandardCharsets.UTF_8))) {
			JsonObject added = JsonParser.parseString(reader.readLine()).getAsJsonObject();
			assertThat(added.get("type").getAsString()).isEqualTo("ADDED");
			JsonObject first = added.getAsJsonObject("object");
			assertThat(first.get("kind").getAsString()).isEqualTo("Table");
			assertThat(columns(first)).containsExactly("Name:0", "Data:0", "Age:0");
			assertThat(cells(first.getAsJsonArray("rows").get(0))).startsWith("watched-b", "1");
			server.update(configMap("watched-b").data(Map.of("k", "v", "l", "w")));
			JsonObject modified = JsonParser.parseString(reader.readLine()).getAsJsonObject();
			assertThat(modified.get("type").getAsString()).isEqualTo("MODIFIED");
			JsonObject second = modified.getAsJsonObject("object");
			assertThat(second.getAsJsonArray("columnDefinitions")).isEmpty();
			assertThat(cells(second.getAsJsonArray("rows").get(0))).startsWith("watched-b", "2");
		}
	}

	@Test
	void aCustomResourceShowsItsPrinterColumnsThroughJsonPath() throws Exception {
		JsonObject table = get("/apis/example.com/v1/namespaces/tables/widgets", TABLE);
		assertThat(columns(table)).containsExactly("Name:0", "Size:0", "Ready:0", "Color:1", "Since:0");
		JsonArray cells = table.getAsJsonArray("rows").get(0).getAsJsonObject().getAsJsonArray("cells");
		assertThat(cells.get(0).getAsString()).isEqualTo("big");
		assertThat(cells.get(1).getAsJsonPrimitive().isNumber()).isTrue();
		assertThat(cells.get(1).getAsInt()).isEqualTo(5);
		assertThat(cells.get(2).getAsString()).isEqualTo("True");
		assertThat(cells.get(3).getAsString()).isEqualTo("red");
		assertThat(cells.get(4).getAsString()).matches("\\d+y\\d*d?");
		JsonObject withoutColumns = get("/apis/example.com/v2/namespaces/tables/widgets", TABLE);
		assertThat(columns(withoutColumns)).containsExactly("Name:0", "Age:0");
		JsonObject definitions = get("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", TABLE);
		assertThat(columns(definitions)).containsExactly("Name:0", "Created At:0");
		assertThat(cells(definitions.getAsJsonArray("rows").get(0))).first().isEqualTo("widgets.example.com");
	}

	@Test
	void theCommonKindsHaveTheirOwnColumns() throws Exception {
		server.seedYaml("""
				apiVersion: v1
				kind: Node
				metadata:
				  name: node-1
				  labels: {node-role.kubernetes.io/control-plane: ""}
				status:
				  conditions: [{type: Ready, status: "True"}]
				  addresses: [{type: InternalIP, address: 10.1.0.1}]
				  nodeInfo: {kubeletVersion: v1.32.0, osImage: Debian, kernelVersion: "6.1", containerRuntimeVersion: "containerd://1.7"}
				---
				apiVersion: v1
				kind: Service
				metadata: {name: lb, namespace: tables}
				spec:
				  type: LoadBalancer
				  clusterIP: 10.96.0.10
				  clusterIPs: [10.96.0.10]
				  ports: [{port: 80, nodePort: 30080, protocol: TCP}, {port: 53, protocol: UDP}]
				  selector: {app: web}
				status:
				  loadBalancer: {ingress: [{ip: 1.2.3.4}]}
				---
				apiVersion: batch/v1
				kind: Job
				metadata: {name: once, namespace: tables}
				spec:
				  completions: 3
				  template: {spec: {containers: [{name: c, image: busybox}]}}
				status:
				  succeeded: 3
				  startTime: "2026-01-01T00:00:00Z"
				  completionTime: "2026-01-01T00:02:05Z"
				  conditions: [{type: Complete, status: "True"}]
				---
				apiVersion: v1
				kind: Secret
				metadata: {name: s, namespace: tables}
				type: Opaque
				data: {a: YQ==, b: Yg==}
				---
				apiVersion: v1
				kind: Event
				metadata: {name: e, namespace: tables}
				involvedObject: {kind: Pod, name: web}
				type: Warning
				reason: BackOff
				message: "Back-off restarting "
				source: {component: kubelet, host: node-1}
				count: 4
				""");
		// One request per row: the age cell of two requests can differ by a second.
		List<String> node = rowOf("/api/v1/nodes/node-1");
		assertThat(node).containsExactly("node-1", "Ready", "control-plane", node.get(3), "v1.32.0", "10.1.0.1",
				"<none>", "Debian", "6.1", "containerd://1.7");
		List<String> service = rowOf("/api/v1/namespaces/tables/services/lb");
		assertThat(service).containsExactly("lb", "LoadBalancer", "10.96.0.10", "1.2.3.4", "80:30080/TCP,53/UDP",
				service.get(5), "app=web");
		assertThat(rowOf("/apis/batch/v1/namespaces/tables/jobs/once")).startsWith("once", "Complete", "3/3",
				"2m5s");
		assertThat(rowOf("/api/v1/namespaces/tables/secrets/s")).startsWith("s", "Opaque", "2");
		assertThat(rowOf("/api/v1/namespaces/tables/events/e")).containsExactly("<unknown>", "Warning", "BackOff",
				"pod/web", "", "kubelet, node-1", "Back-off restarting", "<unknown>", "4", "e");
		assertThat(columns(get("/api/v1/namespaces", TABLE))).containsExactly("Name:0", "Status:0", "Age:0");
		assertThat(cells(get("/api/v1/namespaces/default", TABLE).getAsJsonArray("rows").get(0)))
			.startsWith("default", "Active");
		assertThat(columns(get("/apis/apps/v1/replicasets", TABLE))).containsExactly("Name:0", "Desired:0",
				"Current:0", "Ready:0", "Age:0", "Containers:1", "Images:1", "Selector:1");
		assertThat(columns(get("/apis/apps/v1/statefulsets", TABLE))).containsExactly("Name:0", "Ready:0", "Age:0",
				"Containers:1", "Images:1");
		assertThat(columns(get("/apis/apps/v1/daemonsets", TABLE))).containsExactly("Name:0", "Desired:0",
				"Current:0", "Ready:0", "Up-to-date:0", "Available:0", "Node Selector:0", "Age:0", "Containers:1",
				"Images:1", "Selector:1");
		assertThat(columns(get("/apis/batch/v1/cronjobs", TABLE))).containsExactly("Name:0", "Schedule:0",
				"Timezone:0", "Suspend:0", "Active:0", "Last Schedule:0", "Age:0", "Containers:1", "Images:1",
				"Selector:1");
		assertThat(columns(get("/api/v1/configmaps", TABLE))).containsExactly("Name:0", "Data:0", "Age:0");
		assertThat(columns(get("/apis/coordination.k8s.io/v1/leases", TABLE))).containsExactly("Name:0",
				"Holder:0", "Age:0");
		assertThat(columns(get("/apis/rbac.authorization.k8s.io/v1/roles", TABLE))).containsExactly("Name:0",
				"Created At:0");
	}

	@Test
	void ageIsPrintedAsKubectlPrintsIt() {
		assertThat(TableColumns.humanDuration(Duration.ofSeconds(119))).isEqualTo("119s");
		assertThat(TableColumns.humanDuration(Duration.ofSeconds(125))).isEqualTo("2m5s");
		assertThat(TableColumns.humanDuration(Duration.ofMinutes(75))).isEqualTo("75m");
		assertThat(TableColumns.humanDuration(Duration.ofMinutes(200))).isEqualTo("3h20m");
		assertThat(TableColumns.humanDuration(Duration.ofHours(30))).isEqualTo("30h");
		assertThat(TableColumns.humanDuration(Duration.ofHours(50))).isEqualTo("2d2h");
		assertThat(TableColumns.humanDuration(Duration.ofDays(400))).isEqualTo("400d");
		assertThat(TableColumns.humanDuration(Duration.ofDays(800))).isEqualTo("2y70d");
		assertThat(TableColumns.sinceOrUnknown(Instant.now().minusSeconds(30).toString())).matches("3\\ds");
	}

	private static List<String> rowOf(String path) throws Exception {
		return cells(get(path, TABLE).getAsJsonArray("rows").get(0));
	}

	private static JsonObject get(String path, String accept) throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url() + path))
			.header("Accept", accept)
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JsonParser.parseString(response.body()).getAsJsonObject();
	}

	private static List<String> columns(JsonObject table) {
		List<String> columns = new ArrayList<>();
		for (JsonElement column : table.getAsJsonArray("columnDefinitions")) {
			columns.add(column.getAsJsonObject().get("name").getAsString() + ":"
					+ column.getAsJsonObject().get("priority").getAsInt());
		}
		return columns;
	}

	private static List<String> cells(JsonElement row) {
		List<String> cells = new ArrayList<>();
		for (JsonElement cell : row.getAsJsonObject().getAsJsonArray("cells")) {
			cells.add(cell.isJsonNull() ? "null" : cell.getAsString());
		}
		return cells;
	}

	private static V1Pod pod(String name, V1PodStatus status) {
		return new V1Pod().metadata(new V1ObjectMeta().name(name).namespace("tables"))
			.spec(new V1PodSpec().nodeName("running".equals(name) ? "node-1" : null)
				.containers(List.of(new V1Container().name("a").image("i"), new V1Container().name("b").image("j"))))
			.status(status);
	}

	private static V1ConfigMap configMap(String name) {
		return new V1ConfigMap().metadata(new V1ObjectMeta().name(name).namespace("tables")).data(Map.of("k", "v"));
	}

}
