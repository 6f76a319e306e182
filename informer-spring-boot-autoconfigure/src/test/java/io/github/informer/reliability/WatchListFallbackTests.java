package io.github.informer.reliability;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.github.informer.actuate.ActuatorHttp;
import io.github.informer.annotation.InformerHandler;
import io.github.informer.fixtures.Pods;
import io.github.informer.handler.InformerEvent;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.github.informer.test.RequestFailure;
import io.micrometer.core.instrument.MeterRegistry;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code list-strategy: auto} (the default) in a running application: for each of the in-JVM API server's watch-list
 * faults the informer falls back to the paged list for that attempt and syncs with the same handler events as
 * without the fault (ADDED for every object, then live events); {@code /actuator/informers} shows
 * {@code watch.listStrategy} and {@code watch.listFallback}; {@code informer.list.fallbacks} counts it; and the log
 * says so in one INFO line.
 */
@ExtendWith(OutputCaptureExtension.class)
class WatchListFallbackTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private static final int PODS = 30;

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	private FakeKubernetesApiServer server;

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		this.server = server;
		for (int i = 0; i < PODS; i++) {
			this.server.create(Pods.pod("web", "pod-" + i, "web"));
		}
	}

	static Stream<Arguments> faults() {
		return Stream.of(
				fault("no fault", (server) -> {
				}, "watch-list", null, null),
				fault("failNextWatchList(500)", (server) -> server.failNextWatchList(RequestFailure.status(500)), "list",
						"watch-list pods in namespace web failed: 500 InternalError: injected failure: 500",
						"falling back to the paged list for this attempt"),
				fault("failNextWatchList(422): a server that rejects the parameters",
						(server) -> server.failNextWatchList(RequestFailure.status(422)), "list",
						"watch-list pods in namespace web failed: 422 Invalid",
						"the API server does not support watch-list"),
				fault("omitInitialEventsEndAnnotation", (server) -> server.omitInitialEventsEndAnnotation(true), "list",
						"watch-list pods in namespace web: no bookmark annotated k8s.io/initial-events-end within 10 s "
								+ "of the last event (" + PODS + " objects streamed)",
						"the API server does not support watch-list"),
				fault("closeNextWatchListAfter(7)", (server) -> server.closeNextWatchListAfter(7), "list",
						"watch-list pods in namespace web: the stream ended after 7 objects, before the bookmark "
								+ "annotated k8s.io/initial-events-end",
						"falling back to the paged list for this attempt"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("faults")
	void autoFallsBackToThePagedListWithTheSameEventsAndSaysWhy(String name, Consumer<FakeKubernetesApiServer> fault,
			String strategy, String reason, String logLine, CapturedOutput output) {
		fault.accept(this.server);
		try (ConfigurableApplicationContext context = ReliabilityApps.web(List.of(PodEvents.class),
				"kubernetes.informers.client.url=" + this.server.url(),
				"kubernetes.informers.resources.pods.api-version=v1", "kubernetes.informers.resources.pods.kind=Pod",
				"kubernetes.informers.resources.pods.namespaces=web", "kubernetes.informers.list-page-size=10")) {
			PodEvents events = context.getBean(PodEvents.class);
			await().atMost(TIMEOUT).until(() -> events.received.size() == PODS);
			this.server.create(Pods.pod("web", "live", "web"));
			await().atMost(TIMEOUT).until(() -> events.received.size() == PODS + 1);
			assertThat(events.received.subList(0, PODS)).allMatch((event) -> event.startsWith("ADDED pod-"))
				.doesNotHaveDuplicates();
			assertThat(events.received.get(PODS)).isEqualTo("ADDED live");

			JsonNode watch = new ActuatorHttp(ReliabilityApps.port(context)).get("/actuator/informers/pods")
				.json()
				.get("watch");
			assertThat(watch.get("listStrategy").asString()).isEqualTo(strategy);
			double fallbacks = context.getBean(MeterRegistry.class)
				.get("informer.list.fallbacks")
				.tag("informer", "pods")
				.functionCounter()
				.count();
			if (reason == null) {
				assertThat(watch.get("listFallback").isNull()).isTrue();
				assertThat(watch.get("listFallbacks").asLong()).isZero();
				assertThat(fallbacks).isZero();
				assertThat(this.server.requests()).noneMatch((request) -> request.path().endsWith("/pods")
						&& !request.isWatch());
			}
			else {
				assertThat(watch.get("listFallback").asString()).startsWith(reason);
				assertThat(watch.get("listFallbacks").asLong()).isEqualTo(1);
				assertThat(fallbacks).isEqualTo(1);
				assertThat(watch.get("lastError").isNull()).as("a fallback that lists is no failure").isTrue();
				assertThat(output.getAll().lines().filter((line) -> line.contains(" INFO ")
						&& line.contains("Informer 'pods'") && line.contains(logLine))).hasSize(1);
			}
		}
	}

	private static Arguments fault(String name, Consumer<FakeKubernetesApiServer> fault, String strategy,
			String reason, String logLine) {
		return Arguments.of(name, fault, strategy, reason, logLine);
	}

	/** Records every event of the pods informer, in order. */
	static class PodEvents {

		final List<String> received = new CopyOnWriteArrayList<>();

		@InformerHandler(informer = "pods")
		void on(InformerEvent<V1Pod> event) {
			this.received.add(event.type() + " " + event.object().getMetadata().getName());
		}

	}

}
