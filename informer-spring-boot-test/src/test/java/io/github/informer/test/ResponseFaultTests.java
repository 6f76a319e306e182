package io.github.informer.test;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.ClientBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Response faults over real HTTP with client-java: a body that stalls half-way, and watches that answer 200 and then
 * send an ERROR event, nothing, or one event.
 */
class ResponseFaultTests {

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension(
			FakeKubernetesApiServer.builder().bookmarkInterval(Duration.ZERO)).perTest();

	private FakeKubernetesApiServer server;

	private CoreV1Api core;

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		this.server = server;
		this.core = new CoreV1Api(this.server.apiClient());
		this.server.create(configMap("a"));
	}

	@Test
	void aStalledListTimesOutAClientWithAReadTimeoutAndTheNextListIsWhole() throws ApiException {
		this.server.failNext(ResponseFault.stall(Duration.ofSeconds(30)).resource("configmaps").verb("list"));
		ApiClient impatient = new ClientBuilder().setBasePath(this.server.url())
			.setReadTimeout(Duration.ofMillis(300))
			.build();
		CoreV1Api api = new CoreV1Api(impatient);
		// client-java reports it as the JSON reader's failure, caused by the timeout
		assertThatThrownBy(() -> api.listNamespacedConfigMap("w").execute())
			.hasCauseInstanceOf(SocketTimeoutException.class);
		assertThat(this.server.requests()).singleElement()
			.satisfies((request) -> assertThat(request.status()).isEqualTo(200));
		assertThat(api.listNamespacedConfigMap("w").execute().getItems()).hasSize(1);
	}

	@Test
	void aStallOnlyDelaysAClientWithoutReadTimeout() throws ApiException {
		this.server.failNext(ResponseFault.stall(Duration.ofMillis(500)).path("/api/v1/namespaces/w/configmaps"));
		long start = System.nanoTime();
		assertThat(this.core.listNamespacedConfigMap("w").execute().getItems()).hasSize(1);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
	}

	@Test
	void theNextWatchesGetAnErrorEventOfAnyCode() throws Exception {
		this.server.failNext(ResponseFault.watchErrorEvent(500).times(2));
		for (int i = 0; i < 2; i++) {
			try (WatchRecorder watch = watch()) {
				await().atMost(Duration.ofSeconds(5)).until(watch::ended);
				assertThat(watch.events()).containsExactly("ERROR 500 InternalError");
			}
		}
		try (WatchRecorder watch = watch()) {
			// a watch without resourceVersion ends its initial events with a bookmark (kube-apiserver 1.32)
			await().atMost(Duration.ofSeconds(5)).until(() -> watch.types().size() == 2);
			assertThat(watch.types()).containsExactly("ADDED a", "BOOKMARK null");
			assertThat(watch.ended()).isFalse();
		}
	}

	@Test
	void anEmptyWatchAnswers200AndEnds() throws Exception {
		this.server.failNext(ResponseFault.emptyWatch().namespace("w"));
		try (WatchRecorder watch = watch()) {
			await().atMost(Duration.ofSeconds(5)).until(watch::ended);
			assertThat(watch.events()).isEmpty();
		}
		assertThat(this.server.requests()).singleElement()
			.satisfies((request) -> assertThat(request.status()).isEqualTo(200));
	}

	@Test
	void aOneEventWatchSendsItsFirstEventOrABookmarkThenEnds() throws Exception {
		this.server.failNext(ResponseFault.oneWatchEventThenClose().times(2));
		this.server.create(configMap("b"));
		try (WatchRecorder watch = watch()) {
			await().atMost(Duration.ofSeconds(5)).until(watch::ended);
			assertThat(watch.types()).containsExactly("ADDED a");
		}
		String current = this.server.resourceVersion();
		try (WatchRecorder watch = watch(current)) {
			await().atMost(Duration.ofSeconds(5)).until(watch::ended);
			assertThat(watch.events()).containsExactly("BOOKMARK null " + current);
		}
	}

	@Test
	void openWatchesCanBeSentAnErrorEvent() throws Exception {
		try (WatchRecorder first = watch(); WatchRecorder second = watch()) {
			await().atMost(Duration.ofSeconds(5)).until(() -> first.types().size() == 2 && second.types().size() == 2);
			this.server.sendWatchError(429);
			await().atMost(Duration.ofSeconds(5)).until(() -> first.ended() && second.ended());
			assertThat(first.events()).last().isEqualTo("ERROR 429 TooManyRequests");
			assertThat(second.events()).last().isEqualTo("ERROR 429 TooManyRequests");
		}
	}

	@Test
	void clearFaultsCancelsPendingFaults() throws Exception {
		this.server.failNext(ResponseFault.watchErrorEvent(410).times(5));
		this.server.failNext(RequestFailure.status(500).times(5));
		this.server.clearFaults();
		assertThat(this.core.listNamespacedConfigMap("w").execute().getItems()).hasSize(1);
		try (WatchRecorder watch = watch()) {
			await().atMost(Duration.ofSeconds(5)).until(() -> watch.types().size() == 2);
			assertThat(watch.types()).containsExactly("ADDED a", "BOOKMARK null");
		}
	}

	@Test
	void watchFaultsApplyToWatchesOnly() {
		assertThatIllegalArgumentException().isThrownBy(() -> ResponseFault.emptyWatch().verb("list"))
			.withMessageContaining("applies to watches only");
		assertThatIllegalArgumentException().isThrownBy(() -> ResponseFault.stall(Duration.ZERO))
			.withMessageContaining("positive duration");
	}

	private WatchRecorder watch() throws ApiException {
		return watch(null);
	}

	private WatchRecorder watch(String resourceVersion) throws ApiException {
		CoreV1Api.APIlistNamespacedConfigMapRequest request = this.core.listNamespacedConfigMap("w")
			.watch(true)
			.allowWatchBookmarks(true);
		if (resourceVersion != null) {
			request = request.resourceVersion(resourceVersion);
		}
		return new WatchRecorder(this.server.apiClient(), request.buildCall(null));
	}

	private static V1ConfigMap configMap(String name) {
		return new V1ConfigMap().metadata(new V1ObjectMeta().name(name).namespace("w").labels(Map.of()));
	}

}
