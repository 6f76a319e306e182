package io.github.informer.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.github.informer.client.WatchState;
import io.github.informer.fixtures.Pods;
import io.github.informer.registry.InformerRegistry;
import io.github.informer.registry.InformerSyncTimeoutException;
import io.github.informer.registry.Informers;
import io.github.informer.registry.ManagedInformer;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starting, waiting for and stopping informers with the application context.
 */
class InformerLifecycleTests extends FakeServerContextSupport {

	@BeforeEach
	void prepare() {
		this.server.create(Pods.pod("web", "frontend"));
		this.runner = this.runner.withPropertyValues("kubernetes.informers.resources.lifecycle-pods.api-version=v1",
				"kubernetes.informers.resources.lifecycle-pods.kind=Pod",
					"kubernetes.informers.resources.lifecycle-web-pods.api-version=v1",
					"kubernetes.informers.resources.lifecycle-web-pods.kind=Pod",
					"kubernetes.informers.resources.lifecycle-web-pods.namespaces=web,other",
					"kubernetes.informers.backoff.initial-delay=50ms");
	}

	@Test
	void startWaitsForSyncAndClosingTheContextLeavesNoInformerThread() {
		List<String> before = informerThreads();
		this.runner.withPropertyValues("kubernetes.informers.client.url=" + this.server.url()).run((context) -> {
			Informers informers = context.getBean(Informers.class);
			InformerRegistry registry = context.getBean(InformerRegistry.class);
			assertThat(informers.get("lifecycle-pods").hasSynced()).isTrue();
			assertThat(informers.get("lifecycle-web-pods").hasSynced()).isTrue();
			assertThat(informerThreads()).contains("informer-lifecycle-pods-watch",
					"informer-lifecycle-web-pods-watch-web", "informer-lifecycle-web-pods-watch-other");
			context.close();
			assertThat(informerThreads()).as("informer threads left after close").isSubsetOf(before);
			assertThat(registry.isRunning()).isFalse();
			assertThat(informers.get("lifecycle-pods").watchStatus().state()).isEqualTo(WatchState.STOPPED);
		});
	}

	@Test
	void aPausedAndRestartedContextKeepsItsInformersWorking() {
		this.runner.withPropertyValues("kubernetes.informers.client.url=" + this.server.url()).run((context) -> {
			ConfigurableApplicationContext application = (ConfigurableApplicationContext) context
				.getSourceApplicationContext();
			// what Spring's test context cache does between test classes
			application.pause();
			application.restart();
			InformerRegistry registry = context.getBean(InformerRegistry.class);
			assertThat(registry.isRunning()).isTrue();
			this.server.create(Pods.pod("web", "after-restart"));
			ManagedInformer<V1Pod> pods = context.getBean(Informers.class).get("lifecycle-pods");
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(pods.lister().namespace("web").get("after-restart")).isNotNull());
			assertThat(pods.watchStatus().state()).isEqualTo(WatchState.WATCHING);
		});
	}

	@Test
	void failOnTimeoutFailsStartupNamingTheUrl() {
		List<String> before = informerThreads();
		String url = this.server.url();
		this.server.stop();
		this.runner
			.withPropertyValues("kubernetes.informers.client.url=" + url,
					"kubernetes.informers.startup.sync-timeout=500ms",
					"kubernetes.informers.startup.fail-on-timeout=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				Throwable failure = context.getStartupFailure();
				InformerSyncTimeoutException timeout = findCause(failure, InformerSyncTimeoutException.class);
				assertThat(timeout.getApiServer()).isEqualTo(url);
				assertThat(timeout.getMessage()).contains(url)
					.contains("'lifecycle-pods' (Pod v1)")
					.contains("'lifecycle-web-pods' (Pod v1)")
					.contains("did not sync within PT0.5S");
				FailureAnalysis analysis = new InformerSyncTimeoutFailureAnalyzer().analyze(failure);
				assertThat(analysis.getDescription()).contains(url).contains("discovery pods failed");
				assertThat(analysis.getAction()).contains("kubernetes.informers.startup.fail-on-timeout=false")
					.contains("kubernetes.informers.client.url");
			});
		assertThat(informerThreads()).as("informer threads left after the failed start").isSubsetOf(before);
	}

	@Test
	void withoutFailOnTimeoutTheApplicationStartsNotSyncedAndCatchesUp() {
		String url = this.server.url();
		this.server.stop();
		this.runner
			.withPropertyValues("kubernetes.informers.client.url=" + url,
					"kubernetes.informers.startup.sync-timeout=300ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ManagedInformer<?> pods = context.getBean(Informers.class).get("lifecycle-pods");
				assertThat(pods.hasSynced()).isFalse();
				assertThat(pods.watchStatus().lastError()).isNotNull();
				assertThat(pods.watchStatus().lastError().message()).contains(url);
				this.server.start();
				assertThat(context.getBean(Informers.class).waitForSync(Duration.ofSeconds(10))).isTrue();
				assertThat(pods.lister().list()).hasSize(1);
			});
	}

	@Test
	void withoutWaitingStartupDoesNotBlock() {
		String url = this.server.url();
		this.server.stop();
		this.runner
			.withPropertyValues("kubernetes.informers.client.url=" + url,
					"kubernetes.informers.startup.wait-for-sync=false",
					"kubernetes.informers.startup.fail-on-timeout=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Informers.class).get("lifecycle-pods").hasSynced()).isFalse();
				this.server.start();
				await().atMost(Duration.ofSeconds(10))
					.until(() -> context.getBean(Informers.class).get("lifecycle-pods").hasSynced());
			});
	}

	@Test
	void registryStartsBeforeTheWebServerPhaseAndStopsAfterIt() {
		this.runner.withPropertyValues("kubernetes.informers.client.url=" + this.server.url()).run((context) -> {
			InformerRegistry registry = context.getBean(InformerRegistry.class);
			// Spring Boot's WebServerStartStopLifecycle runs in DEFAULT_PHASE - 2048; lower phases start first
			assertThat(registry.getPhase()).isLessThan(org.springframework.context.SmartLifecycle.DEFAULT_PHASE - 2048);
			assertThat(registry.isAutoStartup()).isTrue();
		});
	}

	static List<String> informerThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("informer-"))
			.toList();
	}

	static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		Throwable current = failure;
		while (current != null) {
			if (type.isInstance(current)) {
				return type.cast(current);
			}
			current = current.getCause();
		}
		throw new AssertionError("No " + type.getSimpleName() + " in " + failure, failure);
	}

}
