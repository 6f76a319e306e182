package io.github.informer.leader;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.informer.actuate.ActuatorHttp;
import io.github.informer.annotation.InformerHandler;
import io.github.informer.autoconfigure.ApiClientCustomizer;
import io.github.informer.handler.InformerEvent;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas (two web applications in this JVM) on one in-JVM API server: leader-only handlers run on the leader
 * only, a new leader gets the cache as ADDED events, a lost leadership interrupts the running call and refuses its
 * writes; the endpoint, metrics and readiness of leader and standby over HTTP.
 */
class LeaderOnlyHandlerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	private FakeKubernetesApiServer server;

	private final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		this.server = server;
		configMap("cm-1");
		configMap("cm-2");
	}

	@AfterEach
	void stopAll() {
		this.replicas.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void leaderOnlyHandlersRunOnTheLeaderAndANewLeaderGetsTheCacheAsAddedEvents() {
		ConfigurableApplicationContext a = replica("a");
		await().atMost(TIMEOUT).until(() -> leader(a));
		await().atMost(TIMEOUT).until(() -> handlers(a).leaderOnly.size() == 2);
		assertThat(handlers(a).leaderOnly).containsExactlyInAnyOrder("ADDED cm-1", "ADDED cm-2");
		ConfigurableApplicationContext b = replica("b");
		await().atMost(TIMEOUT).until(() -> handlers(b).everywhere.size() == 2);
		configMap("cm-3");
		await().atMost(TIMEOUT).until(() -> handlers(a).leaderOnly.contains("ADDED cm-3"));
		await().atMost(TIMEOUT).until(() -> handlers(b).everywhere.contains("ADDED cm-3"));
		assertThat(handlers(b).leaderOnly).isEmpty();

		ActuatorHttp standby = http(b);
		JsonNode election = standby.get("/actuator/informers").json().get("leaderElection");
		assertThat(election.get("enabled").asBoolean()).isTrue();
		assertThat(election.get("lease").get("namespace").asString()).isEqualTo("election");
		assertThat(election.get("lease").get("name").asString()).isEqualTo("shop-controller");
		assertThat(election.get("identity").asString()).isEqualTo("b");
		assertThat(election.get("leader").asBoolean()).isFalse();
		assertThat(election.get("holder").asString()).isEqualTo("a");
		assertThat(Instant.parse(election.get("acquiredAt").asString())).isBeforeOrEqualTo(Instant.now());
		assertThat(Instant.parse(election.get("renewedAt").asString())).isBeforeOrEqualTo(Instant.now());
		assertThat(election.get("transitions").asInt()).isZero();
		assertThat(standby.get("/actuator/health/readiness").json().get("status").asString()).isEqualTo("UP");
		Map<String, Boolean> leaderOnly = new TreeMap<>();
		standby.get("/actuator/informers/configmaps").json().get("handlers")
			.forEach((handler) -> leaderOnly.put(handler.get("id").asString(), handler.get("leaderOnly").asBoolean()));
		assertThat(leaderOnly).containsExactly(Map.entry("handlers.onEvery", false),
				Map.entry("handlers.onLeader", true));
		assertThat(gauge(standby, "informer.leader")).isEqualTo(0.0);
		ActuatorHttp leader = http(a);
		assertThat(leader.get("/actuator/informers").json().get("leaderElection").get("leader").asBoolean()).isTrue();
		assertThat(gauge(leader, "informer.leader")).isEqualTo(1.0);
		assertThat(leader.get("/actuator/metrics/informer.leader.transitions").json().toString())
			.contains("\"lease\"", "election/shop-controller");

		a.close();
		// Released on shutdown: b takes over at its next attempt and receives the cache, then live events.
		await().atMost(TIMEOUT).until(() -> leader(b));
		await().atMost(TIMEOUT).until(() -> handlers(b).leaderOnly.size() == 3);
		assertThat(handlers(b).leaderOnly).containsExactlyInAnyOrder("ADDED cm-1", "ADDED cm-2", "ADDED cm-3");
		configMap("cm-4");
		await().atMost(TIMEOUT).until(() -> handlers(b).leaderOnly.contains("ADDED cm-4"));
		assertThat(gauge(standby, "informer.leader")).isEqualTo(1.0);
		assertThat(this.server.get(V1Lease.class, "election", "shop-controller").orElseThrow().getSpec()
			.getLeaseTransitions()).isEqualTo(1);
	}

	@Test
	void losingLeadershipInterruptsTheRunningCallAndRefusesItsWritesBeforeRenewDeadline() throws Exception {
		ConfigurableApplicationContext a = replica("a");
		await().atMost(TIMEOUT).until(() -> leader(a));
		Handlers handlers = handlers(a);
		configMap("block");
		assertThat(handlers.blocked.await(60, TimeUnit.SECONDS)).isTrue();
		// The API server stops answering this replica: it cannot renew, so it must stop by itself.
		this.server.unreachable("replica-a");
		await().atMost(TIMEOUT).until(() -> handlers.afterInterrupt.size() == 1);
		assertThat(handlers.afterInterrupt.get(0)).contains("Leader-only write refused")
			.contains("does not lead Lease election/shop-controller");
		assertThat(handlers.revokedAt).hasSize(1);
		Instant lastRenewal = this.server.get(V1Lease.class, "election", "shop-controller")
			.orElseThrow()
			.getSpec()
			.getRenewTime()
			.toInstant();
		assertThat(handlers.revokedAt.get(0)).isBefore(lastRenewal.plus(Duration.ofSeconds(4)));
		// No new call while it does not lead: its caches stay warm (the open watch still delivers), the
		// leader-only handler gets nothing.
		configMap("cm-late");
		await().atMost(TIMEOUT).until(() -> handlers.everywhere.contains("ADDED cm-late"));
		assertThat(handlers.leaderOnly).doesNotContain("ADDED cm-late");
		// Reachable again: it keeps competing, leads again (its Lease was not taken) and gets the cache.
		this.server.reachable("replica-a");
		await().atMost(TIMEOUT).until(() -> handlers.leaderOnly.contains("ADDED cm-late"));
		assertThat(leader(a)).isTrue();
	}

	private ConfigurableApplicationContext replica(String identity) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ReplicaApplication.class)
			.properties(Map.of("kubernetes.informers.client.url", this.server.url(),
					"kubernetes.informers.resources.configmaps.api-version", "v1",
					"kubernetes.informers.resources.configmaps.kind", "ConfigMap",
					"kubernetes.informers.resources.configmaps.namespaces", "election",
					"kubernetes.informers.leader-election.enabled", "true",
					"kubernetes.informers.leader-election.lease-namespace", "election",
					"kubernetes.informers.leader-election.identity", identity,
					"kubernetes.informers.leader-election.lease-duration", "6s",
					"kubernetes.informers.leader-election.renew-deadline", "4s",
					"kubernetes.informers.leader-election.retry-period", "500ms"))
			.properties(Map.of("spring.application.name", "shop-controller", "server.port", "0",
					"management.endpoints.web.exposure.include", "informers,health,metrics",
					"management.endpoint.health.probes.enabled", "true"))
			.run();
		this.replicas.add(context);
		return context;
	}

	private static boolean leader(ConfigurableApplicationContext context) {
		return context.isActive() && context.getBean(LeaderElection.class).isLeader();
	}

	private static Handlers handlers(ConfigurableApplicationContext context) {
		return context.getBean(Handlers.class);
	}

	private static ActuatorHttp http(ConfigurableApplicationContext context) {
		return new ActuatorHttp(((WebServerApplicationContext) context).getWebServer().getPort());
	}

	private static double gauge(ActuatorHttp http, String name) {
		return http.get("/actuator/metrics/" + name).json().get("measurements").get(0).get("value").asDouble();
	}

	private void configMap(String name) {
		this.server.create(new V1ConfigMap().apiVersion("v1")
			.kind("ConfigMap")
			.metadata(new V1ObjectMeta().namespace("election").name(name))
			.data(Map.of("tick", "0")));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ReplicaApplication {

		@Bean
		Handlers handlers(ApiClient apiClient) {
			return new Handlers(apiClient);
		}

		@Bean
		ApiClientCustomizer userAgent(@Value("${kubernetes.informers.leader-election.identity}") String identity) {
			return (client) -> client.setUserAgent("replica-" + identity);
		}

	}

	static class Handlers {

		final List<String> leaderOnly = new CopyOnWriteArrayList<>();

		final List<String> everywhere = new CopyOnWriteArrayList<>();

		final List<String> afterInterrupt = new CopyOnWriteArrayList<>();

		final List<Instant> revokedAt = new CopyOnWriteArrayList<>();

		final CountDownLatch blocked = new CountDownLatch(1);

		private final CoreV1Api api;

		Handlers(ApiClient apiClient) {
			this.api = new CoreV1Api(apiClient);
		}

		@InformerHandler(informer = "configmaps", leaderOnly = true)
		void onLeader(InformerEvent<V1ConfigMap> event) {
			String name = event.object().getMetadata().getName();
			this.leaderOnly.add(event.type() + " " + name);
			if (name.equals("block") && this.blocked.getCount() > 0) {
				this.blocked.countDown();
				try {
					new CountDownLatch(1).await();
				}
				catch (InterruptedException ex) {
					// A handler that ignores the interrupt and goes on writing: the write is refused.
					try {
						V1ConfigMap object = event.object();
						object.getData().put("writer", "a");
						this.api.replaceNamespacedConfigMap(name, "election", object).execute();
						this.afterInterrupt.add("written");
					}
					catch (Exception writeFailure) {
						this.afterInterrupt.add(String.valueOf(writeFailure.getCause()));
					}
				}
			}
		}

		@InformerHandler(informer = "configmaps")
		void onEvery(InformerEvent<V1ConfigMap> event) {
			this.everywhere.add(event.type() + " " + event.object().getMetadata().getName());
		}

		@EventListener
		void revoked(LeadershipRevokedEvent event) {
			this.revokedAt.add(Instant.now());
		}

	}

}
