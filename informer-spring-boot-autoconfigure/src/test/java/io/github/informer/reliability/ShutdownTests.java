package io.github.informer.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.informer.annotation.InformerHandler;
import io.github.informer.handler.InformerHandlers;
import io.github.informer.registry.Informers;
import io.github.informer.registry.ManagedInformer;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing the context stops every informer and thread, leaving no {@code informer-} thread: also in the middle of a
 * paged initial list on a slow API server, with several informers, namespaces and handlers with a backlog.
 */
class ShutdownTests {

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	private FakeKubernetesApiServer server;

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		this.server = server;
		List<V1ConfigMap> objects = new ArrayList<>();
		for (int i = 0; i < 300; i++) {
			objects.add(new V1ConfigMap().apiVersion("v1").kind("ConfigMap")
				.metadata(new V1ObjectMeta().namespace((i % 2 == 0) ? "web" : "jobs").name("cm-" + i)));
		}
		this.server.seed(objects);
	}

	@Test
	void closingInTheMiddleOfThePagedInitialListLeavesNoInformerThread() {
		List<String> before = ReliabilityApps.informerThreads();
		// every page takes 300 ms: the list of 150 objects per namespace in pages of 10 takes 4.5 s
		this.server.latency(Duration.ofMillis(300));
		ConfigurableApplicationContext context = ReliabilityApps.web(List.of(SlowHandler.class),
				"kubernetes.informers.client.url=" + this.server.url(),
				"kubernetes.informers.resources.configmaps.api-version=v1",
				"kubernetes.informers.resources.configmaps.kind=ConfigMap",
				"kubernetes.informers.resources.configmaps.namespaces=web,jobs",
				"kubernetes.informers.resources.secrets.api-version=v1",
				"kubernetes.informers.resources.secrets.kind=Secret", "kubernetes.informers.list-page-size=10",
				"kubernetes.informers.startup.wait-for-sync=false");
		ManagedInformer<V1ConfigMap> configMaps = context.getBean(Informers.class).get("configmaps");
		await().atMost(Duration.ofSeconds(10)).until(() -> configMaps.cacheSize() >= 20);
		assertThat(configMaps.hasSynced()).as("still listing").isFalse();
		assertThat(ReliabilityApps.informerThreads()).contains("informer-configmaps-watch-web",
				"informer-configmaps-watch-jobs", "informer-secrets-watch", "informer-configmaps-slow");
		long start = System.nanoTime();
		context.close();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		assertThat(ReliabilityApps.informerThreads()).as("informer threads after close").isSubsetOf(before);
	}

	@Test
	void closingWithHandlerBacklogsAfterSyncLeavesNoInformerThread() {
		List<String> before = ReliabilityApps.informerThreads();
		ConfigurableApplicationContext context = ReliabilityApps.web(List.of(SlowHandler.class),
				"kubernetes.informers.client.url=" + this.server.url(),
				"kubernetes.informers.resources.configmaps.api-version=v1",
				"kubernetes.informers.resources.configmaps.kind=ConfigMap");
		ManagedInformer<V1ConfigMap> configMaps = context.getBean(Informers.class).get("configmaps");
		assertThat(configMaps.hasSynced()).isTrue();
		assertThat(context.getBean(InformerHandlers.class).handler("slow").orElseThrow().queued()).isPositive();
		context.close();
		assertThat(ReliabilityApps.informerThreads()).as("informer threads after close").isSubsetOf(before);
	}

	@Configuration(proxyBeanMethods = false)
	static class SlowHandler {

		@InformerHandler(informer = "configmaps", id = "slow")
		void slow(V1ConfigMap configMap) throws InterruptedException {
			new CountDownLatch(1).await(50, TimeUnit.MILLISECONDS);
		}

	}

}
