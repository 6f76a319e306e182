package io.github.informer.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.informer.fixtures.Pods;
import io.github.informer.test.RecordedRequest;
import io.github.informer.test.ResponseFault;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A watch that connects and then fails (an ERROR event, an empty body, one event then the end) and a 410 on
 * every relist: each is a failure for the backoff, {@code failingSince} and the first-WARN rule, never a hot loop;
 * progress (a change applied) ends it. Requests are counted at the server.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReflectorWatchFailureTests extends FakeServerTestSupport {

	static Stream<Arguments> watchesThatConnectAndThenFail() {
		return Stream.of(Arguments.of(ResponseFault.watchErrorEvent(500), "watch pods in namespace web failed: 500 "
				+ "InternalError: injected watch ERROR event with code 500"),
				Arguments.of(ResponseFault.emptyWatch(),
						"watch pods in namespace web failed: WatchEnded: the watch ended after "),
				Arguments.of(ResponseFault.oneWatchEventThenClose(),
						"watch pods in namespace web failed: WatchEnded: the watch ended after "));
	}

	@ParameterizedTest
	@MethodSource("watchesThatConnectAndThenFail")
	void aWatchThatConnectsAndThenFailsIsAFailureWithBackoffUntilAChangeArrives(ResponseFault fault, String failure,
			CapturedOutput output) {
		this.server.create(Pods.pod("web", "one", Map.of()));
		this.server.failNext(fault.times(10_000));
		this.informer = podInformer("pods", "web");
		Instant started = Instant.now();
		this.informer.run();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.informer.watchStatus().consecutiveFailures() >= 4);
		WatchStatus status = this.informer.watchStatus();
		assertThat(status.synced()).isTrue();
		assertThat(status.failingSince()).isNotNull().isAfterOrEqualTo(started);
		assertThat(status.lastError().verb()).isEqualTo("watch");
		assertThat(status.lastError().describe()).startsWith(failure);
		Instant firstFailure = status.failingSince();
		// 100 ms doubling to 2 s: about 6 watches in the first 3 s; a hot loop makes dozens per second
		List<RecordedRequest> watches = requestsInWindow(podWatches("web"), started, Duration.ofSeconds(3));
		assertThat(watches).as("watches in 3 s").hasSizeBetween(2, 9);
		assertThat(watches).allSatisfy((request) -> assertThat(request.status()).isEqualTo(200));
		assertThat(this.informer.watchStatus().failingSince()).isEqualTo(firstFailure);
		assertThat(this.informer.watchStatus().consecutiveFailures()).isGreaterThanOrEqualTo(4);
		assertThat(output.getAll().lines().filter((line) -> line.contains(" WARN ") && line.contains(failure)))
			.hasSize(1);

		this.server.clearFaults();
		this.server.create(Pods.pod("web", "two", Map.of()));
		await().atMost(Duration.ofSeconds(20)).until(() -> this.informer.cacheSize() == 2);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.informer.watchStatus().failingSince() == null);
		assertThat(this.informer.watchStatus().consecutiveFailures()).isZero();
		assertThat(output.getAll()).contains("pods in namespace web recovered after");
	}

	@Test
	void aWatchThatEndsAfterOneBookmarkIsReopenedWithBackoffNotAtOnce() {
		this.server.failNext(ResponseFault.oneWatchEventThenClose().times(10_000));
		this.informer = podInformer("pods", "web");
		Instant started = Instant.now();
		this.informer.run();
		List<RecordedRequest> watches = requestsInWindow(podWatches("web"), started, Duration.ofSeconds(3));
		// before: about 15 a second, every BOOKMARK counted as progress
		assertThat(watches).as("watches in 3 s").hasSizeBetween(2, 9);
		assertThat(this.informer.lastSyncResourceVersion()).isEqualTo(this.server.resourceVersion());
	}

	@Test
	void aWatchThatExpiresRightAfterEveryRelistIsAThrottledFailureLoggedOnce(CapturedOutput output) {
		this.server.create(Pods.pod("web", "one", Map.of()));
		this.informer = podInformer("pods", "web");
		this.informer.run();
		await().atMost(Duration.ofSeconds(10)).until(this.informer::hasSynced);
		// progress first, so the first 410 is an ordinary one
		this.server.create(Pods.pod("web", "two", Map.of()));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.informer.cacheSize() == 2);
		this.server.failNext(ResponseFault.watchErrorEvent(410).times(10_000));
		Instant expiring = Instant.now();
		this.server.sendWatchError(410);
		List<RecordedRequest> lists = requestsInWindow(podLists("web"), expiring, Duration.ofSeconds(4));
		// relists throttled as client-go's: 800 ms, 1.6 s, ... (with the failure backoff): before, 25 lists in 3 s
		assertThat(lists).as("relists in 4 s").hasSizeBetween(1, 4);
		WatchStatus status = this.informer.watchStatus();
		assertThat(status.failingSince()).isNotNull().isAfter(expiring);
		assertThat(status.lastError().code()).isEqualTo(410);
		assertThat(status.lastError().reason()).isEqualTo("Expired");
		assertThat(status.lastError().message()).startsWith("the watch expired right after a list");
		assertThat(output.getAll().lines().filter((line) -> line.contains(" INFO ") && line.contains("expired")))
			.hasSize(1);
		assertThat(output.getAll().lines().filter((line) -> line.contains(" WARN ")
				&& line.contains("watch pods in namespace web failed: 410 Expired")))
			.hasSize(1);

		this.server.clearFaults();
		this.server.create(Pods.pod("web", "three", Map.of()));
		await().atMost(Duration.ofSeconds(40)).until(() -> this.informer.cacheSize() == 3);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.informer.watchStatus().failingSince() == null);
		assertThat(this.informer.getIndexer().listKeys()).containsExactlyInAnyOrder("web/one", "web/two",
				"web/three");
	}

	@Test
	void manyOrdinaryExpiriesLogOneInfoLinePerStreak(CapturedOutput output) {
		this.server.create(Pods.pod("web", "one", Map.of()));
		this.informer = podInformer("pods", "web");
		this.informer.run();
		await().atMost(Duration.ofSeconds(10)).until(this.informer::hasSynced);
		for (int i = 0; i < 3; i++) {
			int expected = i + 2;
			this.server.create(Pods.pod("web", "pod-" + i, Map.of()));
			await().atMost(Duration.ofSeconds(10)).until(() -> this.informer.cacheSize() == expected);
			long lists = this.informer.watchStatus().lists();
			this.server.sendWatchError(410);
			await().atMost(Duration.ofSeconds(10)).until(() -> this.informer.watchStatus().lists() == lists + 1);
		}
		// each 410 came after progress: three streaks of one, one INFO line each, no failure
		assertThat(output.getAll().lines().filter((line) -> line.contains(" INFO ") && line.contains("expired")))
			.hasSize(3);
		assertThat(output.getAll()).doesNotContain(" WARN ");
		assertThat(this.informer.watchStatus().failingSince()).isNull();
	}

}
