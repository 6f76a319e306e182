package io.github.informer.controller;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.informer.registry.Informers;
import io.kubernetes.client.informer.cache.Lister;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Controllers end to end: the fake API server over HTTP, client-java informers, the work queue and the workers in a
 * Spring context.
 */
@ExtendWith(OutputCaptureExtension.class)
class ControllerIntegrationTests extends ControllerContextSupport {

	@Test
	void reconcilesEveryCachedKeyOnceSyncedThenEachChangeAndDelete() {
		this.server.create(configMap("web", "a"));
		this.server.create(configMap("web", "b"));
		this.runner.withUserConfiguration(ConfigMapController.class).run((context) -> {
			Recording recording = context.getBean(Recording.class);
			await().untilAsserted(() -> assertThat(recording.calls).contains("web/a", "web/b"));
			this.server.create(configMap("web", "c"));
			await().untilAsserted(() -> assertThat(recording.calls).contains("web/c"));
			long before = recording.count("web/a");
			this.server.delete("v1", "ConfigMap", "web", "a");
			await().untilAsserted(() -> assertThat(recording.count("web/a")).isGreaterThan(before));
			Lister<V1ConfigMap> lister = context.getBean(Informers.class).lister("configmaps");
			assertThat(lister.namespace("web").get("a")).isNull();
			assertThat(context.getBean(Controllers.class).names()).containsExactly("configmap-controller");
		});
	}

	@Test
	void ownedObjectsEnqueueOnlyTheirControllerOwnerOfThePrimaryKind() {
		this.server.create(configMap("web", "owner"));
		this.runner.withUserConfiguration(ConfigMapController.class).run((context) -> {
			Recording recording = context.getBean(Recording.class);
			await().untilAsserted(() -> assertThat(recording.calls).contains("web/owner"));
			Controllers controllers = context.getBean(Controllers.class);
			await().untilAsserted(() -> assertThat(controllers.status("configmap-controller").depth()).isZero());
			long initial = recording.count("web/owner");
			this.server.create(ownedPod("web", "not-controller", "ConfigMap", "other", false));
			this.server.create(ownedPod("web", "other-kind", "Secret", "secret-owner", true));
			this.server.create(ownedPod("web", "owned", "ConfigMap", "owner", true));
			await().untilAsserted(() -> assertThat(recording.count("web/owner")).isGreaterThan(initial));
			await().untilAsserted(() -> assertThat(controllers.status("configmap-controller").processing()).isZero());
			long afterCreate = recording.count("web/owner");
			this.server.delete("v1", "Pod", "web", "owned");
			await().untilAsserted(() -> assertThat(recording.count("web/owner")).isGreaterThan(afterCreate));
			assertThat(recording.calls).doesNotContain("web/other", "web/secret-owner");
		});
	}

	@Test
	void aFailingKeyIsRetriedWithBackoffWhileOtherKeysContinueAndWarnsOnce(CapturedOutput output) {
		this.server.create(configMap("web", "bad"));
		this.server.create(configMap("web", "good"));
		AtomicInteger failures = new AtomicInteger();
		this.runner.withUserConfiguration(ConfigMapController.class).run((context) -> {
			Recording recording = context.getBean(Recording.class);
			recording.behaviour = (request) -> {
				if (request.name().equals("bad") && failures.incrementAndGet() <= 4) {
					throw new IllegalStateException("boom " + failures.get());
				}
				return ReconcileResult.done();
			};
			context.getBean(Controllers.class).enqueue("configmap-controller", new ReconcileRequest("web", "bad"));
			await().untilAsserted(() -> assertThat(recording.count("web/bad")).isGreaterThanOrEqualTo(5));
			assertThat(recording.calls).contains("web/good");
			Controllers.Status status = context.getBean(Controllers.class).status("configmap-controller");
			assertThat(status.error()).isEqualTo(4);
			assertThat(status.retries()).isGreaterThanOrEqualTo(4);
			assertThat(status.lastError().key()).isEqualTo("web/bad");
			assertThat(status.lastError().type()).isEqualTo(IllegalStateException.class.getName());
			await().untilAsserted(() -> assertThat(context.getBean(Controllers.class)
				.status("configmap-controller")
				.retrying()).as("done() forgets the failures").isZero());
			assertThat(output.getAll().split("failed to reconcile web/bad;", -1)).as("one WARN per failure streak")
				.hasSize(2);
		});
	}

	@Test
	void aTerminalExceptionDropsTheKeyWithOneErrorUntilItsNextChange(CapturedOutput output) {
		this.server.create(configMap("web", "invalid"));
		this.runner.withUserConfiguration(ConfigMapController.class).run((context) -> {
			Recording recording = context.getBean(Recording.class);
			recording.behaviour = (request) -> {
				throw new IllegalStateException("wrapped", new TerminalReconcileException("spec.size is not a number"));
			};
			context.getBean(Controllers.class).enqueue("configmap-controller", new ReconcileRequest("web", "invalid"));
			await().untilAsserted(() -> assertThat(
					context.getBean(Controllers.class).status("configmap-controller").dropped()).isGreaterThan(0));
			Controllers.Status status = context.getBean(Controllers.class).status("configmap-controller");
			long calls = recording.count("web/invalid");
			assertThat(status.retries()).as("never retried").isZero();
			assertThat(status.error()).isEqualTo(status.dropped());
			assertThat(output.getAll()).contains("Controller 'configmap-controller' dropped web/invalid (terminal error;")
				.contains("spec.size is not a number");
			recording.behaviour = (request) -> ReconcileResult.done();
			this.server.update(configMap("web", "invalid").data(java.util.Map.of("size", "3")));
			await().untilAsserted(() -> assertThat(recording.count("web/invalid")).isEqualTo(calls + 1));
		});
	}

	@Test
	void maxRetriesDropsTheKeyAfterThatManyFailures(CapturedOutput output) {
		this.server.create(configMap("web", "flaky"));
		this.runner.withUserConfiguration(ConfigMapController.class)
			.withPropertyValues("kubernetes.informers.controllers.configmap-controller.max-retries=3")
			.run((context) -> {
				Recording recording = context.getBean(Recording.class);
				recording.behaviour = (request) -> {
					throw new IllegalStateException("always");
				};
				context.getBean(Controllers.class)
					.enqueue("configmap-controller", new ReconcileRequest("web", "flaky"));
				await().untilAsserted(() -> assertThat(output.getAll()).contains(
						"Controller 'configmap-controller' dropped web/flaky after 4 failed attempts (max-retries 3"));
				Controllers.Status status = context.getBean(Controllers.class).status("configmap-controller");
				assertThat(status.dropped()).isGreaterThanOrEqualTo(1);
				assertThat(status.retrying()).isZero();
			});
	}

	@Test
	void requeueAfterReconcilesAgainWithoutCountingAFailure() {
		this.server.create(configMap("web", "poll"));
		this.runner.withUserConfiguration(ConfigMapController.class).run((context) -> {
			Recording recording = context.getBean(Recording.class);
			AtomicInteger calls = new AtomicInteger();
			recording.behaviour = (request) -> (calls.incrementAndGet() < 3)
					? ReconcileResult.requeueAfter(Duration.ofMillis(50)) : ReconcileResult.done();
			context.getBean(Controllers.class).enqueue("configmap-controller", new ReconcileRequest("web", "poll"));
			await().untilAsserted(() -> assertThat(calls).hasValueGreaterThanOrEqualTo(3));
			Controllers.Status status = context.getBean(Controllers.class).status("configmap-controller");
			assertThat(status.error()).isZero();
			assertThat(status.requeue()).isGreaterThanOrEqualTo(2);
			assertThat(status.retries()).as("requeueAfter does not go through the rate limiter").isZero();
		});
	}

	@Test
	void requeueGoesThroughTheRateLimiter() {
		this.server.create(configMap("web", "again"));
		this.runner.withUserConfiguration(ConfigMapController.class).run((context) -> {
			Recording recording = context.getBean(Recording.class);
			AtomicInteger calls = new AtomicInteger();
			recording.behaviour = (request) -> (calls.incrementAndGet() < 3) ? ReconcileResult.requeue()
					: ReconcileResult.done();
			context.getBean(Controllers.class).enqueue("configmap-controller", new ReconcileRequest("web", "again"));
			await().untilAsserted(() -> assertThat(calls).hasValueGreaterThanOrEqualTo(3));
			await().untilAsserted(() -> assertThat(
					context.getBean(Controllers.class).status("configmap-controller").retries()).isGreaterThan(0));
		});
	}

	@Test
	void reconcileTimeoutInterruptsTheReconcileAndRetriesIt() {
		this.server.create(configMap("web", "slow"));
		AtomicBoolean interrupted = new AtomicBoolean();
		this.runner.withUserConfiguration(ConfigMapController.class)
			.withPropertyValues("kubernetes.informers.controllers.configmap-controller.reconcile-timeout=200ms")
			.run((context) -> {
				Recording recording = context.getBean(Recording.class);
				CountDownLatch never = new CountDownLatch(1);
				recording.behaviour = (request) -> {
					if (request.name().equals("slow") && !interrupted.get()) {
						try {
							never.await(1, TimeUnit.MINUTES);
						}
						catch (InterruptedException ex) {
							interrupted.set(true);
							throw ex;
						}
					}
					return ReconcileResult.done();
				};
				context.getBean(Controllers.class).enqueue("configmap-controller", new ReconcileRequest("web", "slow"));
				await().atMost(Duration.ofSeconds(30)).untilTrue(interrupted);
				await().untilAsserted(() -> {
					Controllers.Status status = context.getBean(Controllers.class).status("configmap-controller");
					assertThat(status.lastError().message()).contains("reconcile-timeout PT0.2S");
					assertThat(status.success()).isGreaterThanOrEqualTo(1);
				});
			});
	}

	@Test
	void aKeyIsNeverReconciledByTwoWorkersAtOnceAndRunsOnceMoreIfChangedMeanwhile() throws Exception {
		this.server.create(configMap("web", "held"));
		this.server.create(configMap("web", "other"));
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.runner.withUserConfiguration(ConfigMapController.class)
			.withPropertyValues("kubernetes.informers.controllers.configmap-controller.workers=4")
			.run((context) -> {
				Recording recording = context.getBean(Recording.class);
				Controllers controllers = context.getBean(Controllers.class);
				await().untilAsserted(() -> assertThat(recording.calls).contains("web/held", "web/other"));
				recording.behaviour = (request) -> {
					if (request.name().equals("held")) {
						entered.countDown();
						release.await(1, TimeUnit.MINUTES);
					}
					return ReconcileResult.done();
				};
				long heldBefore = recording.count("web/held");
				controllers.enqueue("configmap-controller", new ReconcileRequest("web", "held"));
				assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
				for (int i = 0; i < 20; i++) {
					controllers.enqueue("configmap-controller", new ReconcileRequest("web", "held"));
				}
				long otherBefore = recording.count("web/other");
				controllers.enqueue("configmap-controller", new ReconcileRequest("web", "other"));
				await().untilAsserted(() -> assertThat(recording.count("web/other")).isEqualTo(otherBefore + 1));
				assertThat(recording.count("web/held")).isEqualTo(heldBefore + 1);
				assertThat(controllers.status("configmap-controller").processing()).isEqualTo(1);
				release.countDown();
				await().untilAsserted(() -> assertThat(recording.count("web/held")).isEqualTo(heldBefore + 2));
				await().untilAsserted(() -> assertThat(controllers.status("configmap-controller").processing()).isZero());
				assertThat(recording.count("web/held")).isEqualTo(heldBefore + 2);
				assertThat(recording.overlaps).hasValue(0);
			});
	}

	@Test
	void workersReconcileDifferentKeysInParallel() {
		for (int i = 0; i < 4; i++) {
			this.server.create(configMap("web", "cm-" + i));
		}
		CountDownLatch allIn = new CountDownLatch(4);
		this.runner.withUserConfiguration(ConfigMapController.class)
			.withPropertyValues("kubernetes.informers.controllers.configmap-controller.workers=4")
			.run((context) -> {
				Recording recording = context.getBean(Recording.class);
				recording.behaviour = (request) -> {
					allIn.countDown();
					allIn.await(1, TimeUnit.MINUTES);
					return ReconcileResult.done();
				};
				for (int i = 0; i < 4; i++) {
					context.getBean(Controllers.class)
						.enqueue("configmap-controller", new ReconcileRequest("web", "cm-" + i));
				}
				assertThat(allIn.await(30, TimeUnit.SECONDS)).as("four keys in progress at once").isTrue();
				assertThat(recording.overlaps).hasValue(0);
			});
	}

	@Test
	void resyncEnqueuesEveryPrimaryKeyPeriodically() {
		this.server.create(configMap("web", "steady"));
		this.runner.withUserConfiguration(ConfigMapController.class)
			.withPropertyValues("kubernetes.informers.controllers.configmap-controller.resync=100ms")
			.run((context) -> {
				Recording recording = context.getBean(Recording.class);
				await().untilAsserted(() -> assertThat(recording.count("web/steady")).isGreaterThanOrEqualTo(3));
			});
	}

	@Test
	void anInformerIsCreatedForTheReconcilersTypeWhenNoneIsConfigured() {
		this.server.create(ownedPod("web", "p", "ConfigMap", "x", false));
		this.runner.withUserConfiguration(PodController.class).run((context) -> {
			Recording recording = context.getBean(Recording.class);
			assertThat(context.getBean(Informers.class).names()).contains("pods");
			await().untilAsserted(() -> assertThat(recording.calls).containsExactly("web/p"));
			assertThat(context.getBean(Controllers.class).status("podController").informer()).isEqualTo("pods");
		});
	}

	@Test
	void noThreadIsLeftBehindWhenTheContextCloses() {
		this.server.create(configMap("web", "a"));
		this.runner.withUserConfiguration(ConfigMapController.class)
			.withPropertyValues("kubernetes.informers.controllers.configmap-controller.workers=3",
					"kubernetes.informers.controllers.configmap-controller.reconcile-timeout=5s")
			.run((context) -> await().untilAsserted(
					() -> assertThat(context.getBean(Recording.class).calls).contains("web/a")));
		await().untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> thread.getName().startsWith("informer-controller-configmap-controller")));
	}

	@Configuration(proxyBeanMethods = false)
	static class ConfigMapController {

		@Bean
		Recording recording() {
			return new Recording();
		}

		@Bean
		ConfigMapReconciler configMapReconciler(Recording recording) {
			return new ConfigMapReconciler(recording);
		}

	}

	@KubernetesReconciler(name = "configmap-controller", informer = "configmaps", owns = "pods")
	static class ConfigMapReconciler extends RecordingReconciler<V1ConfigMap> {

		ConfigMapReconciler(Recording recording) {
			super(recording);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class PodController {

		@Bean
		Recording recording() {
			return new Recording();
		}

		@Bean
		PodReconciler podController(Recording recording) {
			return new PodReconciler(recording);
		}

	}

	@KubernetesReconciler
	static class PodReconciler extends RecordingReconciler<V1Pod> {

		PodReconciler(Recording recording) {
			super(recording);
		}

	}

}
