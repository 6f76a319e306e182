package io.github.informer.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.informer.fixtures.Pods;
import io.github.informer.test.RecordedRequest;
import io.github.informer.test.RequestFailure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The list/watch loop's backoff and recorded state against the in-JVM API server's injected failures.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReflectorBackoffTests extends FakeServerTestSupport {

	@BeforeEach
	void seed() {
		this.server.create(Pods.pod("web", "one", Map.of()));
	}

	@Test
	void backoffGrowsOnRepeatedFailuresAndResetsAfterSuccess() {
		this.server.failNext(RequestFailure.status(500).times(4).resource("pods").verb("list"));
		this.informer = podInformer("pods");
		this.informer.run();
		await().atMost(Duration.ofSeconds(10)).until(this.informer::hasSynced);
		List<RecordedRequest> lists = lists();
		assertThat(lists).hasSize(5);
		assertThat(lists.subList(0, 4)).allSatisfy((request) -> assertThat(request.status()).isEqualTo(500));
		long[] gaps = gaps(lists);
		// 100 ms doubling, ±20% jitter: about 100, 200, 400, 800 (compared two apart, to tolerate a stalled machine)
		assertThat(gaps[0]).isBetween(75L, 600L);
		assertThat(gaps[2]).as("gaps %s", gaps).isGreaterThan(gaps[0]);
		assertThat(gaps[3]).as("gaps %s", gaps).isGreaterThan(gaps[1]).isGreaterThanOrEqualTo(600L);
		WatchStatus status = this.informer.watchStatus();
		assertThat(status.consecutiveFailures()).isZero();
		assertThat(status.restarts()).isEqualTo(4);
		assertThat(status.lastError()).isNotNull();
		assertThat(status.lastError().code()).isEqualTo(500);
		assertThat(status.lastError().verb()).isEqualTo("list");
		assertThat(status.lastError().resource()).isEqualTo("pods");

		// after the success, the next failure waits the initial delay again
		await().atMost(Duration.ofSeconds(10)).until(() -> this.informer.watchStatus().state() == WatchState.WATCHING);
		this.server.clearRequests();
		this.server.failNext(RequestFailure.status(500).times(1).resource("pods").verb("watch"));
		this.server.closeAllWatches();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> watches().stream().filter((request) -> request.status() == 200).count() >= 1
					&& watches().stream().anyMatch((request) -> request.status() == 500));
		List<RecordedRequest> watches = watches();
		RecordedRequest failed = watches.stream()
			.filter((request) -> request.status() == 500)
			.findFirst()
			.orElseThrow();
		RecordedRequest next = watches.get(watches.indexOf(failed) + 1);
		// reset: about 100 ms again; without the reset it would be the fifth delay, at least 1280 ms
		assertThat(Duration.between(failed.at(), next.at()).toMillis()).isBetween(75L, 1000L);
		assertThat(this.informer.watchStatus().lastError().verb()).isEqualTo("watch");
	}

	@Test
	void forbiddenListIsRecordedWithTheServersReason() {
		this.server.forbid("pods", "web");
		this.informer = podInformer("pods", "web");
		this.informer.run();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.informer.watchStatus().lastError() != null);
		WatchStatus status = this.informer.watchStatus();
		assertThat(status.synced()).isFalse();
		assertThat(status.state()).isIn(WatchState.BACKOFF, WatchState.LISTING);
		WatchError error = status.lastError();
		assertThat(error.code()).isEqualTo(403);
		assertThat(error.reason()).isEqualTo("Forbidden");
		assertThat(error.namespace()).isEqualTo("web");
		assertThat(error.describe()).contains("list pods in namespace web failed: 403 Forbidden");
		assertThat(status.failingSince()).isNotNull().isBeforeOrEqualTo(error.at());
		assertThat(status.lists()).isZero();
		this.server.allow("pods", "web");
		await().atMost(Duration.ofSeconds(10)).until(this.informer::hasSynced);
		WatchStatus recovered = this.informer.watchStatus();
		assertThat(recovered.failingSince()).isNull();
		assertThat(recovered.consecutiveFailures()).isZero();
		assertThat(recovered.lists()).isEqualTo(1);
		assertThat(recovered.lastListDuration()).isNotNull().isEqualTo(recovered.listTime());
	}

	@Test
	void retryAfterIsHonouredWhenLongerThanTheBackoff() {
		this.server.failNext(RequestFailure.status(429).times(1).retryAfterSeconds(1).resource("pods").verb("list"));
		this.informer = podInformer("pods");
		this.informer.run();
		await().atMost(Duration.ofSeconds(10)).until(this.informer::hasSynced);
		List<RecordedRequest> lists = lists();
		assertThat(lists).hasSize(2);
		assertThat(lists.get(0).status()).isEqualTo(429);
		assertThat(gaps(lists)[0]).isGreaterThanOrEqualTo(950L);
		assertThat(this.informer.watchStatus().lastError().reason()).isEqualTo("TooManyRequests");
	}

	@Test
	void repeatedFailuresAreLoggedOnceAtWarnLevel(CapturedOutput output) {
		this.server.forbid("pods", null);
		this.informer = podInformer("pods");
		this.informer.run();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.informer.watchStatus().consecutiveFailures() >= 4);
		assertThat(output.getAll().lines().filter((line) -> line.contains("WARN") && line.contains("list pods failed")))
			.hasSize(1);
		this.server.allow("pods", null);
		await().atMost(Duration.ofSeconds(10)).until(this.informer::hasSynced);
		await().atMost(Duration.ofSeconds(5)).until(() -> output.getAll().contains("recovered after"));
	}

	@Test
	void unreachableServerIsRecordedWithTheUrl() {
		String url = this.server.url();
		this.server.stop();
		this.informer = podInformer("pods");
		this.informer.run();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.informer.watchStatus().lastError() != null);
		WatchError error = this.informer.watchStatus().lastError();
		assertThat(error.code()).isZero();
		assertThat(error.message()).contains(url);
		this.server.start();
		await().atMost(Duration.ofSeconds(10)).until(this.informer::hasSynced);
	}

	private List<RecordedRequest> lists() {
		return podRequests().stream().filter((r) -> !r.isWatch()).toList();
	}

	private List<RecordedRequest> watches() {
		return podRequests().stream().filter(RecordedRequest::isWatch).toList();
	}

	private static long[] gaps(List<RecordedRequest> requests) {
		long[] gaps = new long[requests.size() - 1];
		for (int i = 1; i < requests.size(); i++) {
			gaps[i - 1] = Duration.between(requests.get(i - 1).at(), requests.get(i).at()).toMillis();
		}
		return gaps;
	}

}
