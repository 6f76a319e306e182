package io.github.informer.actuate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.informer.annotation.EventType;
import io.github.informer.annotation.InformerHandler;
import io.github.informer.fixtures.Pods;
import io.github.informer.test.EnableFakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServer;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Secret;
import org.junit.jupiter.api.BeforeEach;
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
 * {@code /actuator/informers} over HTTP on a real web server, with informers on the in-JVM API server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "kubernetes.informers.resources.pods.api-version=v1",
				"kubernetes.informers.resources.pods.kind=Pod", "kubernetes.informers.resources.pods.namespaces=web",
				"kubernetes.informers.resources.pods.label-selector=app=web",
				"kubernetes.informers.resources.pods.resync=10m",
				"kubernetes.informers.resources.secrets.api-version=v1",
				"kubernetes.informers.resources.secrets.kind=Secret",
				"kubernetes.informers.resources.secrets.decoder=client-java",
				"management.endpoints.web.exposure.include=informers,health,metrics" })
@EnableFakeKubernetesApiServer
@DirtiesContext
public class InformersEndpointWebTests {

	private static final String SECRET_VALUE = "correct-horse-battery-staple";

	@LocalServerPort
	int port;

	@Autowired
	FakeKubernetesApiServer server;

	private ActuatorHttp http;

	@BeforeEach
	void client() {
		this.http = new ActuatorHttp(this.port);
	}

	@Test
	void listShowsEveryInformerWithTheContractFieldsAfterSync() {
		ActuatorHttp.Reply reply = this.http.get("/actuator/informers");
		assertThat(reply.status()).isEqualTo(200);
		JsonNode informers = reply.json().get("informers");
		assertThat(names(informers)).containsExactly("pods", "secrets");
		JsonNode pods = informers.get("pods");
		assertThat(pods.get("apiVersion").asString()).isEqualTo("v1");
		assertThat(pods.get("kind").asString()).isEqualTo("Pod");
		assertThat(pods.get("plural").asString()).isEqualTo("pods");
		assertThat(pods.get("namespaces").toString()).isEqualTo("[\"web\"]");
		assertThat(pods.get("labelSelector").asString()).isEqualTo("app=web");
		assertThat(pods.has("fieldSelector")).isTrue();
		assertThat(pods.get("fieldSelector").isNull()).isTrue();
		assertThat(pods.get("synced").asBoolean()).isTrue();
		assertThat(Instant.parse(pods.get("syncedAt").asString())).isBeforeOrEqualTo(Instant.now());
		assertThat(Long.parseLong(pods.get("lastSyncResourceVersion").asString())).isPositive();
		int webPods = this.server.list(V1Pod.class, "web")
			.stream()
			.filter((pod) -> "web".equals(pod.getMetadata().getLabels().get("app")))
			.toList()
			.size();
		assertThat(pods.get("cacheSize").asInt()).isEqualTo(webPods);
		assertThat(pods.get("cacheSizeByNamespace").get("web").asInt()).isEqualTo(webPods);
		JsonNode watch = pods.get("watch");
		assertThat(watch.get("state").asString()).isEqualTo("WATCHING");
		assertThat(Instant.parse(watch.get("since").asString())).isBeforeOrEqualTo(Instant.now());
		assertThat(watch.has("restarts")).isTrue();
		assertThat(watch.has("lastError")).isTrue();
		assertThat(watch.get("lists").asLong()).isPositive();
		assertThat(Duration.parse(watch.get("lastListDuration").asString())).isPositive();
		assertThat(watch.get("listStrategy").asString()).isEqualTo("watch-list");
		assertThat(watch.get("listFallback").isNull()).isTrue();
		assertThat(watch.get("listFallbacks").asLong()).isZero();
		assertThat(Instant.parse(watch.get("lastEventAt").asString())).isBeforeOrEqualTo(Instant.now());
		assertThat(names(pods.get("events"))).containsExactly("added", "updated", "deleted");
		assertThat(pods.get("resync").asString()).isEqualTo("PT10M");
		assertThat(pods.get("decoder").asString()).isEqualTo("streaming");
		JsonNode handlers = pods.get("handlers");
		assertThat(handlers.size()).isEqualTo(2);
		JsonNode onPod = handler(pods, "podRecorder.onPod");
		assertThat(onPod.get("events").toString()).isEqualTo("[\"ADDED\",\"UPDATED\",\"DELETED\"]");
		assertThat(onPod.get("resync").asString()).isEqualTo("PT10M");
		for (String field : List.of("queued", "delivered", "failed", "lastError", "lag")) {
			assertThat(onPod.has(field)).as(field).isTrue();
		}
		assertThat(handler(pods, "podRecorder.onDelete").get("events").toString()).isEqualTo("[\"DELETED\"]");

		JsonNode secrets = informers.get("secrets");
		assertThat(secrets.get("namespaces").size()).isZero();
		assertThat(secrets.get("resync").asString()).isEqualTo("PT0S");
		assertThat(secrets.get("decoder").asString()).isEqualTo("client-java");
		assertThat(secrets.get("handlers").size()).isZero();
		assertThat(secrets.get("cacheSize").asInt()).isEqualTo(this.server.list(V1Secret.class, null).size());
	}

	@Test
	void selectorShowsOneInformerAndAnUnknownNameIsNotFound() {
		ActuatorHttp.Reply pods = this.http.get("/actuator/informers/pods");
		assertThat(pods.status()).isEqualTo(200);
		assertThat(pods.json().get("name").asString()).isEqualTo("pods");
		assertThat(pods.json().get("kind").asString()).isEqualTo("Pod");
		assertThat(pods.json().has("watch")).isTrue();
		assertThat(this.http.get("/actuator/informers/nodes").status()).isEqualTo(404);
	}

	@Test
	void eventCountsAndHandlerCountsFollowTheServer() {
		JsonNode before = this.http.get("/actuator/informers/pods").json();
		long added = before.get("events").get("added").asLong();
		long updated = before.get("events").get("updated").asLong();
		long deleted = before.get("events").get("deleted").asLong();
		long delivered = handler(before, "podRecorder.onPod").get("delivered").asLong();
		long failed = handler(before, "podRecorder.onDelete").get("failed").asLong();
		int size = before.get("cacheSize").asInt();
		this.server.create(Pods.pod("web", "events-1", "web"));
		this.server.create(Pods.pod("web", "events-2", "web"));
		this.server.create(Pods.pod("web", "events-3", "web"));
		this.server.create(Pods.pod("web", "ignored", "other"));
		V1Pod changed = this.server.get(V1Pod.class, "web", "events-1").orElseThrow();
		changed.getMetadata().putAnnotationsItem("changed", "yes");
		this.server.update(changed);
		this.server.delete("v1", "Pod", "web", "events-2");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode after = this.http.get("/actuator/informers/pods").json();
			assertThat(after.get("events").get("added").asLong()).isEqualTo(added + 3);
			assertThat(after.get("events").get("updated").asLong()).isEqualTo(updated + 1);
			assertThat(after.get("events").get("deleted").asLong()).isEqualTo(deleted + 1);
			assertThat(after.get("cacheSize").asInt()).isEqualTo(size + 2);
			JsonNode onPod = handler(after, "podRecorder.onPod");
			assertThat(onPod.get("delivered").asLong()).isEqualTo(delivered + 5);
			assertThat(onPod.get("queued").asLong()).isZero();
			JsonNode onDelete = handler(after, "podRecorder.onDelete");
			assertThat(onDelete.get("failed").asLong()).isEqualTo(failed + 1);
			assertThat(onDelete.get("lastError").asString())
				.isEqualTo("java.lang.IllegalStateException: refusing to forget web/events-2");
			assertThat(Instant.parse(onDelete.get("lastErrorAt").asString())).isBeforeOrEqualTo(Instant.now());
		});
	}

	@Test
	void aDroppedWatchShowsAsARestartWhileTheInformerStaysSynced() {
		JsonNode before = this.http.get("/actuator/informers/pods").json().get("watch");
		long restarts = before.get("restarts").asLong();
		this.server.closeAllWatches();
		this.server.create(Pods.pod("web", "after-drop", "web"));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			JsonNode pods = this.http.get("/actuator/informers/pods").json();
			assertThat(pods.get("watch").get("restarts").asLong()).isGreaterThan(restarts);
			assertThat(pods.get("watch").get("state").asString()).isEqualTo("WATCHING");
			assertThat(pods.get("synced").asBoolean()).isTrue();
			assertThat(pods.get("cacheSize").asInt())
				.isEqualTo(this.server.list(V1Pod.class, "web")
					.stream()
					.filter((pod) -> "web".equals(pod.getMetadata().getLabels().get("app")))
					.toList()
					.size());
		});
	}

	@Test
	void secretsAreCountedButTheirContentsNeverShown() {
		for (String path : List.of("/actuator/informers", "/actuator/informers/secrets")) {
			ActuatorHttp.Reply reply = this.http.get(path);
			assertThat(reply.status()).isEqualTo(200);
			assertThat(reply.body()).doesNotContain("db-credentials", "password", SECRET_VALUE,
					java.util.Base64.getEncoder().encodeToString(SECRET_VALUE.getBytes(StandardCharsets.UTF_8)));
		}
		assertThat(this.http.get("/actuator/informers/secrets").json().get("cacheSize").asInt()).isEqualTo(1);
	}

	@Test
	void metricsEndpointShowsTheInformerMeters() {
		JsonNode size = this.http.get("/actuator/metrics/informer.cache.size?tag=informer:secrets").json();
		assertThat(size.get("measurements").get(0).get("value").asDouble()).isEqualTo(1.0);
		JsonNode synced = this.http.get("/actuator/metrics/informer.synced?tag=informer:pods").json();
		assertThat(synced.get("measurements").get(0).get("value").asDouble()).isEqualTo(1.0);
		JsonNode handlerDuration = this.http.get("/actuator/metrics/informer.handler.duration").json();
		List<String> tags = new ArrayList<>();
		handlerDuration.get("availableTags").forEach((tag) -> tags.add(tag.get("tag").asString()));
		assertThat(tags).containsExactlyInAnyOrder("informer", "handler", "result");
	}

	private static JsonNode handler(JsonNode informer, String id) {
		for (JsonNode handler : informer.get("handlers")) {
			if (handler.get("id").asString().equals(id)) {
				return handler;
			}
		}
		throw new AssertionError("No handler " + id + " in " + informer.get("handlers"));
	}

	private static List<String> names(JsonNode node) {
		List<String> names = new ArrayList<>();
		node.propertyNames().forEach(names::add);
		return names;
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class EndpointApplication {

		@Bean
		PodRecorder podRecorder() {
			return new PodRecorder();
		}

		/**
		 * Objects on the server before the informers start, so the first list has something to cache.
		 */
		@Bean
		Object seededObjects(FakeKubernetesApiServer server) {
			server.create(Pods.pod("web", "a", "web"));
			server.create(Pods.pod("web", "b", "web"));
			server.create(Pods.pod("web", "c", "other"));
			server.create(Pods.pod("default", "d", "web"));
			server.create(new V1Secret().apiVersion("v1")
				.kind("Secret")
				.metadata(new V1ObjectMeta().namespace("default").name("db-credentials"))
				.data(Map.of("password", SECRET_VALUE.getBytes(StandardCharsets.UTF_8))));
			return "seeded";
		}

	}

	static class PodRecorder {

		final List<String> seen = new CopyOnWriteArrayList<>();

		@InformerHandler(informer = "pods")
		void onPod(V1Pod pod) {
			this.seen.add(pod.getMetadata().getName());
		}

		@InformerHandler(informer = "pods", events = EventType.DELETED)
		void onDelete(V1Pod pod) {
			throw new IllegalStateException(
					"refusing to forget " + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
		}

	}

}
