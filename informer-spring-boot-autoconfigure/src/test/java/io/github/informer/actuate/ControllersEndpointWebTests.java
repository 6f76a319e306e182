package io.github.informer.actuate;

import java.time.Instant;
import java.util.Map;

import io.github.informer.controller.KubernetesReconciler;
import io.github.informer.controller.ReconcileRequest;
import io.github.informer.controller.ReconcileResult;
import io.github.informer.controller.Reconciler;
import io.github.informer.test.EnableFakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServer;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The endpoint's {@code controllers} object and the controller meters over HTTP on a real web server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "kubernetes.informers.resources.configmaps.api-version=v1",
				"kubernetes.informers.resources.configmaps.kind=ConfigMap",
				"kubernetes.informers.resources.pods.api-version=v1", "kubernetes.informers.resources.pods.kind=Pod",
				"kubernetes.informers.controllers.config.workers=2",
				"management.endpoints.web.exposure.include=informers,metrics" })
@EnableFakeKubernetesApiServer
@DirtiesContext
class ControllersEndpointWebTests {

	@LocalServerPort
	int port;

	@Autowired
	FakeKubernetesApiServer server;

	@Test
	void controllersObjectShowsQueueOutcomesAndTheLastErrorWithoutObjectContents() {
		this.server.create(configMap("ok", "secret-value-1"));
		this.server.create(configMap("broken", "secret-value-2"));
		ActuatorHttp http = new ActuatorHttp(this.port);
		await().untilAsserted(() -> {
			JsonNode config = http.get("/actuator/informers").json().get("controllers").get("config");
			assertThat(config.get("reconciles").get("success").asLong()).isGreaterThanOrEqualTo(1);
			assertThat(config.get("reconciles").get("error").asLong()).isGreaterThanOrEqualTo(1);
		});
		ActuatorHttp.Reply reply = http.get("/actuator/informers");
		JsonNode config = reply.json().get("controllers").get("config");
		assertThat(config.get("informer").asString()).isEqualTo("configmaps");
		assertThat(config.get("owns").toString()).isEqualTo("[\"pods\"]");
		assertThat(config.get("workers").asInt()).isEqualTo(2);
		assertThat(config.get("leaderOnly").asBoolean()).isTrue();
		assertThat(config.get("running").asBoolean()).isTrue();
		JsonNode queue = config.get("queue");
		for (String field : new String[] { "depth", "processing", "waiting", "retrying" }) {
			assertThat(queue.get(field).isNumber()).as(field).isTrue();
		}
		assertThat(queue.get("retrying").asInt()).isEqualTo(1);
		assertThat(config.get("reconciles").get("requeue").asLong()).isZero();
		assertThat(config.get("reconciles").get("dropped").asLong()).isZero();
		JsonNode lastError = config.get("lastError");
		assertThat(lastError.get("key").asString()).isEqualTo("web/broken");
		assertThat(lastError.get("type").asString()).isEqualTo(IllegalStateException.class.getName());
		assertThat(lastError.get("message").asString()).isEqualTo("cannot reconcile broken");
		assertThat(Instant.parse(config.get("lastReconcileAt").asString())).isBeforeOrEqualTo(Instant.now());
		assertThat(config.get("longestRunning").asString()).startsWith("PT");
		assertThat(reply.body()).doesNotContain("secret-value");
		assertThat(reply.json().get("informers").has("configmaps")).isTrue();
	}

	@Test
	void metersAreTaggedByControllerAndResult() {
		this.server.create(configMap("metered", "v"));
		ActuatorHttp http = new ActuatorHttp(this.port);
		await().untilAsserted(() -> assertThat(
				http.get("/actuator/metrics/informer.controller.reconcile?tag=controller:config&tag=result:success")
					.status())
			.isEqualTo(200));
		for (String meter : new String[] { "informer.controller.queue.depth", "informer.controller.queue.adds",
				"informer.controller.queue.duration", "informer.controller.retries", "informer.controller.dropped",
				"informer.controller.unfinished", "informer.controller.longest.running" }) {
			assertThat(http.get("/actuator/metrics/" + meter + "?tag=controller:config").status()).as(meter)
				.isEqualTo(200);
		}
		JsonNode adds = http.get("/actuator/metrics/informer.controller.queue.adds?tag=controller:config").json();
		assertThat(adds.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(1);
		assertThat(http.get("/actuator/metrics/informer.controller.reconcile").json().get("availableTags").toString())
			.contains("result").contains("controller").doesNotContain("web/");
	}

	private static V1ConfigMap configMap(String name, String value) {
		return new V1ConfigMap().apiVersion("v1")
			.kind("ConfigMap")
			.metadata(new V1ObjectMeta().namespace("web").name(name))
			.data(Map.of("value", value));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ControllerApplication {

		@Bean
		ConfigReconciler config() {
			return new ConfigReconciler();
		}

	}

	@KubernetesReconciler(informer = "configmaps", owns = "pods")
	static class ConfigReconciler implements Reconciler<V1ConfigMap> {

		@Override
		public ReconcileResult reconcile(ReconcileRequest request) {
			if (request.name().equals("broken")) {
				throw new IllegalStateException("cannot reconcile broken");
			}
			return ReconcileResult.done();
		}

	}

}
