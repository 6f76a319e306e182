package io.github.informer.health;

import java.time.Duration;

import io.github.informer.actuate.ActuatorHttp;
import io.github.informer.fixtures.Pods;
import io.github.informer.test.EnableFakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServer;
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
 * The readiness probe of an application that starts before its informer can list (RBAC not granted yet): not ready
 * with the reason, then ready once the list succeeds; liveness stays UP throughout.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "kubernetes.informers.resources.pods.api-version=v1",
				"kubernetes.informers.resources.pods.kind=Pod", "kubernetes.informers.resources.pods.namespaces=web",
				"kubernetes.informers.startup.wait-for-sync=false", "kubernetes.informers.backoff.initial-delay=50ms",
				"kubernetes.informers.backoff.max-delay=200ms",
				"kubernetes.informers.health.list-failure-threshold=10m",
				"management.endpoint.health.probes.enabled=true",
				"management.endpoint.health.group.readiness.include=readinessState,informers",
				"management.endpoint.health.group.readiness.show-details=always",
				"management.endpoints.web.exposure.include=health,informers" })
@EnableFakeKubernetesApiServer
@DirtiesContext
class InformerReadinessWebTests {

	@LocalServerPort
	int port;

	@Autowired
	FakeKubernetesApiServer server;

	@Test
	void readinessTurnsFromOutOfServiceToUpWhenTheInformerSyncs() {
		ActuatorHttp http = new ActuatorHttp(this.port);
		// wait-for-sync=false: the application may answer before the first list has failed
		await().atMost(Duration.ofSeconds(30))
			.until(() -> http.get("/actuator/health/readiness").body().contains("\"code\":403"));
		ActuatorHttp.Reply notReady = http.get("/actuator/health/readiness");
		assertThat(notReady.status()).isEqualTo(503);
		assertThat(notReady.json().get("status").asString()).isEqualTo("OUT_OF_SERVICE");
		assertThat(notReady.json().get("components").get("readinessState").get("status").asString()).isEqualTo("UP");
		JsonNode pods = notReady.json().get("components").get("informers").get("components").get("pods");
		assertThat(pods.get("status").asString()).isEqualTo("OUT_OF_SERVICE");
		assertThat(pods.get("details").get("synced").asBoolean()).isFalse();
		assertThat(pods.get("details").get("error").get("code").asInt()).isEqualTo(403);

		JsonNode endpointBeforeSync = http.get("/actuator/informers/pods").json();
		assertThat(endpointBeforeSync.get("synced").asBoolean()).isFalse();
		assertThat(endpointBeforeSync.get("syncedAt").isNull()).isTrue();
		assertThat(endpointBeforeSync.get("cacheSize").asInt()).isZero();
		assertThat(endpointBeforeSync.get("watch").get("state").asString()).isIn("BACKOFF", "LISTING");
		assertThat(endpointBeforeSync.get("watch").get("failingSince").isString()).isTrue();
		JsonNode lastError = endpointBeforeSync.get("watch").get("lastError");
		assertThat(lastError.get("verb").asString()).isEqualTo("list");
		assertThat(lastError.get("resource").asString()).isEqualTo("pods");
		assertThat(lastError.get("namespace").asString()).isEqualTo("web");
		assertThat(lastError.get("code").asInt()).isEqualTo(403);
		assertThat(lastError.get("reason").asString()).isEqualTo("Forbidden");

		ActuatorHttp.Reply liveness = http.get("/actuator/health/liveness");
		assertThat(liveness.status()).isEqualTo(200);
		assertThat(liveness.body()).doesNotContain("informers");

		this.server.allow("pods", "web");
		await().atMost(Duration.ofSeconds(30)).until(() -> http.get("/actuator/health/readiness").status() == 200);
		ActuatorHttp.Reply ready = http.get("/actuator/health/readiness");
		assertThat(ready.json().get("status").asString()).isEqualTo("UP");
		JsonNode readyPods = ready.json().get("components").get("informers").get("components").get("pods");
		assertThat(readyPods.get("status").asString()).isEqualTo("UP");
		assertThat(readyPods.get("details").get("synced").asBoolean()).isTrue();
		assertThat(readyPods.get("details").get("cacheSize").asInt()).isEqualTo(1);
		assertThat(readyPods.get("details").has("error")).isFalse();
		JsonNode endpointAfterSync = http.get("/actuator/informers/pods").json();
		assertThat(endpointAfterSync.get("synced").asBoolean()).isTrue();
		assertThat(endpointAfterSync.get("cacheSize").asInt()).isEqualTo(1);
		assertThat(endpointAfterSync.get("watch").get("failingSince").isNull()).isTrue();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ReadinessApplication {

		/**
		 * The service account may not list pods in "web" yet when the application starts.
		 */
		@Bean
		Object rbacNotGrantedYet(FakeKubernetesApiServer server) {
			server.create(Pods.pod("web", "a", "web"));
			server.forbid("pods", "web");
			return "forbidden";
		}

	}

}
