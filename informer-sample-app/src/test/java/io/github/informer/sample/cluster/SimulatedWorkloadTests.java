package io.github.informer.sample.cluster;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The simulated workload against a real fake API server seeded with the demo objects: one change per tick, in its
 * documented order, with deployment status following the pods.
 */
class SimulatedWorkloadTests {

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	private FakeKubernetesApiServer server;

	private SimulatedWorkload workload;

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		this.server = server;
		this.server.seed(DemoCluster.objects());
		this.workload = new SimulatedWorkload(this.server, Duration.ofMillis(20), new Random(7));
	}

	@AfterEach
	void close() {
		this.workload.stop();
	}

	@Test
	void firstTickSchedulesThePendingPodOnTheLeastBusyNode() {
		this.workload.tick();
		V1Pod pod = pod("shop", "payments-5c9f6d7b8-b7tcs");
		assertThat(pod.getSpec().getNodeName()).isEqualTo("node-3");
		assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
		assertThat(available("shop", "payments")).isEqualTo(2);
	}

	@Test
	void podsCrashAreDeletedAndReplacedThenScheduled() {
		this.workload.tick();
		this.workload.tick();
		List<V1Pod> failed = podsInPhase("Failed");
		assertThat(failed).hasSize(1);
		V1Pod crashed = failed.get(0);
		String app = crashed.getMetadata().getLabels().get("app");
		String namespace = crashed.getMetadata().getNamespace();
		int replicas = deployment(namespace, app).getSpec().getReplicas();
		assertThat(available(namespace, app)).isEqualTo(replicas - 1);

		this.workload.tick();
		assertThat(this.server.get(V1Pod.class, namespace, crashed.getMetadata().getName())).isEmpty();
		assertThat(podsOf(namespace, app)).hasSize(replicas - 1);

		this.workload.tick();
		List<V1Pod> pending = podsInPhase("Pending");
		assertThat(pending).singleElement().satisfies((pod) -> {
			assertThat(pod.getMetadata().getName()).startsWith(app + "-");
			assertThat(pod.getSpec().getNodeName()).isNull();
		});
		assertThat(deployment(namespace, app).getStatus().getReplicas()).isEqualTo(replicas);

		this.workload.tick();
		assertThat(podsInPhase("Pending")).isEmpty();
		assertThat(podsInPhase("Failed")).isEmpty();
		assertThat(available(namespace, app)).isEqualTo(replicas);
	}

	@Test
	void crashesPickAmongAllRunningPods() {
		this.workload.tick();
		Set<String> apps = new HashSet<>();
		for (int i = 0; i < 40; i++) {
			this.workload.tick();
			podsInPhase("Failed").forEach((pod) -> apps.add(pod.getMetadata().getLabels().get("app")));
		}
		assertThat(apps).hasSizeGreaterThan(1);
	}

	@Test
	void deploymentsWithoutPodsGetTheirReplicas() {
		Map<String, String> labels = Map.of("app", "web");
		this.server.create(new V1Deployment().apiVersion("apps/v1")
			.kind("Deployment")
			.metadata(new V1ObjectMeta().name("web").namespace("kubectl"))
			.spec(new V1DeploymentSpec().replicas(2)
				.selector(new V1LabelSelector().matchLabels(labels))
				.template(new V1PodTemplateSpec().metadata(new V1ObjectMeta().labels(labels))
					.spec(new V1PodSpec().containers(List.of(new V1Container().name("nginx").image("nginx")))))));
		for (int i = 0; i < 5; i++) {
			this.workload.tick();
		}
		assertThat(podsOf("kubectl", "web")).hasSize(2)
			.allSatisfy((pod) -> assertThat(pod.getStatus().getPhase()).isEqualTo("Running"));
		assertThat(available("kubectl", "web")).isEqualTo(2);
	}

	@Test
	void runsOnItsOwnThreadUntilStopped() {
		String before = this.server.resourceVersion();
		this.workload.start();
		assertThat(this.workload.isRunning()).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.server.resourceVersion().equals(before));
		this.workload.stop();
		assertThat(this.workload.isRunning()).isFalse();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> Thread.getAllStackTraces()
				.keySet()
				.stream()
				.noneMatch((thread) -> thread.isAlive() && thread.getName().equals("sample-workload")));
	}

	private V1Pod pod(String namespace, String name) {
		return this.server.get(V1Pod.class, namespace, name).orElseThrow();
	}

	private V1Deployment deployment(String namespace, String name) {
		return this.server.get(V1Deployment.class, namespace, name).orElseThrow();
	}

	private int available(String namespace, String name) {
		return deployment(namespace, name).getStatus().getAvailableReplicas();
	}

	private List<V1Pod> podsInPhase(String phase) {
		return this.server.list(V1Pod.class, null)
			.stream()
			.filter((pod) -> phase.equals(pod.getStatus().getPhase()))
			.toList();
	}

	private List<V1Pod> podsOf(String namespace, String app) {
		return this.server.list(V1Pod.class, namespace)
			.stream()
			.filter((pod) -> app.equals(pod.getMetadata().getLabels().get("app")))
			.toList();
	}

}
