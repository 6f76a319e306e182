package io.github.informer.reliability;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.informer.actuate.ActuatorHttp;
import io.github.informer.fixtures.Pods;
import io.github.informer.registry.Informers;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.github.informer.test.ResponseFault;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Through a running application's readiness: an {@link Error} from a user transform on one namespace of a
 * two-namespace informer, and a watch that connects and then fails, turn the informer DOWN (never hidden by the
 * healthy namespace), with the failing namespace and the reason in the details, while the loop keeps retrying; the
 * informer is UP again, its cache equal to the server, once the cause goes away.
 */
class LoopFailureHealthTests {

	static final AtomicBoolean failing = new AtomicBoolean();

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	private FakeKubernetesApiServer server;

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		failing.set(false);
		this.server = server;
		this.server.create(Pods.pod("a", "one"));
		this.server.create(Pods.pod("b", "one"));
	}

	@AfterEach
	void stopFailing() {
		failing.set(false);
	}

	@Test
	void anErrorFromATransformOnOneNamespaceTurnsTheInformerDownWhileItRetriesThenUp() {
		try (ConfigurableApplicationContext context = ReliabilityApps.web(List.of(FailingTransform.class),
				properties())) {
			ActuatorHttp http = new ActuatorHttp(ReliabilityApps.port(context));
			await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(pods(http).get("status").asString()));
			failing.set(true);
			this.server.create(Pods.pod("b", "two"));
			await().atMost(Duration.ofSeconds(10)).until(() -> "DOWN".equals(pods(http).get("status").asString()));
			assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(503);
			JsonNode details = pods(http).get("details");
			assertThat(details.get("synced").asBoolean()).isTrue();
			assertThat(details.get("failingNamespaces").get(0).asString()).isEqualTo("b");
			assertThat(details.get("failingNamespaces")).hasSize(1);
			JsonNode error = details.get("error");
			assertThat(error.get("verb").asString()).isEqualTo("cache");
			assertThat(error.get("namespace").asString()).isEqualTo("b");
			assertThat(error.get("code").asInt()).isZero();
			assertThat(error.get("reason").asString()).isEqualTo("AssertionError");
			assertThat(error.get("message").asString()).startsWith("no b/two (caching b/two from a watch event;")
				.endsWith("in this application, not by the API server)");
			assertThat(details.get("reason").asString()).startsWith("cache pods in namespace b failed: AssertionError");
			long restarts = details.get("watch").get("restarts").asLong();
			// recovering, not frozen: the loop keeps retrying
			await().atMost(Duration.ofSeconds(10))
				.until(() -> pods(http).get("details").get("watch").get("restarts").asLong() > restarts + 1);
			assertThat(pods(http).get("status").asString()).isEqualTo("DOWN");

			failing.set(false);
			await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(pods(http).get("status").asString()));
			assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
			assertThat(context.getBean(Informers.class).<V1Pod>lister("pods").list())
				.extracting((pod) -> pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName())
				.containsExactlyInAnyOrder("a/one", "b/one", "b/two");
		}
	}

	@Test
	void aWatchThatConnectsAndThenFailsTurnsTheInformerDownUntilAChangeArrives() {
		try (ConfigurableApplicationContext context = ReliabilityApps.web(List.of(), properties())) {
			ActuatorHttp http = new ActuatorHttp(ReliabilityApps.port(context));
			await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(pods(http).get("status").asString()));
			this.server.failNext(ResponseFault.watchErrorEvent(503).namespace("a").times(10_000));
			this.server.sendWatchError(503);
			// b's watch got the ERROR too; its next watch counts as healthy once open for 5 s, a's keep failing
			await().atMost(Duration.ofSeconds(20)).until(() -> "DOWN".equals(pods(http).get("status").asString())
					&& pods(http).get("details").get("failingNamespaces").size() == 1);
			JsonNode details = pods(http).get("details");
			assertThat(details.get("failingNamespaces").get(0).asString()).isEqualTo("a");
			JsonNode error = details.get("error");
			assertThat(error.get("verb").asString()).isEqualTo("watch");
			assertThat(error.get("namespace").asString()).isEqualTo("a");
			assertThat(error.get("code").asInt()).isEqualTo(503);
			assertThat(error.get("reason").asString()).isEqualTo("ServiceUnavailable");

			this.server.clearFaults();
			this.server.create(Pods.pod("a", "two"));
			await().atMost(Duration.ofSeconds(10)).until(() -> "UP".equals(pods(http).get("status").asString()));
			assertThat(context.getBean(Informers.class).<V1Pod>lister("pods").list()).hasSize(3);
		}
	}

	private static JsonNode pods(ActuatorHttp http) {
		return http.get("/actuator/health").json().get("components").get("informers").get("components").get("pods");
	}

	private String[] properties() {
		return new String[] { "kubernetes.informers.client.url=" + this.server.url(),
				"kubernetes.informers.resources.pods.api-version=v1", "kubernetes.informers.resources.pods.kind=Pod",
				"kubernetes.informers.resources.pods.namespaces=a,b",
				"kubernetes.informers.backoff.initial-delay=100ms", "kubernetes.informers.backoff.max-delay=1s",
				"kubernetes.informers.health.list-failure-threshold=500ms" };
	}

	@Configuration(proxyBeanMethods = false)
	static class FailingTransform {

		/** What users write: a transform set on the informer bean before the informers start. */
		@Bean
		String failingTransform(@Qualifier("pods") SharedIndexInformer<V1Pod> pods) {
			pods.setTransform((object) -> {
				V1ObjectMeta metadata = object.getMetadata();
				if (failing.get() && "b".equals(metadata.getNamespace())) {
					throw new AssertionError("no " + metadata.getNamespace() + "/" + metadata.getName());
				}
				return object;
			});
			return "failing transform";
		}

	}

}
