package io.github.informer.sample;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.informer.sample.cluster.EmbeddedClusterInitializer;
import io.github.informer.test.FakeKubernetesApiServer;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample as it runs from the README's command: the embedded fake cluster with the demo objects (workload off so
 * the answers are exact), the REST answers, {@code /actuator/informers} and the probes, over HTTP.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.embedded-cluster.mode=always", "sample.embedded-cluster.workload-interval=0s" })
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier(EmbeddedClusterInitializer.SERVER_BEAN_NAME)
	FakeKubernetesApiServer server;

	@Test
	void podsPerNodeCountsEveryNodeFromTheIndex() throws Exception {
		DocumentContext json = get("/api/pods-per-node", 200);
		assertThat(json.<Map<String, Object>>read("$.nodes")).containsExactly(Map.entry("node-1", 3),
				Map.entry("node-2", 3), Map.entry("node-3", 2));
		assertThat(json.<Integer>read("$.unscheduled")).isEqualTo(1);
	}

	@Test
	void podsOnANodeAreListedByNamespaceAndName() throws Exception {
		DocumentContext json = get("/api/nodes/node-3/pods", 200);
		assertThat(json.<List<String>>read("$[*].name")).containsExactly("frontend-6f7c9d8b5-zx9tp",
				"payments-5c9f6d7b8-w2jfk");
		assertThat(json.<List<String>>read("$[*].phase")).containsExactly("Running", "Running");
		assertThat(json.<List<String>>read("$[*].namespace")).containsOnly("shop");
	}

	@Test
	void unknownNodeIsNotFound() throws Exception {
		get("/api/nodes/node-9/pods", 404);
	}

	@Test
	void unavailableDeploymentsAreThoseWithFewerAvailableThanDesiredReplicas() throws Exception {
		DocumentContext json = get("/api/deployments/unavailable", 200);
		// namespace web holds the Website controller's Deployments, which no pods back on the embedded cluster
		assertThat(json.<List<Map<String, Object>>>read("$[?(@.namespace != 'web')]")).containsExactly(
				Map.of("namespace", "shop", "name", "payments", "replicas", 2, "availableReplicas", 1));
	}

	@Test
	void informersEndpointShowsEveryInformerSyncedWithItsHandlers() throws Exception {
		DocumentContext json = get("/actuator/informers", 200);
		assertThat(json.<Map<String, Object>>read("$.informers")).containsOnlyKeys("pods", "deployments", "nodes",
				"websites", "configmaps");
		assertThat(json.<Boolean>read("$.informers.pods.synced")).isTrue();
		assertThat(json.<Integer>read("$.informers.pods.cacheSize")).isEqualTo(9);
		assertThat(json.<Map<String, Object>>read("$.informers.pods.cacheSizeByNamespace"))
			.containsExactlyInAnyOrderEntriesOf(Map.of("shop", 7, "kube-system", 2));
		assertThat(json.<String>read("$.informers.deployments.apiVersion")).isEqualTo("apps/v1");
		assertThat(json.<Boolean>read("$.informers.deployments.synced")).isTrue();
		assertThat(json.<Map<String, Object>>read("$.informers.deployments.cacheSizeByNamespace"))
			.containsEntry("shop", 3)
			.containsEntry("kube-system", 1);
		assertThat(json.<Integer>read("$.informers.nodes.cacheSize")).isEqualTo(3);
		assertThat(json.<String>read("$.informers.pods.watch.state")).isEqualTo("WATCHING");
		assertThat(json.<List<String>>read("$.informers.pods.handlers[*].id"))
			.containsExactlyInAnyOrder("podPhaseLogger.onUpdate", "podPhaseLogger.onDelete");
		assertThat(json.<List<String>>read("$.informers.deployments.handlers[*].id"))
			.containsExactly("deploymentAvailabilityReporter.onDeployment");
		assertThat(json.<String>read("$.informers.deployments.handlers[0].resync")).isEqualTo("PT30S");
	}

	@Test
	void readinessIncludesTheInformersAndLivenessDoesNot() throws Exception {
		DocumentContext readiness = get("/actuator/health/readiness", 200);
		assertThat(readiness.<String>read("$.status")).isEqualTo("UP");
		assertThat(readiness.<String>read("$.components.informers.status")).isEqualTo("UP");
		assertThat(readiness.<Map<String, Object>>read("$.components.informers.components")).containsOnlyKeys("pods",
				"deployments", "nodes", "websites", "configmaps");
		DocumentContext liveness = get("/actuator/health/liveness", 200);
		assertThat(liveness.<String>read("$.status")).isEqualTo("UP");
		assertThat(liveness.jsonString()).doesNotContain("informers");
	}

	@Test
	@DirtiesContext
	void answersAndLogsFollowTheCluster(CapturedOutput output) throws Exception {
		V1Pod pending = this.server.get(V1Pod.class, "shop", "payments-5c9f6d7b8-b7tcs").orElseThrow();
		pending.getSpec().setNodeName("node-1");
		pending.getStatus().setPhase("Running");
		this.server.update(pending);
		V1Deployment payments = this.server.get(V1Deployment.class, "shop", "payments").orElseThrow();
		payments.getStatus().availableReplicas(2).readyReplicas(2).unavailableReplicas(null);
		this.server.update(payments);

		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			DocumentContext json = get("/api/pods-per-node", 200);
			assertThat(json.<Integer>read("$.nodes.node-1")).isEqualTo(4);
			assertThat(json.<Integer>read("$.unscheduled")).isZero();
			assertThat(get("/api/deployments/unavailable", 200).<List<Object>>read("$[?(@.namespace != 'web')]"))
				.isEmpty();
		});
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output).contains(
					"Pod shop/payments-5c9f6d7b8-b7tcs phase Pending -> Running on node-1",
					"Deployment shop/payments fully available again: 2/2 replicas available"));

		this.server.delete("v1", "Pod", "shop", "frontend-6f7c9d8b5-7kq2x");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(get("/api/pods-per-node", 200).<Integer>read("$.nodes.node-1")).isEqualTo(3);
			assertThat(output).contains("Pod shop/frontend-6f7c9d8b5-7kq2x deleted (last phase Running)");
		});
	}

	private DocumentContext get(String path, int status) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build();
		HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(status);
		return JsonPath.parse(response.body());
	}

}
