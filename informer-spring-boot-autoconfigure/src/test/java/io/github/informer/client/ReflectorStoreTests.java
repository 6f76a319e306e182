package io.github.informer.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.informer.fixtures.Pods;
import io.kubernetes.client.informer.cache.Caches;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.models.V1Pod;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The list/watch loop on its own, writing to a store that is not an informer: what it tells the store for a list, a
 * watch's changes and its first sync, and how its failures are described.
 */
class ReflectorStoreTests extends FakeServerTestSupport {

	private final RecordingStore store = new RecordingStore();

	private @Nullable Reflector<V1Pod> reflector;

	@AfterEach
	void stopLoop() throws InterruptedException {
		if (this.reflector != null) {
			this.reflector.signalStop();
			this.reflector.awaitTermination(Duration.ofSeconds(5));
		}
	}

	@Test
	void listUpsertsEachObjectThenReplacesTheNamespaceAndReportsTheFirstSyncOnce() {
		this.server.create(Pods.pod("web", "one", Map.of()));
		this.server.create(Pods.pod("web", "two", Map.of()));
		this.server.create(Pods.pod("other", "three", Map.of()));
		start("web");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.store.synced == 1);
		assertThat(this.store.upserted).containsExactlyInAnyOrder("web/one", "web/two");
		assertThat(this.store.replaced).containsExactly("web=[web/one, web/two]");
		assertThat(this.reflector.status().synced()).isTrue();
		assertThat(this.reflector.status().namespace()).isEqualTo("web");
	}

	@Test
	void watchEventsBecomeUpsertsAndDeletesOfTheStore() {
		start(null);
		await().atMost(Duration.ofSeconds(30)).until(() -> this.reflector.status().state() == WatchState.WATCHING);
		this.server.create(Pods.pod("web", "new", Map.of()));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.store.upserted.contains("web/new"));
		this.server.delete("v1", "Pod", "web", "new");
		await().atMost(Duration.ofSeconds(30)).until(() -> this.store.deleted.contains("web/new"));
		assertThat(this.store.synced).isEqualTo(1);
	}

	@Test
	void onlyADiscoveryExceptionIsReportedWithTheVerbDiscovery() {
		KubernetesListerWatcher<V1Pod> pods = TestPods.pods(this.server.apiClient(), null, null, null, 500);
		WatchError discovery = WatchError.of(new DiscoveryException("the API server does not serve v9", 404, Map.of()),
				"list", pods);
		WatchError sameWords = WatchError.of(
				new ApiException("the API server is overloaded", 503, Map.of(), null), "list", pods);
		assertThat(discovery.verb()).isEqualTo("discovery");
		assertThat(discovery.reason()).isEqualTo("NotFound");
		assertThat(sameWords.verb()).isEqualTo("list");
		assertThat(sameWords.reason()).isEqualTo("ServiceUnavailable");
	}

	private void start(@Nullable String namespace) {
		this.reflector = new Reflector<>("pods", TestPods.pods(this.server.apiClient(), namespace, null, null, 500),
				this.store, new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)));
		this.reflector.start("informer-pods-watch");
	}

	/** Records what the loop tells its store, in order. */
	private static final class RecordingStore implements InformerStore<V1Pod> {

		final List<String> upserted = new CopyOnWriteArrayList<>();

		final List<String> deleted = new CopyOnWriteArrayList<>();

		final List<String> replaced = new CopyOnWriteArrayList<>();

		volatile int synced;

		@Override
		public String upsert(V1Pod object) {
			String key = Caches.metaNamespaceKeyFunc(object);
			this.upserted.add(key);
			return key;
		}

		@Override
		public void delete(V1Pod object) {
			this.deleted.add(Caches.metaNamespaceKeyFunc(object));
		}

		@Override
		public void replace(@Nullable String namespace, Set<String> listedKeys) {
			this.replaced.add(namespace + "=" + listedKeys.stream().sorted().toList());
		}

		@Override
		public void synced() {
			this.synced++;
		}

	}

}
