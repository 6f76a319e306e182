package io.github.informer.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.informer.annotation.InformerHandler;
import io.github.informer.handler.InformerHandlers;
import io.github.informer.handler.RegisteredHandler;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Handler throws / is slow / blocks forever: a healthy handler of the same informer receives every event
 * promptly, the cache stays current, each failure is counted and logged once with the handler id, and closing the
 * context still ends in bounded time.
 */
@ExtendWith(OutputCaptureExtension.class)
class HandlerFaultTests {

	private static final int OBJECTS = 200;

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	private FakeKubernetesApiServer server;

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		this.server = server;
		Faulty.release.set(false);
		Faulty.blocked = new CountDownLatch(1);
	}

	@AfterEach
	void releaseHandlers() {
		Faulty.release.set(true);
		Faulty.blocked.countDown();
	}

	@Test
	void throwingSlowAndBlockedHandlersDoNotAffectAHealthyOneAndShutdownIsBounded(CapturedOutput output) {
		ConfigurableApplicationContext context = ReliabilityApps.web(List.of(Faulty.class),
				"kubernetes.informers.client.url=" + this.server.url(),
				"kubernetes.informers.resources.configmaps.api-version=v1",
				"kubernetes.informers.resources.configmaps.kind=ConfigMap",
				"kubernetes.informers.startup.shutdown-timeout=1s");
		try {
			for (int i = 0; i < OBJECTS; i++) {
				this.server.create(new V1ConfigMap().metadata(new V1ObjectMeta().namespace("web").name("cm-" + i)));
			}
			Faulty faulty = context.getBean(Faulty.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> faulty.healthy.size() == OBJECTS);
			InformerHandlers handlers = context.getBean(InformerHandlers.class);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> handlers.handler("throwing").orElseThrow().failed() == OBJECTS);
			RegisteredHandler healthy = handlers.handler("healthy").orElseThrow();
			assertThat(healthy.failed()).isZero();
			assertThat(healthy.delivered()).isEqualTo(OBJECTS);
			assertThat(handlers.handler("slow").orElseThrow().queued()).as("slow handler backlog").isPositive();
			assertThat(handlers.handler("blocked").orElseThrow().queued()).as("blocked handler backlog")
				.isEqualTo(OBJECTS);
			assertThat(handlers.handler("uninterruptible").orElseThrow().queued()).isEqualTo(OBJECTS);
			assertThat(output.getAll().lines().filter((line) -> line.contains("Informer handler 'throwing' failed on "
					+ "ADDED of web/cm-"))).hasSize(OBJECTS);
			assertThat(ReliabilityApps.informerThreads()).contains("informer-configmaps-throwing",
					"informer-configmaps-healthy");
		}
		finally {
			long start = System.nanoTime();
			context.close();
			Duration closing = Duration.ofNanos(System.nanoTime() - start);
			// shutdown-timeout 1s: the handler that ignores interruption is left behind, with a warning
			assertThat(closing).isLessThan(Duration.ofSeconds(5));
		}
		assertThat(output.getAll()).contains("did not end within PT1S");
		assertThat(ReliabilityApps.informerThreads()).containsExactly("informer-configmaps-uninterruptible");
		Faulty.release.set(true);
		await().atMost(Duration.ofSeconds(5)).until(() -> ReliabilityApps.informerThreads().isEmpty());
	}

	@Configuration(proxyBeanMethods = false)
	static class Faulty {

		static final AtomicBoolean release = new AtomicBoolean();

		static volatile CountDownLatch blocked = new CountDownLatch(1);

		final Set<String> healthy = ConcurrentHashMap.newKeySet();

		@InformerHandler(id = "throwing")
		void throwing(V1ConfigMap configMap) {
			throw new IllegalStateException("handler fails on purpose");
		}

		@InformerHandler(id = "slow")
		void slow(V1ConfigMap configMap) throws InterruptedException {
			new CountDownLatch(1).await(100, TimeUnit.MILLISECONDS);
		}

		@InformerHandler(id = "blocked")
		void blocked(V1ConfigMap configMap) throws InterruptedException {
			blocked.await();
		}

		@InformerHandler(id = "uninterruptible")
		void uninterruptible(V1ConfigMap configMap) {
			while (!release.get()) {
				try {
					new CountDownLatch(1).await(20, TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					// ignores interruption, as badly written handlers do
				}
			}
		}

		@InformerHandler(id = "healthy")
		void healthy(V1ConfigMap configMap) {
			this.healthy.add(configMap.getMetadata().getName());
		}

	}

}
