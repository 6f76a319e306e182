package io.github.informer.health;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.github.informer.autoconfigure.InformerAutoConfiguration;
import io.github.informer.client.WatchState;
import io.github.informer.fixtures.Pods;
import io.github.informer.registry.Informers;
import io.github.informer.registry.ManagedInformer;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One informer's health through its states, against the in-JVM API server; the threshold is crossed by moving the
 * indicator's clock rather than by waiting.
 */
class InformerHealthIndicatorTests {

	private static final Duration THRESHOLD = Duration.ofSeconds(30);

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	private FakeKubernetesApiServer server;

	private ApplicationContextRunner runner;

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		this.server = server;
		this.server.create(Pods.pod("web", "a", "web"));
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(InformerAutoConfiguration.class))
			.withPropertyValues("kubernetes.informers.client.url=" + this.server.url(),
					"kubernetes.informers.resources.pods.api-version=v1",
					"kubernetes.informers.resources.pods.kind=Pod",
					"kubernetes.informers.resources.pods.namespaces=web",
					"kubernetes.informers.startup.wait-for-sync=false",
					"kubernetes.informers.backoff.initial-delay=50ms", "kubernetes.informers.backoff.max-delay=100ms");
	}

	@Test
	void outOfServiceWhileForbiddenThenDownPastTheThresholdThenUpOnceSynced() {
		this.server.forbid("pods", "web");
		this.runner.run((context) -> {
			ManagedInformer<?> pods = context.getBean(Informers.class).get("pods");
			InformerHealthIndicator now = new InformerHealthIndicator(pods, THRESHOLD, Clock.systemUTC());
			InformerHealthIndicator later = new InformerHealthIndicator(pods, THRESHOLD,
					Clock.offset(Clock.systemUTC(), THRESHOLD.plusSeconds(1)));
			await().atMost(Duration.ofSeconds(10)).until(() -> pods.watchStatus().lastError() != null);
			Health notReady = now.health();
			assertThat(notReady.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
			assertThat(error(notReady)).containsEntry("code", 403).containsEntry("verb", "list");
			Health down = later.health();
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat(error(down)).containsEntry("resource", "pods")
				.containsEntry("namespace", "web")
				.containsEntry("reason", "Forbidden");
			assertThat((String) error(down).get("message")).contains("cannot list resource \"pods\"");
			assertThat(down.getDetails()).containsEntry("failureThreshold", "PT30S");

			this.server.allow("pods", "web");
			await().atMost(Duration.ofSeconds(10)).until(pods::hasSynced);
			assertThat(now.health().getStatus()).isEqualTo(Status.UP);
			assertThat(later.health().getStatus()).isEqualTo(Status.UP);
			assertThat(later.health().getDetails()).containsEntry("synced", true)
				.containsEntry("cacheSize", 1)
				.doesNotContainKeys("error", "failingSince");
		});
	}

	@Test
	void aDroppedWatchOrABriefOutageAfterSyncIsADetailNotDown() {
		this.runner.run((context) -> {
			ManagedInformer<?> pods = context.getBean(Informers.class).get("pods");
			InformerHealthIndicator indicator = new InformerHealthIndicator(pods, THRESHOLD, Clock.systemUTC());
			await().atMost(Duration.ofSeconds(10)).until(() -> pods.watchStatus().state() == WatchState.WATCHING);
			this.server.closeAllWatches();
			await().atMost(Duration.ofSeconds(10)).until(() -> pods.watchStatus().restarts() >= 1);
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);

			this.server.stop();
			await().atMost(Duration.ofSeconds(10)).until(() -> pods.watchStatus().failingSince() != null);
			Health recovering = indicator.health();
			assertThat(recovering.getStatus()).isEqualTo(Status.UP);
			assertThat(recovering.getDetails()).containsKeys("failingSince", "failingFor");
			assertThat(error(recovering)).containsEntry("verb", "watch").containsEntry("code", 0);

			this.server.restart();
			await().atMost(Duration.ofSeconds(10)).until(() -> pods.watchStatus().failingSince() == null);
			Health recovered = indicator.health();
			assertThat(recovered.getStatus()).isEqualTo(Status.UP);
			assertThat(recovered.getDetails()).doesNotContainKeys("error", "failingSince");
			assertThat(watch(recovered)).containsKey("lastError").containsEntry("state", "WATCHING");
			assertThat((long) watch(recovered).get("restarts")).isGreaterThanOrEqualTo(2);
		});
	}

	@Test
	void anOutageLongerThanTheThresholdAfterSyncIsDownUntilTheWatchResumes() {
		this.runner.run((context) -> {
			ManagedInformer<?> pods = context.getBean(Informers.class).get("pods");
			InformerHealthIndicator later = new InformerHealthIndicator(pods, THRESHOLD,
					Clock.offset(Clock.systemUTC(), THRESHOLD.plusSeconds(1)));
			await().atMost(Duration.ofSeconds(10)).until(() -> pods.watchStatus().state() == WatchState.WATCHING);
			assertThat(later.health().getStatus()).isEqualTo(Status.UP);
			this.server.stop();
			await().atMost(Duration.ofSeconds(10)).until(() -> pods.watchStatus().failingSince() != null);
			Health down = later.health();
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat(down.getDetails()).containsEntry("synced", true);
			assertThat((String) error(down).get("message")).contains(this.server.url());
			this.server.restart();
			await().atMost(Duration.ofSeconds(10)).until(() -> later.health().getStatus().equals(Status.UP));
		});
	}

	@Test
	void anInformerWhoseLoopStoppedWhileFailingIsDownAtOnceNotOutOfService() {
		this.server.forbid("pods", "web");
		this.runner.run((context) -> {
			ManagedInformer<?> pods = context.getBean(Informers.class).get("pods");
			InformerHealthIndicator now = new InformerHealthIndicator(pods, THRESHOLD, Clock.systemUTC());
			await().atMost(Duration.ofSeconds(10)).until(() -> pods.watchStatus().lastError() != null);
			assertThat(now.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
			pods.informer().stop();
			assertThat(pods.watchStatus().state()).isEqualTo(WatchState.STOPPED);
			Health down = now.health();
			assertThat(down.getStatus()).isEqualTo(Status.DOWN);
			assertThat(error(down)).containsEntry("code", 403);
			assertThat(watch(down)).containsEntry("state", "STOPPED");
		});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> error(Health health) {
		return (Map<String, Object>) health.getDetails().get("error");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> watch(Health health) {
		return (Map<String, Object>) health.getDetails().get("watch");
	}

}
