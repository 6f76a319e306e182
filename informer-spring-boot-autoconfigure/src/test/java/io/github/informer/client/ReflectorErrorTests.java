package io.github.informer.client;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.informer.fixtures.Pods;
import io.github.informer.test.RecordedRequest;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Any {@code Throwable} on a list/watch thread: an {@link Error} thrown by a user transform on one namespace
 * of a multi-namespace informer is recorded as a local failure of that namespace's loop (naming the object and the
 * code that threw), retried with backoff, shown in the combined state, and once the transform behaves the cache
 * equals the server with no event lost.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReflectorErrorTests extends FakeServerTestSupport {

	private final AtomicBoolean failing = new AtomicBoolean();

	@Test
	void anErrorFromATransformDuringTheListIsRecordedAndRetriedUntilItStops(CapturedOutput output) {
		this.server.create(Pods.pod("a", "p-1", Map.of()));
		this.server.create(Pods.pod("b", "p-1", Map.of()));
		this.failing.set(true);
		this.informer = podInformer("pods", "a", "b");
		this.informer.setTransform(this::failInNamespaceB);
		Instant started = Instant.now();
		this.informer.run();
		await().atMost(Duration.ofSeconds(10)).until(() -> loop("b").consecutiveFailures() >= 3);
		WatchStatus a = loop("a");
		WatchStatus b = loop("b");
		assertThat(a.synced()).isTrue();
		assertThat(a.failingSince()).isNull();
		assertThat(b.synced()).isFalse();
		assertThat(b.failingSince()).isNotNull().isAfterOrEqualTo(started);
		WatchError error = b.lastError();
		assertThat(error.verb()).isEqualTo("cache");
		assertThat(error.code()).isZero();
		assertThat(error.reason()).isEqualTo("AssertionError");
		assertThat(error.message()).startsWith("transform refuses b/p-1 (caching b/p-1 from a list; thrown by ")
			.contains(ReflectorErrorTests.class.getName() + ".failInNamespaceB(")
			.endsWith(" in this application, not by the API server)")
			.doesNotContain(this.server.url());
		assertThat(error.describe()).startsWith("cache pods in namespace b failed: AssertionError: transform refuses");
		WatchStatus combined = this.informer.watchStatus();
		assertThat(combined.state()).isIn(WatchState.BACKOFF, WatchState.LISTING);
		assertThat(combined.failingSince()).isEqualTo(b.failingSince());
		assertThat(this.informer.hasSynced()).isFalse();
		assertThat(threadAlive("informer-pods-watch-b")).isTrue();
		// 100 ms doubling to 2 s: a handful of lists in 3 s, not a hot loop
		List<RecordedRequest> lists = requestsInWindow(podLists("b"), started, Duration.ofSeconds(3));
		assertThat(lists).as("lists of namespace b in 3 s").hasSizeBetween(2, 8);
		assertThat(output.getAll().lines().filter((line) -> line.contains(" WARN ")
				&& line.contains("cache pods in namespace b failed: AssertionError: transform refuses b/p-1")))
			.hasSize(1);
		assertThat(output.getAll()).contains("java.lang.AssertionError: transform refuses b/p-1");

		this.failing.set(false);
		await().atMost(Duration.ofSeconds(10)).until(this.informer::hasSynced);
		assertThat(this.informer.getIndexer().listKeys()).containsExactlyInAnyOrder("a/p-1", "b/p-1");
		assertThat(loop("b").failingSince()).isNull();
		assertThat(output.getAll()).contains("pods in namespace b recovered after");
	}

	@Test
	void anErrorFromATransformOnAWatchEventIsRetriedFromTheSameResourceVersionSoNoEventIsLost(CapturedOutput output) {
		this.server.create(Pods.pod("a", "p-1", Map.of()));
		this.informer = podInformer("pods", "a", "b");
		this.informer.setTransform(this::failInNamespaceB);
		RecordingHandler<V1Pod> handler = new RecordingHandler<>();
		this.informer.addEventHandler(handler);
		this.informer.run();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.informer.hasSynced() && this.informer.watchStatus().state() == WatchState.WATCHING);
		this.failing.set(true);
		this.server.create(Pods.pod("b", "new", Map.of()));
		await().atMost(Duration.ofSeconds(10)).until(() -> loop("b").consecutiveFailures() >= 2);
		assertThat(loop("b").lastError().message()).startsWith("transform refuses b/new (caching b/new from a watch");
		assertThat(this.informer.watchStatus().state()).isNotEqualTo(WatchState.WATCHING);
		assertThat(this.informer.watchStatus().failingSince()).isNotNull();
		assertThat(handler.events).containsExactly("ADDED a/p-1");

		this.failing.set(false);
		this.server.create(Pods.pod("a", "later", Map.of()));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.informer.cacheSize() == 3);
		assertThat(this.informer.getIndexer().listKeys()).containsExactlyInAnyOrder("a/p-1", "b/new", "a/later");
		await().atMost(Duration.ofSeconds(10)).until(() -> handler.events.size() == 3);
		assertThat(handler.events).containsExactlyInAnyOrder("ADDED a/p-1", "ADDED b/new", "ADDED a/later");
		assertThat(this.informer.watchStatus().failingSince()).isNull();
		assertThat(output.getAll().lines().filter((line) -> line.contains(" WARN ") && line.contains("cache pods")))
			.hasSize(1);
	}

	@Test
	void anErrorWhileReadingAListIsRecordedAsAListFailureAndRetried() {
		this.server.create(Pods.pod("web", "p-1", Map.of()));
		AtomicInteger lists = new AtomicInteger();
		ApiClient client = this.server.apiClient();
		client.setHttpClient(client.getHttpClient().newBuilder().addInterceptor((chain) -> {
			boolean list = chain.request().url().encodedPath().endsWith("/pods")
					&& chain.request().url().queryParameter("watch") == null;
			if (list && lists.incrementAndGet() <= 2) {
				// what a class missing from the classpath, or a heap too small for the page, looks like here
				throw new LinkageError("simulated while reading the list");
			}
			return chain.proceed(chain.request());
		}).build());
		this.informer = TestPods.informer("pods", List.of(TestPods.pods(client, "web", null, null, 500)));
		this.informer.run();
		await().atMost(Duration.ofSeconds(10)).until(this.informer::hasSynced);
		assertThat(lists).hasValue(3);
		WatchStatus status = this.informer.watchStatus();
		assertThat(status.lastError().verb()).isEqualTo("list");
		assertThat(status.lastError().reason()).isEqualTo("LinkageError");
		assertThat(status.lastError().message()).startsWith("simulated while reading the list");
		assertThat(status.restarts()).isEqualTo(2);
		assertThat(status.failingSince()).isNull();
		assertThat(this.informer.getIndexer().listKeys()).containsExactly("web/p-1");
	}

	@Test
	void aFailureThatCannotEvenBeDescribedIsRecordedAndRetried() {
		this.server.create(Pods.pod("b", "p-1", Map.of()));
		this.failing.set(true);
		this.informer = podInformer("pods", "a", "b");
		this.informer.setTransform((object) -> {
			if (this.failing.get() && "b".equals(object.getMetadata().getNamespace())) {
				throw new UndescribableError();
			}
			return object;
		});
		this.informer.run();
		await().atMost(Duration.ofSeconds(10)).until(() -> loop("b").consecutiveFailures() >= 3);
		WatchError error = loop("b").lastError();
		assertThat(error.verb()).isEqualTo("cache");
		assertThat(error.reason()).isEqualTo("UndescribableError");
		assertThat(error.message()).isEqualTo("a " + UndescribableError.class.getName() + " that could not be"
				+ " described (java.lang.IllegalStateException while describing it)");
		assertThat(loop("b").failingSince()).isNotNull();
		assertThat(threadAlive("informer-pods-watch-b")).isTrue();

		this.failing.set(false);
		await().atMost(Duration.ofSeconds(10)).until(this.informer::hasSynced);
		assertThat(this.informer.getIndexer().listKeys()).containsExactly("b/p-1");
	}

	@Test
	void anInterruptNobodyAskedForDoesNotEndTheLoop() {
		this.informer = podInformer("pods", "a");
		this.informer.run();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.informer.watchStatus().state() == WatchState.WATCHING);
		Thread loop = thread("informer-pods-watch");
		loop.interrupt();
		this.server.create(Pods.pod("a", "after-interrupt", Map.of()));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.informer.cacheSize() == 1);
		assertThat(loop.isAlive()).isTrue();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.informer.watchStatus().state() == WatchState.WATCHING);
	}

	@Test
	void aLoopThatStoppedIsTheCombinedStateWhateverItsSiblingsDo() {
		WatchStatus watching = status("a", WatchState.WATCHING);
		WatchStatus stopped = status("b", WatchState.STOPPED);
		WatchStatus backoff = status("c", WatchState.BACKOFF);
		assertThat(WatchStatus.aggregate(List.of(watching, stopped, backoff)).state()).isEqualTo(WatchState.STOPPED);
		assertThat(WatchStatus.aggregate(List.of(watching, backoff)).state()).isEqualTo(WatchState.BACKOFF);
		assertThat(WatchStatus.aggregate(List.of(stopped, status("d", WatchState.STOPPED))).state())
			.isEqualTo(WatchState.STOPPED);
	}

	private KubernetesObject failInNamespaceB(KubernetesObject object) {
		String key = object.getMetadata().getNamespace() + "/" + object.getMetadata().getName();
		if (this.failing.get() && "b".equals(object.getMetadata().getNamespace())) {
			throw new AssertionError("transform refuses " + key);
		}
		return object;
	}

	private WatchStatus loop(String namespace) {
		return this.informer.watchStatuses()
			.stream()
			.filter((status) -> namespace.equals(status.namespace()))
			.findFirst()
			.orElseThrow();
	}

	private static boolean threadAlive(String name) {
		return Thread.getAllStackTraces().keySet().stream().anyMatch((t) -> t.getName().equals(name) && t.isAlive());
	}

	private static Thread thread(String name) {
		return Thread.getAllStackTraces().keySet().stream().filter((t) -> t.getName().equals(name)).findFirst()
			.orElseThrow();
	}

	private static WatchStatus status(String namespace, WatchState state) {
		return new WatchStatus(namespace, state, Instant.EPOCH, 0, 0, null, null, true, null, null, null, 0,
				Duration.ZERO, null);
	}

	/** An error whose message cannot be read, as after a second OutOfMemoryError while describing the first. */
	static final class UndescribableError extends Error {

		@Override
		public String getMessage() {
			throw new IllegalStateException("no message");
		}

	}

}
