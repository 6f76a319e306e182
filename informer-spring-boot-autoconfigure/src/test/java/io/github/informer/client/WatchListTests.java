package io.github.informer.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.informer.fixtures.Pods;
import io.github.informer.test.RecordedRequest;
import io.github.informer.test.RequestFailure;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.cache.Caches;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodStatus;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The watch-list (KEP-3157) of the list/watch loop against the in-JVM API server over HTTP: the request, the initial
 * events into a temporary store, the replace at the annotated bookmark exactly as a relist, the same stream going on
 * as the watch, and what {@code watch-list} (no fallback) and {@code auto} do when the server answers otherwise. The
 * fallback on each of the server's injected faults, with the endpoint and the metric, is in
 * {@code WatchListFallbackTests}.
 */
class WatchListTests extends FakeServerTestSupport {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private int bumps;

	@Test
	void watchListSendsTheStreamingParametersWithoutResourceVersionAndGoesOnWithTheSameStream() {
		this.server.create(Pods.pod("web", "one", "web"));
		this.server.create(Pods.pod("web", "skipped", "web"));
		this.server.create(Pods.pod("web", "other-app", "db"));
		RecordingHandler<V1Pod> handler = new RecordingHandler<>();
		this.informer = TestPods.informer("pods", List.of(TestPods.pods(this.server.apiClient(), "web", "app=web",
				"metadata.name!=skipped", ListStrategy.WATCH_LIST)));
		this.informer.addEventHandler(handler);
		this.informer.run();
		await().atMost(TIMEOUT).until(this.informer::hasSynced);
		assertThat(this.informer.getIndexer().listKeys()).containsExactly("web/one");
		this.server.create(Pods.pod("web", "two", "web"));
		await().atMost(TIMEOUT).until(() -> handler.events.contains("ADDED web/two"));
		assertThat(handler.events).containsExactly("ADDED web/one", "ADDED web/two");
		List<RecordedRequest> requests = podRequests();
		assertThat(requests).hasSize(1);
		Map<String, String> query = requests.get(0).query();
		assertThat(query).containsOnlyKeys("watch", "sendInitialEvents", "allowWatchBookmarks",
				"resourceVersionMatch", "labelSelector", "fieldSelector", "timeoutSeconds");
		assertThat(query).containsEntry("watch", "1")
			.containsEntry("sendInitialEvents", "true")
			.containsEntry("allowWatchBookmarks", "true")
			.containsEntry("resourceVersionMatch", "NotOlderThan")
			.containsEntry("labelSelector", "app=web")
			.containsEntry("fieldSelector", "metadata.name!=skipped");
		assertThat(Integer.parseInt(query.get("timeoutSeconds"))).isBetween(300, 599);
		WatchStatus status = this.informer.watchStatus();
		assertThat(status.listStrategy()).isEqualTo("watch-list");
		assertThat(status.listFallback()).isNull();
		assertThat(status.lists()).isEqualTo(1);
		assertThat(status.state()).isEqualTo(WatchState.WATCHING);
	}

	@Test
	void listStrategySendsNoSendInitialEvents() {
		this.server.create(Pods.pod("web", "one", "web"));
		this.informer = TestPods.informer("pods",
				List.of(TestPods.pods(this.server.apiClient(), null, null, null, ListStrategy.LIST)));
		this.informer.run();
		await().atMost(TIMEOUT).until(this.informer::hasSynced);
		await().atMost(TIMEOUT).until(() -> podRequests().stream().anyMatch(RecordedRequest::isWatch));
		assertThat(podRequests()).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.query()).doesNotContainKeys("sendInitialEvents",
					"resourceVersionMatch"));
		assertThat(podRequests().get(0).isWatch()).isFalse();
		assertThat(this.informer.watchStatus().listStrategy()).isEqualTo("list");
	}

	@Test
	void syncAndHandlerEventsAreIdenticalToThePagedListForTheSameState() {
		List<V1Pod> pods = new ArrayList<>();
		for (int i = 0; i < 1200; i++) {
			pods.add(Pods.pod((i % 3 == 0) ? "other" : "web", "pod-" + i, "web"));
		}
		this.server.seed(pods);
		RecordingHandler<V1Pod> listed = new RecordingHandler<>();
		RecordingHandler<V1Pod> streamed = new RecordingHandler<>();
		KubernetesInformer<V1Pod> byList = TestPods.informer("by-list",
				List.of(TestPods.pods(this.server.apiClient(), null, null, null, ListStrategy.LIST)));
		this.informer = TestPods.informer("by-watch-list",
				List.of(TestPods.pods(this.server.apiClient(), null, null, null, ListStrategy.WATCH_LIST)));
		byList.addEventHandler(listed);
		this.informer.addEventHandler(streamed);
		try {
			byList.run();
			this.informer.run();
			await().atMost(TIMEOUT).until(() -> byList.hasSynced() && this.informer.hasSynced());
			await().atMost(TIMEOUT).until(() -> listed.events.size() == 1200 && streamed.events.size() == 1200);
			assertThat(streamed.events).isEqualTo(listed.events).allMatch((event) -> event.startsWith("ADDED "));
			assertThat(this.informer.getIndexer().listKeys()).containsExactlyInAnyOrderElementsOf(
					byList.getIndexer().listKeys());
			assertThat(this.informer.lastSyncResourceVersion()).isEqualTo(byList.lastSyncResourceVersion());
			V1Pod changed = this.server.get(V1Pod.class, "web", "pod-1").orElseThrow();
			changed.getMetadata().putAnnotationsItem("changed", "yes");
			this.server.update(changed);
			this.server.delete("v1", "Pod", "other", "pod-0");
			this.server.create(Pods.pod("web", "new", "web"));
			await().atMost(TIMEOUT).until(() -> listed.events.size() == 1203 && streamed.events.size() == 1203);
			assertThat(streamed.events).isEqualTo(listed.events);
			assertThat(streamed.events.subList(1200, 1203)).containsExactly("UPDATED web/pod-1",
					"DELETED other/pod-0", "ADDED web/new");
			assertThat(this.informer.eventCounts()).isEqualTo(byList.eventCounts());
		}
		finally {
			byList.stop(Duration.ofSeconds(5));
		}
	}

	@Test
	void relistAfter410StreamsFromTheLastSyncedVersionAndReportsDeletesAsARelistDoes() {
		this.server.create(Pods.pod("web", "kept", "web"));
		this.server.create(Pods.pod("web", "changed", "web"));
		this.server.create(Pods.pod("web", "deleted", "web"));
		RecordingHandler<V1Pod> handler = new RecordingHandler<>();
		this.informer = TestPods.informer("pods",
				List.of(TestPods.pods(this.server.apiClient(), null, null, null, ListStrategy.WATCH_LIST)));
		this.informer.addEventHandler(handler);
		this.informer.run();
		await().atMost(TIMEOUT).until(() -> handler.events.size() == 3);
		this.server.stop();
		String lastSynced = this.informer.lastSyncResourceVersion();
		V1Pod changed = this.server.get(V1Pod.class, "web", "changed").orElseThrow();
		changed.getMetadata().putAnnotationsItem("changed", "while the watch was down");
		this.server.update(changed);
		this.server.delete("v1", "Pod", "web", "deleted");
		this.server.compactHistory();
		this.server.start();
		await().atMost(TIMEOUT).until(() -> handler.events.size() == 5);
		assertThat(handler.events.subList(3, 5)).containsExactlyInAnyOrder("UPDATED web/changed",
				"DELETED web/deleted unknown");
		assertThat(this.informer.getIndexer().listKeys()).containsExactlyInAnyOrder("web/kept", "web/changed");
		List<RecordedRequest> watchLists = watchLists();
		assertThat(watchLists).hasSize(2);
		assertThat(watchLists.get(0).query()).doesNotContainKey("resourceVersion");
		assertThat(watchLists.get(1).query()).containsEntry("resourceVersion", lastSynced);
		assertThat(podRequests()).allMatch(RecordedRequest::isWatch);
		assertThat(this.informer.watchStatus().lists()).isEqualTo(2);
		assertThat(this.informer.lastSyncResourceVersion()).isEqualTo(this.server.resourceVersion());
	}

	@Test
	void a410OnTheWatchListItselfIsAFailureAndTheNextAttemptAsksForTheLatestState() {
		this.server.create(Pods.pod("web", "one", "web"));
		this.informer = TestPods.informer("pods",
				List.of(TestPods.pods(this.server.apiClient(), null, null, null, ListStrategy.WATCH_LIST)));
		this.informer.run();
		await().atMost(TIMEOUT).until(this.informer::hasSynced);
		this.server.failNextWatchList(RequestFailure.status(410));
		forceRelist();
		await().atMost(TIMEOUT).until(() -> watchLists().size() == 3 && this.informer.watchStatus().lists() == 2);
		List<RecordedRequest> watchLists = watchLists();
		assertThat(watchLists.get(1).query()).containsKey("resourceVersion");
		assertThat(watchLists.get(1).status()).isEqualTo(410);
		assertThat(watchLists.get(2).query()).doesNotContainKey("resourceVersion");
		assertThat(podRequests()).allMatch(RecordedRequest::isWatch);
		WatchStatus status = this.informer.watchStatus();
		assertThat(status.lastError().verb()).isEqualTo("watch-list");
		assertThat(status.lastError().code()).isEqualTo(410);
		assertThat(status.listFallbacks()).isZero();
	}

	@Test
	void watchListStrategyNeverFallsBackButRetriesWithBackoff() {
		this.server.create(Pods.pod("web", "one", "web"));
		this.server.failNextWatchList(RequestFailure.status(500).times(2));
		RecordingHandler<V1Pod> handler = new RecordingHandler<>();
		this.informer = TestPods.informer("pods",
				List.of(TestPods.pods(this.server.apiClient(), null, null, null, ListStrategy.WATCH_LIST)));
		this.informer.addEventHandler(handler);
		this.informer.run();
		await().atMost(TIMEOUT).until(this.informer::hasSynced);
		assertThat(watchLists()).extracting(RecordedRequest::status).containsExactly(500, 500, 200);
		assertThat(podRequests()).allMatch(RecordedRequest::isWatch);
		WatchStatus status = this.informer.watchStatus();
		assertThat(status.listStrategy()).isEqualTo("watch-list");
		assertThat(status.listFallback()).isNull();
		assertThat(status.lastError().verb()).isEqualTo("watch-list");
		assertThat(status.lastError().code()).isEqualTo(500);
		assertThat(status.restarts()).isEqualTo(2);
		assertThat(handler.events).containsExactly("ADDED web/one");
	}

	@Test
	void autoListsWithoutTryingWatchListAgainAfterTheServerSaidItDoesNotSupportIt() {
		this.server.create(Pods.pod("web", "one", "web"));
		this.server.failNextWatchList(RequestFailure.status(422));
		this.informer = TestPods.informer("pods",
				List.of(TestPods.pods(this.server.apiClient(), null, null, null, ListStrategy.AUTO)));
		this.informer.run();
		await().atMost(TIMEOUT).until(this.informer::hasSynced);
		assertThat(this.informer.watchStatus().listFallback()).startsWith("watch-list pods failed: 422 Invalid");
		forceRelist();
		await().atMost(TIMEOUT).until(() -> this.informer.watchStatus().lists() == 2);
		assertThat(watchLists()).hasSize(1);
		assertThat(podRequests().stream().filter((request) -> !request.isWatch())).hasSize(2);
		assertThat(this.informer.watchStatus().listStrategy()).isEqualTo("list");
		assertThat(this.informer.watchStatus().listFallbacks()).isEqualTo(1);
	}

	@Test
	void autoTriesWatchListAgainOnTheNextRelistAfterAnErrorFallback() {
		this.server.create(Pods.pod("web", "one", "web"));
		this.server.failNextWatchList(RequestFailure.status(500));
		this.informer = TestPods.informer("pods",
				List.of(TestPods.pods(this.server.apiClient(), null, null, null, ListStrategy.AUTO)));
		this.informer.run();
		await().atMost(TIMEOUT).until(this.informer::hasSynced);
		assertThat(this.informer.watchStatus().listStrategy()).isEqualTo("list");
		forceRelist();
		await().atMost(TIMEOUT).until(() -> this.informer.watchStatus().lists() == 2);
		assertThat(watchLists()).extracting(RecordedRequest::status).containsExactly(500, 200);
		WatchStatus status = this.informer.watchStatus();
		assertThat(status.listStrategy()).isEqualTo("watch-list");
		assertThat(status.listFallback()).startsWith("watch-list pods failed: 500");
		assertThat(status.listFallbacks()).isEqualTo(1);
	}

	@Test
	void eachNamespaceStreamsItsOwnStateAndARelistDetectsDeletesInItsNamespaceOnly() {
		this.server.create(Pods.pod("web", "a", "web"));
		this.server.create(Pods.pod("web", "b", "web"));
		this.server.create(Pods.pod("db", "c", "db"));
		this.server.create(Pods.pod("elsewhere", "d", "x"));
		RecordingHandler<V1Pod> handler = new RecordingHandler<>();
		this.informer = TestPods.informer("pods",
				List.of(TestPods.pods(this.server.apiClient(), "web", null, null, ListStrategy.WATCH_LIST),
						TestPods.pods(this.server.apiClient(), "db", null, null, ListStrategy.WATCH_LIST)));
		this.informer.addEventHandler(handler);
		this.informer.run();
		await().atMost(TIMEOUT).until(() -> handler.events.size() == 3);
		assertThat(handler.events).containsExactlyInAnyOrder("ADDED web/a", "ADDED web/b", "ADDED db/c");
		assertThat(watchLists()).extracting(RecordedRequest::path)
			.containsExactlyInAnyOrder("/api/v1/namespaces/web/pods", "/api/v1/namespaces/db/pods");
		this.server.stop();
		this.server.delete("v1", "Pod", "web", "b");
		this.server.compactHistory();
		this.server.start();
		await().atMost(TIMEOUT).until(() -> handler.events.size() == 4 && watchLists().size() == 4
				&& this.informer.watchStatus().lists() == 4);
		assertThat(handler.events.get(3)).isEqualTo("DELETED web/b unknown");
		assertThat(this.informer.getIndexer().listKeys()).containsExactlyInAnyOrder("web/a", "db/c");
		assertThat(this.informer.watchStatuses()).extracting(WatchStatus::listStrategy)
			.containsExactly("watch-list", "watch-list");
	}

	@Test
	void handlersBacklogDuringTheReplaceGetsTheInitialEventsThenTheLiveOnesInOrder() throws Exception {
		List<V1Pod> pods = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			pods.add(Pods.pod("web", "pod-" + i, "web"));
		}
		this.server.seed(pods);
		CountDownLatch release = new CountDownLatch(1);
		List<String> delivered = new CopyOnWriteArrayList<>();
		ResourceEventHandler<V1Pod> slow = new ResourceEventHandler<>() {

			@Override
			public void onAdd(V1Pod object) {
				awaitQuietly(release);
				delivered.add("ADDED " + object.getMetadata().getName());
			}

			@Override
			public void onUpdate(V1Pod oldObject, V1Pod newObject) {
				delivered.add("UPDATED " + newObject.getMetadata().getName());
			}

			@Override
			public void onDelete(V1Pod object, boolean finalStateUnknown) {
				delivered.add("DELETED " + object.getMetadata().getName());
			}

		};
		this.informer = TestPods.informer("pods",
				List.of(TestPods.pods(this.server.apiClient(), null, null, null, ListStrategy.WATCH_LIST)));
		this.informer.addEventHandler(slow);
		this.informer.run();
		await().atMost(TIMEOUT).until(this.informer::hasSynced);
		V1Pod changed = this.server.get(V1Pod.class, "web", "pod-7").orElseThrow();
		changed.getMetadata().putAnnotationsItem("changed", "yes");
		this.server.update(changed);
		this.server.delete("v1", "Pod", "web", "pod-9");
		this.server.create(Pods.pod("web", "late", "web"));
		await().atMost(TIMEOUT).until(() -> this.informer.getIndexer().getByKey("web/late") != null
				&& this.informer.getIndexer().getByKey("web/pod-9") == null);
		assertThat(delivered).as("the handler is still blocked in its first event").isEmpty();
		assertThat(this.informer.cacheSize()).isEqualTo(200);
		release.countDown();
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(delivered).hasSize(203));
		assertThat(delivered.subList(0, 200)).allMatch((event) -> event.startsWith("ADDED pod-"));
		assertThat(delivered.subList(200, 203)).containsExactly("UPDATED pod-7", "DELETED pod-9", "ADDED late");
	}

	@Test
	void theTransformRunsOnceWhileStreamingSoTheTemporaryStoreHoldsPrunedObjects() {
		this.server.create(Pods.pod("web", "one", "web").status(new V1PodStatus().phase("Running")));
		this.server.create(Pods.pod("web", "two", "web").status(new V1PodStatus().phase("Running")));
		RecordingStore store = new RecordingStore();
		Reflector<V1Pod> reflector = new Reflector<>("pods",
				TestPods.pods(this.server.apiClient(), null, null, null, ListStrategy.WATCH_LIST), store,
				new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)));
		reflector.start("informer-pods-watch");
		try {
			await().atMost(TIMEOUT).until(() -> store.synced == 1);
			assertThat(store.calls).containsExactly("prepare web/one", "prepare web/two", "upsertPrepared web/one",
					"upsertPrepared web/two", "replace [web/one, web/two]", "synced");
			assertThat(store.upserted).hasSize(2).allSatisfy((pod) -> {
				assertThat(pod.getStatus()).isNull();
				assertThat(store.prepared).anySatisfy((prepared) -> assertThat(prepared).isSameAs(pod));
			});
		}
		finally {
			reflector.signalStop();
		}
	}

	@Test
	void theInformersPruneAppliesOnceToEveryStreamedObjectBeforeItIsCachedAndDelivered() {
		this.server.create(Pods.pod("web", "one", "web").status(new V1PodStatus().phase("Running")));
		this.server.create(Pods.pod("web", "two", "web").status(new V1PodStatus().phase("Pending")));
		List<String> transformed = new CopyOnWriteArrayList<>();
		RecordingHandler<V1Pod> handler = new RecordingHandler<>() {

			@Override
			public void onAdd(V1Pod object) {
				assertThat(object.getStatus()).isNull();
				super.onAdd(object);
			}

		};
		CacheTransform prune = new CacheTransform(V1Pod.class, true,
				FieldPruner.compile(V1Pod.class, List.of("status")), null);
		this.informer = new KubernetesInformer<>("pods",
				List.of(TestPods.pods(this.server.apiClient(), null, null, null, ListStrategy.WATCH_LIST)),
				(object) -> {
					transformed.add(((V1Pod) object).getMetadata().getName());
					return prune.transform(object);
				}, () -> new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)));
		this.informer.addEventHandler(handler);
		this.informer.run();
		await().atMost(TIMEOUT).until(() -> handler.events.size() == 2);
		assertThat(transformed).containsExactly("one", "two");
		assertThat(this.informer.getIndexer().list()).hasSize(2).allMatch((pod) -> pod.getStatus() == null);
	}

	@Test
	void modifiedAndDeletedInitialEventsChangeTheTemporaryStoreAndOnlyTheAnnotatedBookmarkEndsIt() throws Exception {
		try (ScriptedPodServer scripted = new ScriptedPodServer(List.of(),
				List.of(event("ADDED", pod("a", "5")), event("ADDED", pod("b", "6")), event("MODIFIED", pod("a", "7")),
						event("DELETED", pod("b", "8")), bookmark("8", false), event("ADDED", pod("c", "9")),
						bookmark("9", true), event("MODIFIED", pod("c", "10"))))) {
			RecordingHandler<V1Pod> handler = new RecordingHandler<>();
			KubernetesInformer<V1Pod> streamed = TestPods.informer("scripted",
					List.of(TestPods.pods(scripted.apiClient(), "web", null, null, ListStrategy.WATCH_LIST)));
			streamed.addEventHandler(handler);
			try {
				streamed.run();
				await().atMost(TIMEOUT).until(() -> handler.events.size() == 3);
				assertThat(handler.events).containsExactly("ADDED web/a", "ADDED web/c", "UPDATED web/c");
				assertThat(streamed.getIndexer().getByKey("web/a").getMetadata().getResourceVersion()).isEqualTo("7");
				assertThat(streamed.lastSyncResourceVersion()).isEqualTo("10");
				assertThat(streamed.watchStatus().lists()).isEqualTo(1);
			}
			finally {
				streamed.stop(Duration.ofSeconds(5));
			}
		}
	}

	@Test
	void theResourceVersionDoesNotAdvanceBeforeTheAnnotatedBookmark() throws Exception {
		try (ScriptedPodServer scripted = new ScriptedPodServer(List.of(),
				List.of(event("ADDED", pod("a", "5")), bookmark("6", false)))) {
			KubernetesInformer<V1Pod> streamed = TestPods.informer("scripted",
					List.of(TestPods.pods(scripted.apiClient(), "web", null, null, ListStrategy.WATCH_LIST)));
			try {
				streamed.run();
				// the stream goes quiet without the annotated bookmark: the attempt fails after the idle bound
				await().atMost(TIMEOUT).until(() -> streamed.watchStatus().lastError() != null);
				WatchStatus status = streamed.watchStatus();
				assertThat(status.lastError().reason()).isEqualTo("InitialEventsIncomplete");
				assertThat(status.lastError().message()).startsWith("no bookmark annotated k8s.io/initial-events-end "
						+ "within 10 s of the last event (1 objects streamed)");
				assertThat(status.lastSyncResourceVersion()).isNull();
				assertThat(status.synced()).isFalse();
				assertThat(streamed.cacheSize()).isZero();
				await().atMost(TIMEOUT)
					.untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
						.noneMatch((thread) -> thread.getName().equals("informer-scripted-watch-deadline")));
			}
			finally {
				streamed.stop(Duration.ofSeconds(5));
			}
		}
	}

	/**
	 * Make the loop's next watch get 410 Gone, so that it relists: a change it cannot see (a ConfigMap: one
	 * resourceVersion for all kinds, as etcd's) while the server is down, then the history compacted.
	 */
	private void forceRelist() {
		this.server.stop();
		this.server.create(new V1ConfigMap().metadata(new V1ObjectMeta().namespace("web").name("bump-" + (++this.bumps))));
		this.server.compactHistory();
		this.server.start();
	}

	private List<RecordedRequest> watchLists() {
		return podRequests().stream().filter((request) -> request.query().containsKey("sendInitialEvents")).toList();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(2, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static V1Pod pod(String name, String resourceVersion) {
		return Pods.cached("web", name, resourceVersion);
	}

	private static String event(String type, V1Pod pod) {
		return ScriptedPodServer.event(type, pod);
	}

	private static String bookmark(String resourceVersion, boolean initialEventsEnd) {
		return "{\"type\":\"BOOKMARK\",\"object\":{\"kind\":\"Pod\",\"apiVersion\":\"v1\",\"metadata\":{"
				+ "\"resourceVersion\":\"" + resourceVersion + "\""
				+ (initialEventsEnd ? ",\"annotations\":{\"k8s.io/initial-events-end\":\"true\"}" : "") + "}}}";
	}

	/** Records what the loop tells its store, preparing objects as a cache transform would (dropping status). */
	private static final class RecordingStore implements InformerStore<V1Pod> {

		final List<String> calls = new CopyOnWriteArrayList<>();

		final List<V1Pod> prepared = new CopyOnWriteArrayList<>();

		final List<V1Pod> upserted = new CopyOnWriteArrayList<>();

		volatile int synced;

		@Override
		public V1Pod prepare(V1Pod object) {
			this.calls.add("prepare " + Caches.metaNamespaceKeyFunc(object));
			V1Pod pruned = JSON.deserialize(JSON.serialize(object), V1Pod.class);
			pruned.setStatus(null);
			this.prepared.add(pruned);
			return pruned;
		}

		@Override
		public String upsertPrepared(V1Pod object) {
			String key = Caches.metaNamespaceKeyFunc(object);
			this.calls.add("upsertPrepared " + key);
			this.upserted.add(object);
			return key;
		}

		@Override
		public String upsert(V1Pod object) {
			String key = Caches.metaNamespaceKeyFunc(object);
			this.calls.add("upsert " + key);
			return key;
		}

		@Override
		public void delete(V1Pod object) {
			this.calls.add("delete " + Caches.metaNamespaceKeyFunc(object));
		}

		@Override
		public void replace(@Nullable String namespace, Set<String> listedKeys) {
			this.calls.add("replace " + listedKeys.stream().sorted().toList());
		}

		@Override
		public void synced() {
			this.calls.add("synced");
			this.synced++;
		}

	}

}
