package io.github.informer.test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.Watch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The streaming initial list (watch-list, KEP-3157) as kube-apiserver 1.32 serves it, through client-java's watch:
 * {@code sendInitialEvents=true} with {@code resourceVersionMatch=NotOlderThan} streams the state as ADDED events,
 * then a BOOKMARK annotated {@code k8s.io/initial-events-end: "true"} at that state's resourceVersion, then live
 * events; and the injected faults a client's fallback must survive.
 */
class WatchListConformanceTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension(
			FakeKubernetesApiServer.builder().bookmarkInterval(Duration.ZERO)).perTest();

	private FakeKubernetesApiServer server;

	private CoreV1Api core;

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		this.server = server;
		this.core = new CoreV1Api(this.server.apiClient());
		this.server.create(configMap("a", Map.of("app", "web")));
		this.server.create(configMap("b", Map.of("app", "db")));
	}

	@Test
	void theStateComesAsAddedEventsThenTheAnnotatedBookmarkThenLiveEvents() throws Exception {
		String state = this.server.resourceVersion();
		try (WatchRecorder watch = watch(watchList())) {
			await().atMost(WAIT).until(() -> watch.types().size() == 3);
			assertThat(watch.types()).containsExactly("ADDED a", "ADDED b", "BOOKMARK null");
			Watch.Response<V1ConfigMap> bookmark = watch.responses().get(2);
			assertThat(bookmark.object.getMetadata().getResourceVersion()).isEqualTo(state);
			assertThat(bookmark.object.getMetadata().getAnnotations())
				.containsExactly(Map.entry("k8s.io/initial-events-end", "true"));
			this.server.create(configMap("c", Map.of()));
			await().atMost(WAIT).until(() -> watch.types().size() == 4);
			assertThat(watch.types().get(3)).isEqualTo("ADDED c");
		}
	}

	@Test
	void selectorsApplyToTheInitialEvents() throws Exception {
		try (WatchRecorder watch = watch(watchList().labelSelector("app=db"))) {
			await().atMost(WAIT).until(() -> watch.types().size() == 2);
			assertThat(watch.types()).containsExactly("ADDED b", "BOOKMARK null");
		}
	}

	@Test
	void aResourceVersionAsksForAStateAtLeastThatNew() throws Exception {
		long requested = Long.parseLong(this.server.resourceVersion()) + 1;
		CompletableFuture<V1ConfigMap> later = CompletableFuture
			.supplyAsync(() -> this.server.create(configMap("later", Map.of())));
		try (WatchRecorder watch = watch(watchList().resourceVersion(Long.toString(requested)))) {
			await().atMost(WAIT).until(() -> watch.types().contains("BOOKMARK null"));
			assertThat(watch.types()).containsExactly("ADDED a", "ADDED b", "ADDED later", "BOOKMARK null");
			assertThat(Long.parseLong(watch.responses().get(3).object.getMetadata().getResourceVersion()))
				.isGreaterThanOrEqualTo(requested);
		}
		assertThat(later.get().getMetadata().getName()).isEqualTo("later");
	}

	@Test
	void aResourceVersionTheServerDoesNotReachIsTooLarge() {
		long requested = Long.parseLong(this.server.resourceVersion()) + 100;
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> watch(watchList().resourceVersion(Long.toString(requested))))
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(504);
				JsonObject status = JsonParser.parseString(ex.getResponseBody()).getAsJsonObject();
				assertThat(status.get("message").getAsString()).startsWith("Too large resource version: " + requested);
				assertThat(status.getAsJsonObject("details").getAsJsonArray("causes").get(0).getAsJsonObject()
					.get("reason").getAsString()).isEqualTo("ResourceVersionTooLarge");
			});
	}

	@Test
	void withoutBookmarksAllowedNoBookmarkEndsThePhase() throws Exception {
		try (WatchRecorder watch = watch(watchList().allowWatchBookmarks(false))) {
			await().atMost(WAIT).until(() -> watch.types().size() == 2);
			this.server.create(configMap("c", Map.of()));
			await().atMost(WAIT).until(() -> watch.types().size() == 3);
			assertThat(watch.types()).containsExactly("ADDED a", "ADDED b", "ADDED c");
		}
	}

	@Test
	void aWatchWithoutResourceVersionIsAWatchListByDefaultAsIn132() throws Exception {
		try (WatchRecorder watch = watch(this.core.listNamespacedConfigMap("wl").watch(true).allowWatchBookmarks(true))) {
			await().atMost(WAIT).until(() -> watch.types().size() == 3);
			assertThat(watch.types()).containsExactly("ADDED a", "ADDED b", "BOOKMARK null");
			assertThat(watch.responses().get(2).object.getMetadata().getAnnotations())
				.containsEntry("k8s.io/initial-events-end", "true");
		}
	}

	@Test
	void sendInitialEventsFalseStartsFromNowWithoutSyntheticEvents() throws Exception {
		try (WatchRecorder watch = watch(this.core.listNamespacedConfigMap("wl").watch(true).sendInitialEvents(false)
			.resourceVersionMatch("NotOlderThan").allowWatchBookmarks(true))) {
			await().atMost(WAIT).until(() -> this.server.requests().stream().anyMatch(RecordedRequest::isWatch));
			this.server.create(configMap("c", Map.of()));
			await().atMost(WAIT).until(() -> watch.types().size() == 1);
			assertThat(watch.types()).containsExactly("ADDED c");
		}
	}

	@Test
	void sendInitialEventsNeedsNotOlderThanAndIsForbiddenOnAList() {
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> watch(this.core.listNamespacedConfigMap("wl").watch(true).sendInitialEvents(true)))
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(422);
				JsonObject status = JsonParser.parseString(ex.getResponseBody()).getAsJsonObject();
				assertThat(status.get("message").getAsString()).isEqualTo("ListOptions.meta.k8s.io \"\" is invalid:"
						+ " resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to"
						+ " NotOlderThan");
				JsonObject details = status.getAsJsonObject("details");
				assertThat(details.get("group").getAsString()).isEqualTo("meta.k8s.io");
				assertThat(details.get("kind").getAsString()).isEqualTo("ListOptions");
				assertThat(details.getAsJsonArray("causes").get(0).getAsJsonObject().get("field").getAsString())
					.isEqualTo("resourceVersionMatch");
			});
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.listNamespacedConfigMap("wl").sendInitialEvents(true).execute())
			.satisfies((ex) -> assertThat(JsonParser.parseString(ex.getResponseBody()).getAsJsonObject().get("message")
				.getAsString()).isEqualTo("ListOptions.meta.k8s.io \"\" is invalid: sendInitialEvents: Forbidden:"
						+ " sendInitialEvents is forbidden for list"));
	}

	@Test
	void anInjectedFailureFailsTheNextWatchListOnly() throws Exception {
		this.server.failNextWatchList(RequestFailure.status(503).resource("configmaps"));
		assertThat(this.core.listNamespacedConfigMap("wl").execute().getItems()).hasSize(2);
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> watch(watchList()))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(503));
		try (WatchRecorder watch = watch(watchList())) {
			await().atMost(WAIT).until(() -> watch.types().size() == 3);
		}
	}

	@Test
	void anOmittedAnnotationLeavesThePhaseUnfinished() throws Exception {
		this.server.omitInitialEventsEndAnnotation(true);
		try (WatchRecorder watch = watch(watchList())) {
			await().atMost(WAIT).until(() -> watch.types().size() == 3);
			assertThat(watch.types()).containsExactly("ADDED a", "ADDED b", "BOOKMARK null");
			assertThat(watch.responses().get(2).object.getMetadata().getAnnotations()).isNullOrEmpty();
		}
		this.server.omitInitialEventsEndAnnotation(false);
		try (WatchRecorder watch = watch(watchList())) {
			await().atMost(WAIT).until(() -> watch.types().size() == 3);
			assertThat(watch.responses().get(2).object.getMetadata().getAnnotations())
				.containsEntry("k8s.io/initial-events-end", "true");
		}
	}

	@Test
	void theNextWatchListCanBeCutInTheMiddleOfItsInitialEvents() throws Exception {
		this.server.closeNextWatchListAfter(1);
		try (WatchRecorder watch = watch(watchList())) {
			await().atMost(WAIT).until(watch::ended);
			assertThat(watch.types()).containsExactly("ADDED a");
		}
		try (WatchRecorder watch = watch(watchList())) {
			await().atMost(WAIT).until(() -> watch.types().size() == 3);
			assertThat(watch.types()).containsExactly("ADDED a", "ADDED b", "BOOKMARK null");
		}
	}

	@Test
	void aWatchListCutBeforeAnyEventEndsWithoutItsBookmark() throws Exception {
		this.server.closeNextWatchListAfter(0);
		try (WatchRecorder watch = watch(this.core.listNamespacedConfigMap("empty")
			.watch(true)
			.sendInitialEvents(true)
			.resourceVersionMatch("NotOlderThan")
			.allowWatchBookmarks(true))) {
			await().atMost(WAIT).until(watch::ended);
			assertThat(watch.types()).isEmpty();
		}
	}

	private CoreV1Api.APIlistNamespacedConfigMapRequest watchList() {
		return this.core.listNamespacedConfigMap("wl")
			.watch(true)
			.sendInitialEvents(true)
			.resourceVersionMatch("NotOlderThan")
			.allowWatchBookmarks(true);
	}

	private WatchRecorder watch(CoreV1Api.APIlistNamespacedConfigMapRequest request) throws ApiException {
		return new WatchRecorder(this.server.apiClient(), request.buildCall(null));
	}

	private static V1ConfigMap configMap(String name, Map<String, String> labels) {
		return new V1ConfigMap().metadata(new V1ObjectMeta().name(name).namespace("wl").labels(labels))
			.data(Map.of("v", name));
	}

}
