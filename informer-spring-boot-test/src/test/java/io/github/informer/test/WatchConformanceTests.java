package io.github.informer.test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.Watch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/** watch: chunked events from a resourceVersion, selectors, bookmarks, timeouts, closing, and 410 Expired. */
class WatchConformanceTests {

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension(
			FakeKubernetesApiServer.builder().eventHistorySize(20).bookmarkInterval(Duration.ZERO)).perTest();

	private FakeKubernetesApiServer server;

	private CoreV1Api core;

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		this.server = server;
		this.core = new CoreV1Api(this.server.apiClient());
	}

	@Test
	void watchFromAResourceVersionReplaysLaterChangesThenStreamsLiveOnes() throws Exception {
		this.server.create(configMap("old", Map.of()));
		String from = this.server.resourceVersion();
		this.server.create(configMap("a", Map.of()));
		this.server.update(configMap("a", Map.of("v", "2")));
		try (WatchRecorder watch = watch(this.core.listNamespacedConfigMap("w").watch(true).resourceVersion(from))) {
			this.server.delete("v1", "ConfigMap", "w", "a");
			await().atMost(Duration.ofSeconds(5)).until(() -> watch.types().size() == 3);
			assertThat(watch.types()).containsExactly("ADDED a", "MODIFIED a", "DELETED a");
			List<Long> versions = watch.events().stream().map((event) -> Long.parseLong(event.split(" ")[2])).toList();
			assertThat(versions).isSorted().doesNotHaveDuplicates();
			assertThat(versions.get(2)).isEqualTo(Long.parseLong(this.server.resourceVersion()));
		}
	}

	@Test
	void watchWithoutResourceVersionStartsWithSyntheticAddedEvents() throws Exception {
		this.server.create(configMap("a", Map.of()));
		this.server.create(configMap("b", Map.of()));
		try (WatchRecorder watch = watch(this.core.listNamespacedConfigMap("w").watch(true))) {
			await().atMost(Duration.ofSeconds(5)).until(() -> watch.types().size() == 2);
			this.server.create(configMap("c", Map.of()));
			await().atMost(Duration.ofSeconds(5)).until(() -> watch.types().size() == 3);
			assertThat(watch.types()).containsExactly("ADDED a", "ADDED b", "ADDED c");
		}
	}

	@Test
	void selectorsTurnEntriesAndExitsIntoAddedAndDeleted() throws Exception {
		this.server.create(configMap("x", Map.of("app", "other")));
		try (WatchRecorder watch = watch(this.core.listNamespacedConfigMap("w").watch(true).labelSelector("app=web")
			.resourceVersion(this.server.resourceVersion()))) {
			this.server.update(configMap("x", Map.of("app", "web")));
			this.server.update(configMap("x", Map.of("app", "web", "more", "1")));
			this.server.update(configMap("x", Map.of("app", "other")));
			this.server.create(configMap("y", Map.of("app", "other")));
			this.server.create(configMap("z", Map.of("app", "web")));
			await().atMost(Duration.ofSeconds(5)).until(() -> watch.types().size() == 4);
			assertThat(watch.types()).containsExactly("ADDED x", "MODIFIED x", "DELETED x", "ADDED z");
		}
	}

	@Test
	void bookmarksCarryTheCurrentResourceVersionOnlyWhenAllowed() throws Exception {
		this.server.create(configMap("a", Map.of()));
		String from = this.server.resourceVersion();
		try (WatchRecorder withBookmarks = watch(
				this.core.listNamespacedConfigMap("w").watch(true).allowWatchBookmarks(true).resourceVersion(from));
				WatchRecorder without = watch(this.core.listNamespacedConfigMap("w").watch(true).resourceVersion(from))) {
			await().atMost(Duration.ofSeconds(5))
				.until(() -> this.server.requests().stream().filter(RecordedRequest::isWatch).count() == 2);
			this.server.create(new io.kubernetes.client.openapi.models.V1Secret()
				.metadata(new V1ObjectMeta().name("other-kind").namespace("w")));
			this.server.sendBookmarks();
			this.server.create(configMap("b", Map.of()));
			await().atMost(Duration.ofSeconds(5)).until(() -> withBookmarks.types().size() == 2);
			await().atMost(Duration.ofSeconds(5)).until(() -> without.types().size() == 1);
			Watch.Response<V1ConfigMap> bookmark = withBookmarks.responses().get(0);
			assertThat(bookmark.type).isEqualTo("BOOKMARK");
			assertThat(Long.parseLong(bookmark.object.getMetadata().getResourceVersion()))
				.isEqualTo(Long.parseLong(from) + 1);
			assertThat(bookmark.object.getMetadata().getName()).isNull();
			assertThat(withBookmarks.types().get(1)).isEqualTo("ADDED b");
			assertThat(without.types()).containsExactly("ADDED b");
		}
	}

	@Test
	void bookmarksAreSentAtTheConfiguredInterval() throws Exception {
		try (FakeKubernetesApiServer ticking = FakeKubernetesApiServer.builder()
			.bookmarkInterval(Duration.ofMillis(100))
			.build()
			.start()) {
			CoreV1Api api = new CoreV1Api(ticking.apiClient());
			try (WatchRecorder watch = watch(ticking,
					api.listNamespacedConfigMap("w").watch(true).allowWatchBookmarks(true))) {
				await().atMost(Duration.ofSeconds(5)).until(() -> watch.types().size() >= 2);
				assertThat(watch.types()).allMatch((event) -> event.startsWith("BOOKMARK"));
			}
		}
	}

	@Test
	void timeoutSecondsEndsTheWatch() throws Exception {
		try (WatchRecorder watch = watch(this.core.listNamespacedConfigMap("w").watch(true).timeoutSeconds(1))) {
			await().atMost(Duration.ofSeconds(5)).until(watch::ended);
		}
	}

	@Test
	void closeAllWatchesEndsOpenStreams() throws Exception {
		try (WatchRecorder watch = watch(this.core.listNamespacedConfigMap("w").watch(true))) {
			await().atMost(Duration.ofSeconds(5))
				.until(() -> this.server.requests().stream().anyMatch(RecordedRequest::isWatch));
			this.server.closeAllWatches();
			await().atMost(Duration.ofSeconds(5)).until(watch::ended);
		}
	}

	@Test
	void watchFromACompactedResourceVersionGetsA410ExpiredErrorEvent() throws Exception {
		String old = this.server.resourceVersion();
		this.server.create(configMap("a", Map.of()));
		this.server.compactHistory();
		try (WatchRecorder watch = watch(this.core.listNamespacedConfigMap("w").watch(true).resourceVersion(old))) {
			await().atMost(Duration.ofSeconds(5)).until(watch::ended);
			assertThat(watch.events()).containsExactly("ERROR 410 Expired");
			assertThat(watch.responses().get(0).status.getMessage()).contains("too old resource version");
		}
		try (WatchRecorder fromNow = watch(
				this.core.listNamespacedConfigMap("w").watch(true).resourceVersion(this.server.resourceVersion()))) {
			this.server.create(configMap("b", Map.of()));
			await().atMost(Duration.ofSeconds(5)).until(() -> fromNow.types().size() == 1);
			assertThat(fromNow.types()).containsExactly("ADDED b");
		}
	}

	@Test
	void theBoundedHistoryExpiresResourceVersionsItNoLongerHolds() throws Exception {
		String old = this.server.resourceVersion();
		for (int i = 0; i < 25; i++) {
			this.server.create(configMap("n" + i, Map.of()));
		}
		try (WatchRecorder watch = watch(this.core.listNamespacedConfigMap("w").watch(true).resourceVersion(old))) {
			await().atMost(Duration.ofSeconds(5)).until(watch::ended);
			assertThat(watch.events()).containsExactly("ERROR 410 Expired");
		}
	}

	@Test
	void watchesAreRecordedWithTheirParameters() throws Exception {
		try (WatchRecorder watch = watch(this.core.listNamespacedConfigMap("w").watch(true).allowWatchBookmarks(true)
			.timeoutSeconds(30))) {
			await().atMost(Duration.ofSeconds(5))
				.until(() -> this.server.requests().stream().anyMatch(RecordedRequest::isWatch));
			RecordedRequest request = this.server.requests().stream().filter(RecordedRequest::isWatch).findFirst()
				.orElseThrow();
			assertThat(request.path()).isEqualTo("/api/v1/namespaces/w/configmaps");
			assertThat(request.query()).containsEntry("allowWatchBookmarks", "true").containsEntry("timeoutSeconds", "30");
			assertThat(request.status()).isEqualTo(200);
		}
	}

	@ParameterizedTest(name = "watch={0} is a watch")
	@ValueSource(strings = { "True", "TRUE", "t", "yes", "" })
	void queryBooleansAreTrueUnlessAbsentZeroOrFalse(String value) throws Exception {
		this.server.create(configMap("a", Map.of()));
		// the official Python client sends watch=True; kube-apiserver reads any value but 0 and false as true
		okhttp3.Request request = new okhttp3.Request.Builder()
			.url(this.server.url() + "/api/v1/namespaces/w/configmaps?watch=" + value + "&allowWatchBookmarks=True")
			.build();
		try (WatchRecorder watch = new WatchRecorder(this.server.apiClient(),
				this.server.apiClient().getHttpClient().newCall(request))) {
			await().atMost(Duration.ofSeconds(20)).until(() -> watch.types().size() == 2);
			assertThat(watch.types()).containsExactly("ADDED a", "BOOKMARK null");
		}
	}

	@ParameterizedTest(name = "watch={0} is a list")
	@ValueSource(strings = { "0", "false", "False", "FALSE" })
	void queryBooleansAreFalseForZeroAndFalseInAnyCase(String value) throws Exception {
		this.server.create(configMap("a", Map.of()));
		okhttp3.Request request = new okhttp3.Request.Builder()
			.url(this.server.url() + "/api/v1/namespaces/w/configmaps?watch=" + value)
			.build();
		try (okhttp3.Response response = this.server.apiClient().getHttpClient().newCall(request).execute()) {
			assertThat(response.body().string()).startsWith("{\"kind\":\"ConfigMapList\"");
		}
	}

	@Test
	void aWatchFromAResourceVersionNotReachedYetSendsOnlyLaterChanges() throws Exception {
		long current = Long.parseLong(this.server.resourceVersion());
		try (WatchRecorder watch = watch(
				this.core.listNamespacedConfigMap("w").watch(true).resourceVersion(Long.toString(current + 2)))) {
			await().atMost(Duration.ofSeconds(20))
				.until(() -> this.server.requests().stream().anyMatch(RecordedRequest::isWatch));
			this.server.create(configMap("at-plus-one", Map.of()));
			this.server.create(configMap("at-plus-two", Map.of()));
			this.server.create(configMap("at-plus-three", Map.of()));
			await().atMost(Duration.ofSeconds(20)).until(() -> watch.types().size() == 1);
			assertThat(watch.types()).containsExactly("ADDED at-plus-three");
		}
	}

	@Test
	void invalidListOptionsAre422WithTheRealMessage() {
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.listNamespacedConfigMap("w").resourceVersionMatch("Exact").execute())
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(422);
				assertThat(ex.getResponseBody()).contains("ListOptions.meta.k8s.io \\\"\\\" is invalid:"
						+ " resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion"
						+ " is provided");
			});
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.listNamespacedConfigMap("w").resourceVersion("0").resourceVersionMatch("Exact")
				.execute())
			.satisfies((ex) -> assertThat(ex.getResponseBody()).contains("resourceVersionMatch \\\"exact\\\" is"
					+ " forbidden for resourceVersion \\\"0\\\""));
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> watch(this.core.listNamespacedConfigMap("w").watch(true).resourceVersion("5")
				.resourceVersionMatch("NotOlderThan")))
			.satisfies((ex) -> assertThat(ex.getResponseBody()).contains("resourceVersionMatch is forbidden for watch"
					+ " unless sendInitialEvents is provided"));
	}

	private WatchRecorder watch(CoreV1Api.APIlistNamespacedConfigMapRequest request) throws ApiException {
		return watch(this.server, request);
	}

	private static WatchRecorder watch(FakeKubernetesApiServer server, CoreV1Api.APIlistNamespacedConfigMapRequest request)
			throws ApiException {
		io.kubernetes.client.openapi.ApiClient client = server.apiClient();
		return new WatchRecorder(client, request.buildCall(null));
	}

	private static V1ConfigMap configMap(String name, Map<String, String> labels) {
		return new V1ConfigMap().metadata(new V1ObjectMeta().name(name).namespace("w").labels(labels));
	}

}
