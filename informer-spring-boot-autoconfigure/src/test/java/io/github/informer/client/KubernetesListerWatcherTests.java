package io.github.informer.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.informer.fixtures.Pods;
import io.github.informer.test.RecordedRequest;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Pod;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link KubernetesListerWatcher} and the list/watch loop against the in-JVM API server: selectors, paging, bookmarks.
 */
class KubernetesListerWatcherTests extends FakeServerTestSupport {

	@Test
	void labelAndFieldSelectorsAreHonouredOnListAndWatch() {
		this.server.create(Pods.pod("web", "match", Map.of("app", "web", "tier", "front")));
		this.server.create(Pods.pod("web", "cache", Map.of("app", "web", "tier", "cache")));
		this.server.create(Pods.pod("other", "other-namespace", Map.of("app", "web", "tier", "front")));
		this.informer = TestPods.informer("pods", List.of(TestPods.pods(this.server.apiClient(), null,
				"app=web,tier!=cache", "metadata.namespace=web", 500)));
		this.informer.run();
		await().atMost(Duration.ofSeconds(10)).until(this.informer::hasSynced);
		assertThat(this.informer.getIndexer().listKeys()).containsExactly("web/match");
		this.server.create(Pods.pod("web", "late-match", Map.of("app", "web")));
		this.server.create(Pods.pod("web", "late-cache", Map.of("app", "web", "tier", "cache")));
		this.server.create(Pods.pod("other", "late-other", Map.of("app", "web")));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.informer.getIndexer().listKeys())
				.containsExactlyInAnyOrder("web/match", "web/late-match"));
		List<RecordedRequest> requests = podRequests();
		assertThat(requests).filteredOn((request) -> !"true".equals(request.query().get("watch"))).isNotEmpty();
		assertThat(requests).filteredOn((request) -> "true".equals(request.query().get("watch"))).isNotEmpty();
		assertThat(requests).allSatisfy((request) -> {
			assertThat(request.query()).containsEntry("labelSelector", "app=web,tier!=cache");
			assertThat(request.query()).containsEntry("fieldSelector", "metadata.namespace=web");
		});
	}

	@Test
	void listIsPagedAndWritesBetweenPagesArriveThroughTheWatch() {
		for (int i = 1; i <= 7; i++) {
			this.server.create(Pods.pod("web", "pod-" + i, Map.of()));
		}
		AtomicInteger written = new AtomicInteger();
		ApiClient client = this.server.apiClient();
		client.setHttpClient(client.getHttpClient().newBuilder().addInterceptor((chain) -> {
			Response response = chain.proceed(chain.request());
			boolean listPage = chain.request().url().queryParameter("limit") != null;
			if (listPage && response.isSuccessful()) {
				int n = written.incrementAndGet();
				this.server.create(Pods.pod("web", "written-" + n, Map.of()));
				if (n == 2) {
					this.server.delete("v1", "Pod", "web", "pod-7");
				}
			}
			return response;
		}).build());
		this.informer = TestPods.informer("pods", List.of(TestPods.pods(client, "web", null, null, 2)));
		RecordingHandler<V1Pod> handler = new RecordingHandler<>();
		this.informer.addEventHandler(handler);
		this.informer.run();
		await().atMost(Duration.ofSeconds(10)).until(this.informer::hasSynced);
		List<RecordedRequest> pages = podRequests()
			.stream()
			.filter((request) -> request.query().containsKey("limit"))
			.toList();
		assertThat(pages).hasSize(4);
		assertThat(pages).allSatisfy((page) -> assertThat(page.query()).containsEntry("limit", "2"));
		assertThat(pages.get(0).query()).doesNotContainKey("continue");
		assertThat(pages.subList(1, 4)).allSatisfy((page) -> assertThat(page.query()).containsKey("continue"));
		List<String> expected = this.server.list(V1Pod.class, "web")
			.stream()
			.map((pod) -> "web/" + pod.getMetadata().getName())
			.toList();
		assertThat(expected).hasSize(10).contains("web/written-4").doesNotContain("web/pod-7");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.informer.getIndexer().listKeys())
				.containsExactlyInAnyOrderElementsOf(expected));
		assertThat(handler.events).contains("ADDED web/pod-7", "DELETED web/pod-7", "ADDED web/written-1");
	}

	@Test
	void expiredContinueTokenIsListedOnceWithoutPagingAsClientGoDoes() {
		for (int i = 1; i <= 5; i++) {
			this.server.create(Pods.pod("web", "pod-" + i, Map.of()));
		}
		AtomicInteger pages = new AtomicInteger();
		ApiClient client = this.server.apiClient();
		client.setHttpClient(client.getHttpClient().newBuilder().addInterceptor((chain) -> {
			Response response = chain.proceed(chain.request());
			if (chain.request().url().queryParameter("limit") != null && pages.incrementAndGet() == 1) {
				this.server.create(Pods.pod("web", "during-list", Map.of()));
				this.server.compactHistory();
			}
			return response;
		}).build());
		this.informer = TestPods.informer("pods", List.of(TestPods.pods(client, "web", null, null, 2)));
		this.informer.run();
		await().atMost(Duration.ofSeconds(10)).until(this.informer::hasSynced);
		List<RecordedRequest> lists = podRequests().stream().filter((request) -> !request.isWatch()).toList();
		assertThat(lists).extracting(RecordedRequest::status).contains(410);
		RecordedRequest expired = lists.stream().filter((request) -> request.status() == 410).findFirst().orElseThrow();
		assertThat(expired.query()).containsKey("continue");
		List<RecordedRequest> after = lists.subList(lists.indexOf(expired) + 1, lists.size());
		// one unpaged list of the current state, not the paged list again from its first page
		assertThat(after).singleElement().satisfies((request) -> {
			assertThat(request.query()).doesNotContainKeys("continue", "limit");
			assertThat(request.status()).isEqualTo(200);
		});
		assertThat(this.informer.cacheSize()).isEqualTo(6);
		assertThat(this.informer.watchStatus().lastError()).isNull();
	}

	@Test
	void listWithoutPageSizeIsOneRequest() {
		for (int i = 1; i <= 5; i++) {
			this.server.create(Pods.pod("web", "pod-" + i, Map.of()));
		}
		this.informer = TestPods.informer("pods", List.of(TestPods.pods(this.server.apiClient(), null, null, null, 0)));
		this.informer.run();
		await().atMost(Duration.ofSeconds(10)).until(this.informer::hasSynced);
		assertThat(this.informer.cacheSize()).isEqualTo(5);
		assertThat(podRequests())
			.filteredOn((request) -> !"true".equals(request.query().get("watch")))
			.singleElement()
			.satisfies((request) -> assertThat(request.query()).doesNotContainKeys("limit", "continue"));
	}

	@Test
	void watchesRequestBookmarksAndFollowThem() {
		this.server.create(Pods.pod("web", "one", Map.of()));
		this.informer = podInformer("pods", "web");
		this.informer.run();
		await().atMost(Duration.ofSeconds(10)).until(this.informer::hasSynced);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.informer.watchStatus().state() == WatchState.WATCHING
					&& podRequests()
						.stream()
						.anyMatch((request) -> "true".equals(request.query().get("watch"))));
		assertThat(podRequests())
			.filteredOn((request) -> "true".equals(request.query().get("watch")))
			.allSatisfy((request) -> {
				assertThat(request.query()).containsEntry("allowWatchBookmarks", "true");
				assertThat(request.query()).containsKey("resourceVersion");
				assertThat(request.query()).containsKey("timeoutSeconds");
			});
		String before = this.informer.lastSyncResourceVersion();
		this.server.create(Pods.pod("elsewhere", "unrelated", Map.of()));
		String current = this.server.resourceVersion();
		assertThat(current).isNotEqualTo(before);
		this.server.sendBookmarks();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.informer.lastSyncResourceVersion().equals(current));
		this.server.closeAllWatches();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> podRequests()
				.stream()
				.anyMatch((request) -> current.equals(request.query().get("resourceVersion"))
						&& "true".equals(request.query().get("watch"))));
	}

}
