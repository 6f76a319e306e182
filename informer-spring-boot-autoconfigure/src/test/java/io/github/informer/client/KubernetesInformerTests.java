package io.github.informer.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.informer.fixtures.Pods;
import io.kubernetes.client.informer.cache.Lister;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link KubernetesInformer} against the in-JVM API server: one cache over several namespaces, relists, and threads.
 */
class KubernetesInformerTests extends FakeServerTestSupport {

	@Test
	void twoNamespacesShareOneCacheListerAndHandler() {
		this.server.create(Pods.pod("a", "one", Map.of()));
		this.server.create(Pods.pod("b", "two", Map.of()));
		this.server.create(Pods.pod("c", "ignored", Map.of()));
		this.informer = podInformer("pods", "a", "b");
		RecordingHandler<V1Pod> handler = new RecordingHandler<>();
		this.informer.addEventHandler(handler);
		this.informer.run();
		await().atMost(Duration.ofSeconds(10)).until(this.informer::hasSynced);
		this.server.create(Pods.pod("b", "three", Map.of()));
		this.server.create(Pods.pod("c", "ignored-too", Map.of()));
		Lister<V1Pod> lister = new Lister<>(this.informer.getIndexer());
		await().atMost(Duration.ofSeconds(10)).until(() -> lister.list().size() == 3);
		assertThat(lister.namespace("a").list()).extracting((pod) -> pod.getMetadata().getName())
			.containsExactly("one");
		assertThat(lister.namespace("b").list()).extracting((pod) -> pod.getMetadata().getName())
			.containsExactlyInAnyOrder("two", "three");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(handler.events).containsExactlyInAnyOrder("ADDED a/one", "ADDED b/two",
					"ADDED b/three"));
		assertThat(handler.threads).allMatch((name) -> name.startsWith("informer-pods-handler-"));
		assertThat(this.informer.watchStatuses()).extracting(WatchStatus::namespace).containsExactly("a", "b");
		assertThat(this.informer.watchStatus().state()).isEqualTo(WatchState.WATCHING);
		assertThat(this.informer.cacheSize()).isEqualTo(3);
	}

	@Test
	void listObjectsGetApiVersionAndKind() {
		this.server.create(Pods.pod("a", "one", Map.of()));
		this.informer = podInformer("pods");
		this.informer.run();
		await().atMost(Duration.ofSeconds(10)).until(this.informer::hasSynced);
		V1Pod cached = this.informer.getIndexer().getByKey("a/one");
		assertThat(cached.getApiVersion()).isEqualTo("v1");
		assertThat(cached.getKind()).isEqualTo("Pod");
	}

	@Test
	void relistAfterExpiredWatchDeliversMissedDeletesAsFinalStateUnknown() {
		this.server.create(Pods.pod("a", "stays", Map.of()));
		this.server.create(Pods.pod("a", "goes", Map.of()));
		this.informer = podInformer("pods");
		RecordingHandler<V1Pod> handler = new RecordingHandler<>();
		this.informer.addEventHandler(handler);
		this.informer.run();
		await().atMost(Duration.ofSeconds(10)).until(this.informer::hasSynced);
		this.server.stop();
		this.server.delete("v1", "Pod", "a", "goes");
		this.server.compactHistory();
		this.server.restart();
		await().atMost(Duration.ofSeconds(15))
			.untilAsserted(() -> assertThat(handler.events).contains("DELETED a/goes unknown"));
		assertThat(this.informer.getIndexer().listKeys()).containsExactly("a/stays");
		assertThat(handler.events).filteredOn((event) -> event.endsWith("a/stays")).containsExactly("ADDED a/stays");
		assertThat(this.informer.watchStatus().restarts()).isPositive();
	}

	@Test
	void stopEndsEveryInformerThread() {
		this.informer = podInformer("stopper", "a", "b");
		this.informer.addEventHandler(new RecordingHandler<>());
		this.informer.addEventHandlerWithResyncPeriod(new RecordingHandler<>(), 1000);
		this.informer.run();
		await().atMost(Duration.ofSeconds(10)).until(this.informer::hasSynced);
		assertThat(threadsNamed("informer-stopper-")).hasSizeGreaterThanOrEqualTo(4);
		assertThat(this.informer.stop(Duration.ofSeconds(5))).isTrue();
		assertThat(threadsNamed("informer-stopper-")).isEmpty();
		assertThat(this.informer.watchStatus().state()).isEqualTo(WatchState.STOPPED);
	}

	@Test
	void stopIsBoundedEvenWithABlockedHandlerAndASlowServer() throws Exception {
		this.server.create(Pods.pod("a", "one", Map.of()));
		this.informer = podInformer("blocked");
		CountDownLatch handling = new CountDownLatch(1);
		this.informer.addEventHandler(new RecordingHandler<>() {

			@Override
			public void onAdd(V1Pod object) {
				handling.countDown();
				try {
					new CountDownLatch(1).await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}

		});
		this.informer.run();
		assertThat(handling.await(10, TimeUnit.SECONDS)).isTrue();
		this.server.latency(Duration.ofSeconds(30));
		this.server.closeAllWatches();
		long start = System.nanoTime();
		assertThat(this.informer.stop(Duration.ofSeconds(5))).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
		assertThat(threadsNamed("informer-blocked-")).isEmpty();
		this.server.latency(Duration.ZERO);
	}

	@Test
	void handlerWithResyncPeriodReceivesEveryCachedObjectAgain() {
		this.server.create(Pods.pod("a", "one", Map.of()));
		this.informer = podInformer("pods");
		RecordingHandler<V1Pod> resyncing = new RecordingHandler<>();
		RecordingHandler<V1Pod> plain = new RecordingHandler<>();
		this.informer.addEventHandlerWithResyncPeriod(resyncing, 1000);
		this.informer.addEventHandler(plain);
		this.informer.run();
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(resyncing.events).contains("ADDED a/one", "UPDATED a/one"));
		assertThat(plain.events).containsExactly("ADDED a/one");
	}

	@Test
	void handlerAddedAfterStartReceivesTheCacheAsAdded() {
		this.server.create(Pods.pod("a", "one", Map.of()));
		this.informer = podInformer("pods");
		this.informer.run();
		await().atMost(Duration.ofSeconds(10)).until(this.informer::hasSynced);
		RecordingHandler<V1Pod> late = new RecordingHandler<>();
		this.informer.addEventHandler(late);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(late.events).containsExactly("ADDED a/one"));
	}

	static List<String> threadsNamed(String prefix) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith(prefix))
			.toList();
	}

}
