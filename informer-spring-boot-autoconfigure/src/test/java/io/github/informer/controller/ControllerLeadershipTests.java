package io.github.informer.controller;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.informer.autoconfigure.InformerAutoConfiguration;
import io.github.informer.autoconfigure.InformerControllerAutoConfiguration;
import io.github.informer.autoconfigure.InformerHandlerAutoConfiguration;
import io.github.informer.autoconfigure.LeaderElectionAutoConfiguration;
import io.github.informer.leader.LeadershipGrantedEvent;
import io.github.informer.leader.LeadershipRevokedEvent;
import io.github.informer.registry.Informers;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Leader-only controllers follow {@link LeadershipGrantedEvent} and {@link LeadershipRevokedEvent} when leader
 * election is enabled, and run regardless when it is not.
 */
class ControllerLeadershipTests extends ControllerContextSupport {

	@Test
	void leaderOnlyControllerWaitsForLeadershipThenReconcilesEveryCachedKey() {
		this.server.create(configMap("web", "a"));
		this.server.create(configMap("web", "b"));
		this.runner.withUserConfiguration(Reconcilers.class)
			.withPropertyValues("kubernetes.informers.leader-election.enabled=true")
			.run((context) -> {
				Recording leaderOnly = context.getBean("leaderOnlyRecording", Recording.class);
				Recording everywhere = context.getBean("everywhereRecording", Recording.class);
				Controllers controllers = context.getBean(Controllers.class);
				assertThat(context.getBean(Informers.class).waitForSync(Duration.ofSeconds(30))).isTrue();
				await().untilAsserted(() -> assertThat(everywhere.calls).contains("web/a", "web/b"));
				await().untilAsserted(() -> assertThat(controllers.status("leader-only").depth()).isEqualTo(2));
				assertThat(controllers.status("leader-only").running()).isFalse();
				assertThat(leaderOnly.calls).isEmpty();
				grant(context);
				await().untilAsserted(() -> assertThat(leaderOnly.calls).contains("web/a", "web/b"));
				assertThat(controllers.status("leader-only").running()).isTrue();
			});
	}

	@Test
	void revocationInterruptsRunningReconcilesBeforeTheListenerReturnsAndStartsNoNewOnes() {
		this.server.create(configMap("web", "slow"));
		this.runner.withUserConfiguration(Reconcilers.class)
			.withPropertyValues("kubernetes.informers.leader-election.enabled=true")
			.run((context) -> {
				Recording leaderOnly = context.getBean("leaderOnlyRecording", Recording.class);
				Controllers controllers = context.getBean(Controllers.class);
				CountDownLatch entered = new CountDownLatch(1);
				AtomicBoolean interrupted = new AtomicBoolean();
				AtomicBoolean endedAfterRevocation = new AtomicBoolean();
				leaderOnly.behaviour = (request) -> {
					entered.countDown();
					try {
						new CountDownLatch(1).await(1, TimeUnit.MINUTES);
					}
					catch (InterruptedException ex) {
						interrupted.set(true);
						throw ex;
					}
					endedAfterRevocation.set(true);
					return ReconcileResult.done();
				};
				grant(context);
				assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
				context.publishEvent(new LeadershipRevokedEvent(this, "default", "lease", "me"));
				assertThat(interrupted).as("interrupted before the listener returned").isTrue();
				assertThat(controllers.status("leader-only").running()).isFalse();
				assertThat(controllers.status("leader-only").processing()).isZero();
				long calls = leaderOnly.calls.size();
				leaderOnly.behaviour = (request) -> ReconcileResult.done();
				this.server.create(configMap("web", "while-standby"));
				await().untilAsserted(
						() -> assertThat(controllers.status("leader-only").depth()).isGreaterThanOrEqualTo(1));
				assertThat(leaderOnly.calls).hasSize((int) calls);
				assertThat(controllers.status("leader-only").error()).as("an interrupted reconcile is no failure")
					.isZero();
				grant(context);
				await().untilAsserted(() -> assertThat(leaderOnly.calls).contains("web/while-standby")
					.hasSizeGreaterThan((int) calls + 1));
				assertThat(endedAfterRevocation).isFalse();
			});
	}

	@Test
	void withoutLeaderElectionEveryControllerRunsAndLeadershipEventsAreIgnored() {
		this.server.create(configMap("web", "a"));
		this.runner.withUserConfiguration(Reconcilers.class).run((context) -> {
			Recording leaderOnly = context.getBean("leaderOnlyRecording", Recording.class);
			await().untilAsserted(() -> assertThat(leaderOnly.calls).contains("web/a"));
			context.publishEvent(new LeadershipRevokedEvent(this, "default", "lease", "me"));
			assertThat(context.getBean(Controllers.class).status("leader-only").running()).isTrue();
			this.server.create(configMap("web", "b"));
			await().untilAsserted(() -> assertThat(leaderOnly.calls).contains("web/b"));
		});
	}

	@Test
	void withTheRealElectorOnlyTheLeadersControllerRunsAndAStandbyTakesOverWhenItStops() {
		this.server.create(configMap("web", "a"));
		this.server.create(configMap("web", "b"));
		ConfigurableApplicationContext first = replica("replica-1");
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(first.getBean("leaderOnlyRecording", Recording.class).calls)
				.contains("web/a", "web/b"));
		ConfigurableApplicationContext second = replica("replica-2");
		try {
			Recording standby = second.getBean("leaderOnlyRecording", Recording.class);
			Recording standbyEverywhere = second.getBean("everywhereRecording", Recording.class);
			await().untilAsserted(() -> assertThat(standbyEverywhere.calls).contains("web/a", "web/b"));
			assertThat(second.getBean(Controllers.class).status("leader-only").running()).isFalse();
			assertThat(standby.calls).isEmpty();
			first.close();
			// the leader releases the Lease on shutdown: the standby acquires it and reconciles every cached key
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(standby.calls).contains("web/a", "web/b"));
			assertThat(second.getBean(Controllers.class).status("leader-only").running()).isTrue();
		}
		finally {
			first.close();
			second.close();
		}
	}

	private ConfigurableApplicationContext replica(String identity) {
		return new SpringApplicationBuilder(ElectionReplica.class).web(WebApplicationType.NONE)
			.properties(Map.of("kubernetes.informers.client.url", this.server.url(),
					"kubernetes.informers.resources.configmaps.api-version", "v1",
					"kubernetes.informers.resources.configmaps.kind", "ConfigMap",
					"kubernetes.informers.resources.pods.api-version", "v1",
					"kubernetes.informers.resources.pods.kind", "Pod", "spring.main.banner-mode", "off"))
			.properties(Map.of("kubernetes.informers.leader-election.enabled", "true",
					"kubernetes.informers.leader-election.lease-name", "controllers",
					"kubernetes.informers.leader-election.lease-namespace", "default",
					"kubernetes.informers.leader-election.identity", identity,
					"kubernetes.informers.leader-election.lease-duration", "6s",
					"kubernetes.informers.leader-election.renew-deadline", "4s",
					"kubernetes.informers.leader-election.retry-period", "500ms"))
			.run();
	}

	private void grant(AssertableApplicationContext context) {
		context.publishEvent(new LeadershipGrantedEvent(this, "default", "lease", "me"));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ InformerAutoConfiguration.class, InformerHandlerAutoConfiguration.class,
			LeaderElectionAutoConfiguration.class, InformerControllerAutoConfiguration.class })
	@Import(Reconcilers.class)
	static class ElectionReplica {

	}

	@Configuration(proxyBeanMethods = false)
	static class Reconcilers {

		@Bean
		Recording leaderOnlyRecording() {
			return new Recording();
		}

		@Bean
		Recording everywhereRecording() {
			return new Recording();
		}

		@Bean
		LeaderOnly leaderOnly(Recording leaderOnlyRecording) {
			return new LeaderOnly(leaderOnlyRecording);
		}

		@Bean
		Everywhere everywhere(Recording everywhereRecording) {
			return new Everywhere(everywhereRecording);
		}

	}

	@KubernetesReconciler(name = "leader-only", informer = "configmaps")
	static class LeaderOnly extends RecordingReconciler<V1ConfigMap> {

		LeaderOnly(Recording recording) {
			super(recording);
		}

	}

	@KubernetesReconciler(name = "everywhere", informer = "configmaps", leaderOnly = false)
	static class Everywhere extends RecordingReconciler<V1ConfigMap> {

		Everywhere(Recording recording) {
			super(recording);
		}

	}

}
