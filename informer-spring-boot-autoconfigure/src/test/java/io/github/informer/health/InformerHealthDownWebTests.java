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
 * A 403 that lasts longer than {@code kubernetes.informers.health.list-failure-threshold} turns the informer's health
 * DOWN, with the verb, resource, namespace and the API server's message; granting access turns it UP again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "kubernetes.informers.resources.pods.api-version=v1",
				"kubernetes.informers.resources.pods.kind=Pod", "kubernetes.informers.resources.pods.namespaces=web",
				"kubernetes.informers.startup.wait-for-sync=false", "kubernetes.informers.backoff.initial-delay=50ms",
				"kubernetes.informers.backoff.max-delay=200ms",
				"kubernetes.informers.health.list-failure-threshold=300ms",
				"management.endpoint.health.group.readiness.include=readinessState,informers",
				"management.endpoint.health.show-details=always" })
@EnableFakeKubernetesApiServer
@DirtiesContext
class InformerHealthDownWebTests {

	@LocalServerPort
	int port;

	@Autowired
	FakeKubernetesApiServer server;

	@Test
	void aForbiddenListTurnsHealthDownWithTheReasonUntilAccessIsGranted() {
		ActuatorHttp http = new ActuatorHttp(this.port);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> "DOWN".equals(http.get("/actuator/health/readiness").json().get("status").asString()));
		ActuatorHttp.Reply down = http.get("/actuator/health/readiness");
		assertThat(down.status()).isEqualTo(503);
		JsonNode pods = down.json().get("components").get("informers").get("components").get("pods");
		assertThat(pods.get("status").asString()).isEqualTo("DOWN");
		JsonNode details = pods.get("details");
		assertThat(details.get("synced").asBoolean()).isFalse();
		assertThat(Duration.parse(details.get("failingFor").asString())).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		JsonNode error = details.get("error");
		assertThat(error.get("verb").asString()).isEqualTo("list");
		assertThat(error.get("resource").asString()).isEqualTo("pods");
		assertThat(error.get("namespace").asString()).isEqualTo("web");
		assertThat(error.get("code").asInt()).isEqualTo(403);
		assertThat(error.get("reason").asString()).isEqualTo("Forbidden");
		assertThat(error.get("message").asString())
			.isEqualTo("pods is forbidden: User \"system:anonymous\" cannot list resource \"pods\" in API group \"\""
					+ " in the namespace \"web\"");
		assertThat(details.get("reason").asString()).startsWith("list pods in namespace web failed: 403 Forbidden: ");
		assertThat(http.get("/actuator/health").json().get("status").asString()).isEqualTo("DOWN");

		this.server.allow("pods", "web");
		await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/actuator/health/readiness").status() == 200);
		JsonNode up = http.get("/actuator/health/readiness").json();
		assertThat(up.get("components").get("informers").get("status").asString()).isEqualTo("UP");
	}

	@Test
	void theEndpointIsAbsentWhenNotExposed() {
		ActuatorHttp http = new ActuatorHttp(this.port);
		assertThat(http.get("/actuator/informers").status()).isEqualTo(404);
		assertThat(http.get("/actuator/informers/pods").status()).isEqualTo(404);
		assertThat(http.get("/actuator").body()).doesNotContain("informers");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ForbiddenApplication {

		@Bean
		Object rbacMissing(FakeKubernetesApiServer server) {
			server.create(Pods.pod("web", "a", "web"));
			server.forbid("pods", "web");
			return "forbidden";
		}

	}

}
