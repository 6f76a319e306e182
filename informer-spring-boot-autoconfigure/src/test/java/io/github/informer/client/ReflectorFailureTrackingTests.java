package io.github.informer.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.informer.fixtures.Pods;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the loop records for health and metrics: since when it has been failing, and how long its lists took.
 */
class ReflectorFailureTrackingTests {

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	private FakeKubernetesApiServer server;

	private KubernetesInformer<V1Pod> informer;

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		this.server = server;
		this.server.create(Pods.pod("web", "one", Map.of()));
	}

	@AfterEach
	void stop() {
		if (this.informer != null) {
			this.informer.stop(Duration.ofSeconds(5));
		}
	}

	@Test
	void failingSinceIsTheFirstFailureOfTheRunAndClearsOnSuccess() {
		this.server.forbid("pods", null);
		this.informer = TestPods.informer("pods",
				List.of(TestPods.pods(this.server.apiClient(), null, null, null, 500)));
		Instant started = Instant.now();
		this.informer.run();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.informer.watchStatus().consecutiveFailures() >= 3);
		WatchStatus failing = this.informer.watchStatus();
		assertThat(failing.failingSince()).isNotNull().isAfterOrEqualTo(started);
		assertThat(failing.lastError()).isNotNull();
		assertThat(failing.failingSince()).isBefore(failing.lastError().at());
		assertThat(failing.lists()).isZero();
		assertThat(failing.lastListDuration()).isNull();

		this.server.allow("pods", null);
		await().atMost(Duration.ofSeconds(10)).until(this.informer::hasSynced);
		WatchStatus recovered = this.informer.watchStatus();
		assertThat(recovered.failingSince()).isNull();
		assertThat(recovered.lists()).isEqualTo(1);
		assertThat(recovered.lastListDuration()).isNotNull().isPositive();
		assertThat(recovered.listTime()).isEqualTo(recovered.lastListDuration());
	}

	@Test
	void aRelistAfterExpiryCountsAsASecondList() {
		this.informer = TestPods.informer("pods",
				List.of(TestPods.pods(this.server.apiClient(), null, null, null, 500)));
		this.informer.run();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.informer.watchStatus().state() == WatchState.WATCHING);
		this.server.stop();
		this.server.create(Pods.pod("web", "two", Map.of()));
		this.server.compactHistory();
		this.server.restart();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.informer.watchStatus().lists() == 2);
		WatchStatus status = this.informer.watchStatus();
		assertThat(status.listTime()).isGreaterThanOrEqualTo(status.lastListDuration());
		assertThat(status.failingSince()).isNull();
	}

	@Test
	void anAggregateIsFailingSinceItsEarliestFailingLoop() {
		Instant earlier = Instant.parse("2026-01-01T00:00:00Z");
		Instant later = earlier.plusSeconds(5);
		WatchStatus a = status("a", earlier, Duration.ofMillis(30));
		WatchStatus b = status("b", later, Duration.ofMillis(70));
		WatchStatus c = status("c", null, null);
		WatchStatus aggregate = WatchStatus.aggregate(List.of(c, b, a));
		assertThat(aggregate.failingSince()).isEqualTo(earlier);
		assertThat(aggregate.lists()).isEqualTo(2);
		assertThat(aggregate.listTime()).isEqualTo(Duration.ofMillis(100));
		assertThat(aggregate.lastListDuration()).isEqualTo(Duration.ofMillis(70));
	}

	private static WatchStatus status(String namespace, Instant failingSince, Duration listDuration) {
		long lists = (listDuration != null) ? 1 : 0;
		Duration listTime = (listDuration != null) ? listDuration : Duration.ZERO;
		return new WatchStatus(namespace, WatchState.BACKOFF, Instant.EPOCH, 0, 1, null, null, false, null, null,
				failingSince, lists, listTime, listDuration);
	}

}
