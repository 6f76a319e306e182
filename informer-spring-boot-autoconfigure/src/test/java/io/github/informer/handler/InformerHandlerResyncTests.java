package io.github.informer.handler;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.github.informer.annotation.EventType;
import io.github.informer.annotation.InformerHandler;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.Test;

import org.springframework.context.annotation.Configuration;

import static io.github.informer.handler.TestObjects.describe;
import static io.github.informer.fixtures.Pods.pod;
import static io.github.informer.handler.TestObjects.relabel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Resync done by the starter (client-java informers run at resync 0), per handler, and relists after a lost watch.
 */
class InformerHandlerResyncTests extends HandlerContextSupport {

	@Test
	void eachHandlerReceivesResyncsAtItsOwnPeriod() {
		this.server.create(pod("web", "a"));
		this.runner.withUserConfiguration(ResyncHandlers.class).run((context) -> {
			Recorder recorder = context.getBean(Recorder.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> recorder.count("every3s", "resync web/a") >= 2);
			List<Instant> fast = recorder.timesOf("every1s", "resync web/a");
			List<Instant> slow = recorder.timesOf("every3s", "resync web/a");
			assertThat(fast).hasSizeBetween(4, 8);
			assertThat(Duration.between(slow.get(0), slow.get(1))).isBetween(Duration.ofMillis(2000),
					Duration.ofMillis(4000));
			Duration averageFast = Duration.between(fast.get(0), fast.get(fast.size() - 1)).dividedBy(fast.size() - 1);
			assertThat(averageFast).isBetween(Duration.ofMillis(700), Duration.ofMillis(1300));
			assertThat(recorder.of("never")).containsExactly("added web/a");
			InformerHandlers handlers = context.getBean(InformerHandlers.class);
			assertThat(handlers.handler("every1s").orElseThrow().resync()).isEqualTo(Duration.ofSeconds(1));
			assertThat(handlers.handler("never").orElseThrow().resync()).isZero();
			assertThat(handlers.handler("never").orElseThrow().resyncs()).isZero();
		});
	}

	@Test
	void resyncPeriodResolvesHandlerPropertyThenAnnotationThenResourceThenGlobal() {
		this.runner.withUserConfiguration(PrecedenceHandlers.class)
			.withPropertyValues("kubernetes.informers.resync=40m", "kubernetes.informers.resources.pods.resync=20m",
					"kubernetes.informers.resources.configs.api-version=v1",
					"kubernetes.informers.resources.configs.kind=ConfigMap",
					"kubernetes.informers.handlers.precedence-handlers.with-property.resync=5m",
					"kubernetes.informers.handlers[precedenceHandlers.withIndexedProperty].resync=6m",
					"kubernetes.informers.handlers[precedence-handlers.with-kebab-indexed-property].resync=7m")
			.run((context) -> {
				InformerHandlers handlers = context.getBean(InformerHandlers.class);
				assertThat(handlers.handler("precedenceHandlers.withProperty").orElseThrow().resync())
					.isEqualTo(Duration.ofMinutes(5));
				assertThat(handlers.handler("precedenceHandlers.withIndexedProperty").orElseThrow().resync())
					.isEqualTo(Duration.ofMinutes(6));
				assertThat(handlers.handler("precedenceHandlers.withKebabIndexedProperty").orElseThrow().resync())
					.isEqualTo(Duration.ofMinutes(7));
				assertThat(handlers.handler("precedenceHandlers.withAnnotation").orElseThrow().resync())
					.isEqualTo(Duration.ofMinutes(10));
				assertThat(handlers.handler("precedenceHandlers.fromResource").orElseThrow().resync())
					.isEqualTo(Duration.ofMinutes(20));
				assertThat(handlers.handler("precedenceHandlers.fromGlobal").orElseThrow().resync())
					.isEqualTo(Duration.ofMinutes(40));
				assertThat(handlers.handler("precedenceHandlers.deletesOnly").orElseThrow().resync()).isZero();
			});
	}

	@Test
	void relistAfterAnExpiredWatchDeliversChangedObjectsToEveryHandler() {
		this.server.create(pod("web", "a"));
		this.server.create(pod("web", "b"));
		this.runner.withUserConfiguration(RelistHandlers.class)
			.withPropertyValues("kubernetes.informers.resources.pods.resync=1s")
			.run((context) -> {
				Recorder recorder = context.getBean(Recorder.class);
				await().until(() -> recorder.of("withResync").contains("added web/b")
						&& recorder.of("withoutResync").contains("added web/b"));
				int listsBefore = lists();
				this.server.stop();
				String version = relabel(this.server, "web", "a", "changed-offline").getMetadata().getResourceVersion();
				this.server.compactHistory();
				this.server.restart();
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					assertThat(recorder.of("withResync")).contains("updated web/a " + version);
					assertThat(recorder.of("withoutResync")).contains("updated web/a " + version);
				});
				assertThat(lists()).isGreaterThan(listsBefore);
				assertThat(recorder.of("withoutResync")).filteredOn((what) -> what.startsWith("updated web/b"))
					.as("an unchanged object found by the relist is not an update").isEmpty();
			});
	}

	@Test
	void deletesMissedWhileTheWatchWasDownArriveWithFinalStateUnknown() {
		this.server.create(pod("web", "a"));
		this.server.create(pod("web", "b"));
		this.runner.withUserConfiguration(RelistHandlers.class).run((context) -> {
			Recorder recorder = context.getBean(Recorder.class);
			await().until(() -> recorder.of("deleted").isEmpty()
					&& recorder.of("withoutResync").contains("added web/b"));
			this.server.stop();
			this.server.delete("v1", "Pod", "web", "a");
			this.server.compactHistory();
			this.server.restart();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(recorder.of("deleted"))
					.containsExactly("web/a finalStateUnknown=true"));
			assertThat(recorder.of("withoutResync")).contains("deleted web/a finalStateUnknown");
		});
	}

	private int lists() {
		return (int) this.server.requests()
			.stream()
			.filter((request) -> request.method().equals("GET") && request.path().equals("/api/v1/pods")
					&& !"true".equals(request.query().get("watch")))
			.count();
	}

	static String describeEvent(InformerEvent<V1Pod> event) {
		return switch (event.type()) {
			case ADDED -> "added " + event.key();
			case UPDATED -> (event.resync() ? "resync " + event.key()
					: "updated " + event.key() + " " + event.object().getMetadata().getResourceVersion());
			case DELETED -> "deleted " + event.key() + (event.finalStateUnknown() ? " finalStateUnknown" : "");
		};
	}

	@Configuration(value = "resyncHandlers", proxyBeanMethods = false)
	static class ResyncHandlers {

		private final Recorder recorder;

		ResyncHandlers(Recorder recorder) {
			this.recorder = recorder;
		}

		@InformerHandler(id = "every1s", resync = "1s")
		void every1s(InformerEvent<V1Pod> event) {
			this.recorder.record("every1s", describeEvent(event));
		}

		@InformerHandler(id = "every3s", resync = "${test.slow-resync:3s}")
		void every3s(InformerEvent<V1Pod> event) {
			this.recorder.record("every3s", describeEvent(event));
		}

		@InformerHandler(id = "never")
		void never(InformerEvent<V1Pod> event) {
			this.recorder.record("never", describeEvent(event));
		}

	}

	@Configuration(value = "precedenceHandlers", proxyBeanMethods = false)
	static class PrecedenceHandlers {

		@InformerHandler(resync = "10m")
		void withProperty(V1Pod pod) {
		}

		@InformerHandler(resync = "10m")
		void withIndexedProperty(V1Pod pod) {
		}

		@InformerHandler(resync = "10m")
		void withKebabIndexedProperty(V1Pod pod) {
		}

		@InformerHandler(resync = "10m")
		void withAnnotation(V1Pod pod) {
		}

		@InformerHandler
		void fromResource(V1Pod pod) {
		}

		@InformerHandler
		void fromGlobal(V1ConfigMap configMap) {
		}

		@InformerHandler(events = EventType.DELETED, resync = "10m")
		void deletesOnly(V1Pod pod) {
		}

	}

	@Configuration(value = "relistHandlers", proxyBeanMethods = false)
	static class RelistHandlers {

		private final Recorder recorder;

		RelistHandlers(Recorder recorder) {
			this.recorder = recorder;
		}

		@InformerHandler(resync = "3s")
		void withResync(InformerEvent<V1Pod> event) {
			this.recorder.record("withResync", describeEvent(event));
		}

		@InformerHandler(resync = "0s")
		void withoutResync(InformerEvent<V1Pod> event) {
			this.recorder.record("withoutResync", describeEvent(event));
		}

		@InformerHandler(events = EventType.DELETED)
		void deleted(V1Pod pod, boolean finalStateUnknown) {
			this.recorder.record("deleted", describe(pod) + " finalStateUnknown=" + finalStateUnknown);
		}

	}

}
