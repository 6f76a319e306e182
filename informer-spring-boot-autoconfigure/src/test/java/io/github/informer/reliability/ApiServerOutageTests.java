package io.github.informer.reliability;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.informer.actuate.ActuatorHttp;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * No cluster reachable: with {@code startup.fail-on-timeout=true} startup fails naming the URL tried unless
 * the API server comes up within the sync timeout; with {@code false} the application starts not ready, keeps retrying
 * with backoff, and becomes ready once the API server is up, without a restart.
 */
@ExtendWith(OutputCaptureExtension.class)
class ApiServerOutageTests {

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	private FakeKubernetesApiServer server;

	private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

	@BeforeEach
	void serverThatIsDown(FakeKubernetesApiServer server) {
		this.server = server;
		this.server.create(new V1ConfigMap().metadata(new V1ObjectMeta().namespace("web").name("settings")));
		this.server.stop();
	}

	@AfterEach
	void stopScheduler() {
		this.later.shutdownNow();
	}

	@Test
	void failOnTimeoutFailsStartupWithAReportNamingTheUrlTried(CapturedOutput output) {
		List<String> before = ReliabilityApps.informerThreads();
		assertThatException().isThrownBy(() -> ReliabilityApps.web(List.of(), properties(true, "600ms")).close());
		String report = output.getAll();
		assertThat(report).contains("APPLICATION FAILED TO START");
		String description = report.substring(report.indexOf("Description:"), report.indexOf("Action:"));
		assertThat(description).contains("Kubernetes informers did not sync within PT0.6S from API server "
				+ this.server.url())
			.contains("'configmaps' (ConfigMap v1)")
			.contains("discovery configmaps failed")
			.contains(this.server.url());
		assertThat(report.substring(report.indexOf("Action:")))
			.contains("Check that " + this.server.url() + " is reachable")
			.contains("kubernetes.informers.startup.fail-on-timeout=false");
		assertThat(ReliabilityApps.informerThreads()).as("informer threads after the failed start")
			.isSubsetOf(before);
	}

	@Test
	void failOnTimeoutStartsOnceTheApiServerComesUpWithinTheTimeout() {
		this.later.schedule(this.server::start, 1, TimeUnit.SECONDS);
		try (ConfigurableApplicationContext context = ReliabilityApps.web(List.of(), properties(true, "30s"))) {
			ActuatorHttp http = new ActuatorHttp(ReliabilityApps.port(context));
			assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
			assertThat(http.get("/actuator/informers/configmaps").json().get("cacheSize").asInt()).isEqualTo(1);
		}
	}

	@Test
	void withoutFailOnTimeoutTheApplicationStartsNotReadyAndBecomesReadyWhenTheApiServerComesUp(
			CapturedOutput output) {
		try (ConfigurableApplicationContext context = ReliabilityApps.web(List.of(), properties(false, "300ms"))) {
			ActuatorHttp http = new ActuatorHttp(ReliabilityApps.port(context));
			ActuatorHttp.Reply notReady = http.get("/actuator/health/readiness");
			assertThat(notReady.status()).isEqualTo(503);
			JsonNode configMaps = notReady.json().get("components").get("informers").get("components")
				.get("configmaps");
			assertThat(configMaps.get("status").asString()).isEqualTo("OUT_OF_SERVICE");
			assertThat(output.getAll()).contains("did not sync within PT0.3S from API server " + this.server.url())
				.contains("starting anyway, not ready, and retrying with backoff");
			assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(http.get("/actuator/informers/configmaps").json().get("watch")
					.get("restarts")
					.asInt()).isGreaterThanOrEqualTo(2));

			this.server.start();
			await().atMost(Duration.ofSeconds(15))
				.until(() -> http.get("/actuator/health/readiness").status() == 200);
			assertThat(http.get("/actuator/informers/configmaps").json().get("cacheSize").asInt()).isEqualTo(1);
		}
	}

	private String[] properties(boolean failOnTimeout, String syncTimeout) {
		return new String[] { "kubernetes.informers.client.url=" + this.server.url(),
				"kubernetes.informers.resources.configmaps.api-version=v1",
				"kubernetes.informers.resources.configmaps.kind=ConfigMap",
				"kubernetes.informers.backoff.initial-delay=100ms", "kubernetes.informers.backoff.max-delay=1s",
				"kubernetes.informers.startup.sync-timeout=" + syncTimeout,
				"kubernetes.informers.startup.fail-on-timeout=" + failOnTimeout,
				"management.endpoint.health.probes.enabled=true" };
	}

}
