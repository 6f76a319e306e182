package io.github.informer.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.github.informer.annotation.EventType;
import io.github.informer.annotation.InformerHandler;
import io.github.informer.autoconfigure.InformerAutoConfiguration;
import io.github.informer.autoconfigure.InformerHandlerAutoConfiguration;
import io.github.informer.autoconfigure.metrics.InformerMetricsAutoConfiguration;
import io.github.informer.fixtures.Pods;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.kubernetes.client.openapi.models.V1Pod;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The informer meters, bound by Spring Boot's metrics auto-configuration, against the in-JVM API server.
 */
class InformerMetricsTests {

	private static final int N = 25;

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	private FakeKubernetesApiServer server;

	private ApplicationContextRunner runner;

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		this.server = server;
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(InformerAutoConfiguration.class,
					InformerHandlerAutoConfiguration.class, InformerMetricsAutoConfiguration.class,
					MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class))
			.withUserConfiguration(Handlers.class)
			.withPropertyValues("kubernetes.informers.client.url=" + this.server.url(),
					"kubernetes.informers.resources.pods.api-version=v1",
					"kubernetes.informers.resources.pods.kind=Pod");
	}

	@Test
	void metersCountEventsCacheAndHandlerCallsAfterNEvents() {
		this.server.create(Pods.pod("web", "seeded", "web"));
		this.runner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			for (int i = 0; i < N; i++) {
				this.server.create(Pods.pod("web", "pod-" + i, "web"));
			}
			for (int i = 0; i < 5; i++) {
				V1Pod pod = this.server.get(V1Pod.class, "web", "pod-" + i).orElseThrow();
				pod.getMetadata().putAnnotationsItem("touched", "yes");
				this.server.update(pod);
			}
			for (int i = 0; i < 3; i++) {
				this.server.delete("v1", "Pod", "web", "pod-" + i);
			}
			int cached = N + 1 - 3;
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(registry.get("informer.cache.size").tag("informer", "pods").gauge().value())
					.isEqualTo(cached);
				assertThat(events(registry, "added")).isEqualTo(N + 1);
				assertThat(events(registry, "updated")).isEqualTo(5);
				assertThat(events(registry, "deleted")).isEqualTo(3);
				assertThat(timer(registry, "pods.onPod", "success").count()).isEqualTo(N + 1 + 5 + 3);
				assertThat(timer(registry, "pods.onDelete", "failure").count()).isEqualTo(3);
				assertThat(registry.get("informer.handler.queued").tag("handler", "pods.onPod").gauge().value())
					.isZero();
			});
			assertThat(registry.get("informer.synced").tag("informer", "pods").gauge().value()).isEqualTo(1.0);
			assertThat(timer(registry, "pods.onDelete", "success").count()).isZero();
			assertThat(timer(registry, "pods.onPod", "success").totalTime(TimeUnit.NANOSECONDS)).isPositive();
			FunctionTimer lists = registry.get("informer.list.duration").tag("informer", "pods").functionTimer();
			assertThat(lists.count()).isEqualTo(1);
			assertThat(lists.totalTime(TimeUnit.NANOSECONDS)).isPositive();
			FunctionCounter restarts = registry.get("informer.watch.restarts")
				.tag("informer", "pods")
				.functionCounter();
			assertThat(restarts.count()).isZero();
			TimeGauge lag = registry.get("informer.handler.lag").tag("handler", "pods.onPod").timeGauge();
			assertThat(lag.value(TimeUnit.SECONDS)).isZero();

			this.server.closeAllWatches();
			await().atMost(Duration.ofSeconds(10)).until(() -> restarts.count() >= 1);
		});
	}

	@Test
	void everyInformerMeterIsTaggedByInformerWithBoundedTagsOnly() {
		this.runner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			List<Meter> meters = registry.getMeters()
				.stream()
				.filter((meter) -> meter.getId().getName().startsWith("informer."))
				.toList();
			assertThat(meters).extracting((meter) -> meter.getId().getName())
				.contains("informer.cache.size", "informer.synced", "informer.events", "informer.watch.restarts",
						"informer.list.duration", "informer.handler.duration", "informer.handler.queued",
						"informer.handler.lag");
			for (Meter meter : meters) {
				assertThat(meter.getId().getTag("informer")).as(meter.getId().toString()).isEqualTo("pods");
				assertThat(meter.getId().getTags()).extracting(Tag::getKey)
					.as(meter.getId().toString())
					.isSubsetOf(Set.of("informer", "type", "handler", "result"));
			}
		});
	}

	@Test
	void aSlowHandlerShowsQueuedEventsAndLag() {
		this.runner.withUserConfiguration(SlowHandler.class).run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			SlowHandler slow = context.getBean(SlowHandler.class);
			for (int i = 0; i < 3; i++) {
				this.server.create(Pods.pod("web", "slow-" + i, "web"));
			}
			await().atMost(Duration.ofSeconds(10))
				.until(() -> registry.get("informer.handler.queued").tag("handler", "slow.onPod").gauge().value() == 3);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> registry.get("informer.handler.lag")
					.tag("handler", "slow.onPod")
					.timeGauge()
					.value(TimeUnit.MILLISECONDS) >= 100);
			slow.release();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> registry.get("informer.handler.queued").tag("handler", "slow.onPod").gauge().value() == 0);
		});
	}

	private static double events(MeterRegistry registry, String type) {
		return registry.get("informer.events").tag("informer", "pods").tag("type", type).functionCounter().count();
	}

	private static Timer timer(MeterRegistry registry, String handler, String result) {
		return registry.get("informer.handler.duration")
			.tag("informer", "pods")
			.tag("handler", handler)
			.tag("result", result)
			.timer();
	}

	@Configuration(proxyBeanMethods = false)
	static class Handlers {

		@Bean
		PodHandlers podHandlers() {
			return new PodHandlers();
		}

	}

	static class PodHandlers {

		@InformerHandler(informer = "pods", id = "pods.onPod")
		void onPod(V1Pod pod) {
		}

		@InformerHandler(informer = "pods", id = "pods.onDelete", events = EventType.DELETED)
		void onDelete(V1Pod pod) {
			throw new IllegalStateException("not today");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SlowHandler {

		private final java.util.concurrent.CountDownLatch latch = new java.util.concurrent.CountDownLatch(1);

		@InformerHandler(informer = "pods", id = "slow.onPod")
		void onPod(V1Pod pod) throws InterruptedException {
			this.latch.await(10, TimeUnit.SECONDS);
		}

		void release() {
			this.latch.countDown();
		}

	}

}
