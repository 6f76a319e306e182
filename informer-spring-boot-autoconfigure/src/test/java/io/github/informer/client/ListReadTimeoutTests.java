package io.github.informer.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.informer.fixtures.Pods;
import io.github.informer.test.RecordedRequest;
import io.github.informer.test.ResponseFault;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A list or discovery response that stalls mid-body: the read timeout of non-watch requests ends it, it is
 * recorded as a failure and retried; watches keep their own, longer timeout.
 */
class ListReadTimeoutTests extends FakeServerTestSupport {

	private static final Duration READ_TIMEOUT = Duration.ofMillis(500);

	@BeforeEach
	void seed() {
		this.server.create(Pods.pod("web", "one", Map.of()));
		this.server.create(Pods.pod("web", "two", Map.of()));
	}

	@Test
	void aListThatStallsMidBodyTimesOutIsRecordedAndRetried() {
		this.server.failNext(ResponseFault.stall(Duration.ofMinutes(1)).resource("pods").verb("list"));
		this.informer = informer();
		this.informer.run();
		await().atMost(Duration.ofSeconds(20)).until(this.informer::hasSynced);
		assertThat(this.informer.getIndexer().listKeys()).containsExactlyInAnyOrder("web/one", "web/two");
		List<RecordedRequest> lists = podRequests().stream().filter((request) -> !request.isWatch()).toList();
		assertThat(lists).hasSize(2).allSatisfy((request) -> assertThat(request.status()).isEqualTo(200));
		WatchStatus status = this.informer.watchStatus();
		WatchError error = status.lastError();
		assertThat(error.verb()).isEqualTo("list");
		assertThat(error.code()).isZero();
		assertThat(error.reason()).isEqualTo("SocketTimeoutException");
		assertThat(error.message()).isEqualTo("no data for 500 ms (kubernetes.informers.client.read-timeout), the"
				+ " response stalled (API server " + this.server.url() + ")");
		assertThat(status.failingSince()).isNull();
		assertThat(status.restarts()).isEqualTo(1);
	}

	@Test
	void aDiscoveryResponseThatStallsTimesOutIsRecordedAndRetried() {
		this.server.failNext(ResponseFault.stall(Duration.ofMinutes(1)).path("/api/v1"));
		this.informer = informer();
		this.informer.run();
		await().atMost(Duration.ofSeconds(20)).until(this.informer::hasSynced);
		assertThat(this.server.requests().stream().filter((request) -> request.path().equals("/api/v1"))).hasSize(2);
		WatchError error = this.informer.watchStatus().lastError();
		assertThat(error.verb()).isEqualTo("discovery");
		assertThat(error.reason()).isEqualTo("SocketTimeoutException");
		assertThat(error.describe()).startsWith("discovery pods in namespace web failed: SocketTimeoutException: no"
				+ " data for 500 ms");
	}

	@Test
	void aQuietWatchOutlastsTheReadTimeoutOfLists() {
		this.informer = informer();
		this.informer.run();
		await().atMost(Duration.ofSeconds(20)).until(() -> this.informer.watchStatus().state() == WatchState.WATCHING);
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(10))
			.until(() -> podRequests().stream().filter(RecordedRequest::isWatch).count() == 1
					&& this.informer.watchStatus().state() == WatchState.WATCHING);
		assertThat(this.informer.watchStatus().lastError()).isNull();
	}

	private KubernetesInformer<V1Pod> informer() {
		return TestPods.informer("pods", List.of(new KubernetesListerWatcher<>(this.server.apiClient(),
				new ResourceType<>("", "v1", "Pod", V1Pod.class, null), "web", null, null, 500, READ_TIMEOUT)));
	}

}
