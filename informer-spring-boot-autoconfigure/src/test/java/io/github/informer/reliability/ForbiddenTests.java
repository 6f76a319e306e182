package io.github.informer.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.informer.actuate.ActuatorHttp;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.github.informer.test.RecordedRequest;
import io.github.informer.test.RequestFailure;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 401/403 from the API server: health DOWN with the reason (verb, resource, namespace), retries with
 * exponential backoff (counted at the server: no tight loop), one warning rather than a log flood, and recovery once
 * access is granted. The DOWN details themselves are covered by {@code InformerHealthDownWebTests}; this class counts.
 */
@ExtendWith(OutputCaptureExtension.class)
class ForbiddenTests {

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	private FakeKubernetesApiServer server;

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		this.server = server;
		this.server.create(new V1ConfigMap().metadata(new V1ObjectMeta().namespace("web").name("settings")));
	}

	@Test
	void forbiddenListIsRetriedWithBackoffLoggedOnceAndRecoversWhenAllowed(CapturedOutput output) {
		this.server.forbid("configmaps", "web");
		try (ConfigurableApplicationContext context = ReliabilityApps.web(List.of(), properties())) {
			ActuatorHttp http = new ActuatorHttp(ReliabilityApps.port(context));
			await().atMost(Duration.ofSeconds(10)).until(() -> health(http).get("status").asString().equals("DOWN"));
			JsonNode details = health(http).get("details");
			assertThat(details.get("reason").asString())
				.startsWith("list configmaps in namespace web failed: 403 Forbidden");
			Instant since = Instant.now();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> Duration.between(since, Instant.now()).toMillis() >= 3000);
			List<RecordedRequest> lists = lists(since);
			// 100 ms doubling to 1 s (±20%): about 5 attempts in 3 s; a tight loop would make hundreds
			assertThat(lists).as("list requests in 3 s").hasSizeBetween(2, 10);
			assertThat(lists).allSatisfy((request) -> assertThat(request.status()).isEqualTo(403));
			assertThat(output.getAll().lines().filter((line) -> line.contains(" WARN ")
					&& line.contains("list configmaps in namespace web failed: 403 Forbidden"))).hasSize(1);

			this.server.allow("configmaps", "web");
			await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/actuator/health/readiness").status() == 200);
			assertThat(health(http).get("status").asString()).isEqualTo("UP");
			assertThat(output.getAll()).contains("recovered after");
		}
	}

	@Test
	void unauthorizedIsDownWithTheReasonAndRecoversWhenCredentialsWork() {
		// credentials rejected for the next 6 attempts (about 2.5 s with this backoff), then accepted, as after a
		// token refresh
		this.server.failNext(RequestFailure.status(401).times(6).resource("configmaps"));
		try (ConfigurableApplicationContext context = ReliabilityApps.web(List.of(), properties())) {
			ActuatorHttp http = new ActuatorHttp(ReliabilityApps.port(context));
			await().atMost(Duration.ofSeconds(10)).until(() -> health(http).get("status").asString().equals("DOWN"));
			JsonNode error = health(http).get("details").get("error");
			assertThat(error.get("code").asInt()).isEqualTo(401);
			assertThat(error.get("reason").asString()).isEqualTo("Unauthorized");
			assertThat(error.get("verb").asString()).isEqualTo("list");
			assertThat(error.get("resource").asString()).isEqualTo("configmaps");
			assertThat(error.get("namespace").asString()).isEqualTo("web");
			await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/actuator/health/readiness").status() == 200);
		}
	}

	private List<RecordedRequest> lists(Instant since) {
		return this.server.requests()
			.stream()
			.filter((request) -> !request.isWatch() && request.path().endsWith("/configmaps")
					&& !request.at().isBefore(since))
			.toList();
	}

	private static JsonNode health(ActuatorHttp http) {
		return http.get("/actuator/health").json().get("components").get("informers").get("components")
			.get("configmaps");
	}

	private String[] properties() {
		return new String[] { "kubernetes.informers.client.url=" + this.server.url(),
				"kubernetes.informers.resources.configmaps.api-version=v1",
				"kubernetes.informers.resources.configmaps.kind=ConfigMap",
				"kubernetes.informers.resources.configmaps.namespaces=web",
				"kubernetes.informers.startup.wait-for-sync=false",
				"kubernetes.informers.backoff.initial-delay=100ms", "kubernetes.informers.backoff.max-delay=1s",
				"kubernetes.informers.health.list-failure-threshold=300ms" };
	}

}
