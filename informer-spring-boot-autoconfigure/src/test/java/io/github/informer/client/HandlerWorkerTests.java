package io.github.informer.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.informer.annotation.EventType;
import io.github.informer.fixtures.Pods;
import io.github.informer.handler.InformerErrorHandler;
import io.github.informer.handler.InformerEvent;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One handler's worker: its queue of the informer's events and its thread (resync rounds share the queue with real
 * events and are not queued twice; depth, lag and thread are visible), the event-type filter, error isolation and
 * the statistics of the {@code RegisteredHandler} view. End-to-end behaviour through an informer is tested in
 * {@code InformerHandlerIntegrationTests}.
 */
class HandlerWorkerTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final KubernetesInformer<V1Pod> informer = TestPods.informer("pods",
			List.of(TestPods.pods(new ApiClient(), null, null, null, 500)));

	private final Recorder recorder = new Recorder();

	private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

	private final List<HandlerWorker<V1Pod>> workers = new ArrayList<>();

	private final HandlerWorker<V1Pod> worker = worker(this.recorder, (id, event, ex) -> this.errors.add(id));

	@AfterEach
	void stop() throws InterruptedException {
		this.recorder.release.countDown();
		for (HandlerWorker<V1Pod> each : this.workers) {
			each.signalStop();
			assertThat(each.awaitTermination(5000)).isTrue();
		}
	}

	@Test
	void resyncRoundIsDeliveredBehindTheEventsQueuedBeforeIt() {
		added(this.worker, Pods.cached("web", "a", "1"));
		this.worker.enqueue(InformerEvent.updated("pods", Pods.cached("web", "a", "1"), Pods.cached("web", "a", "2")),
				System.nanoTime());
		assertThat(this.worker.resync(List.of(Pods.cached("web", "a", "2"), Pods.cached("web", "b", "3")))).isTrue();
		this.worker.enqueue(InformerEvent.deleted("pods", Pods.cached("web", "b", "3"), false), System.nanoTime());
		this.worker.startThread();
		await().atMost(TIMEOUT).until(() -> this.worker.resyncs() == 1 && this.worker.queued() == 0);
		assertThat(this.recorder.events).containsExactly("ADDED a@1", "UPDATED a@2", "RESYNC a@2", "RESYNC b@3",
				"DELETED b@3");
	}

	@Test
	void aResyncIsAnUpdateFlaggedResyncWithOldEqualToNew() {
		this.worker.resync(List.of(Pods.cached("web", "a", "1")));
		this.worker.startThread();
		await().atMost(TIMEOUT).until(() -> this.worker.resyncs() == 1);
		assertThat(this.recorder.sameOldAndNew).containsExactly(true);
		assertThat(this.worker.delivered()).isEqualTo(1);
	}

	@Test
	void resyncIsNotQueuedAgainWhileTheLastRoundWaits() throws InterruptedException {
		this.recorder.blocking = true;
		added(this.worker, Pods.cached("web", "a", "1"));
		this.worker.startThread();
		assertThat(this.recorder.entered.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(this.worker.resync(List.of(Pods.cached("web", "a", "1")))).isTrue();
		assertThat(this.worker.resync(List.of(Pods.cached("web", "a", "1")))).isFalse();
		assertThat(this.worker.queued()).isEqualTo(2);
		this.recorder.release.countDown();
		await().atMost(TIMEOUT).until(() -> this.worker.resyncs() == 1 && this.worker.queued() == 0);
		assertThat(this.worker.resync(List.of(Pods.cached("web", "a", "1")))).isTrue();
		await().atMost(TIMEOUT).until(() -> this.worker.resyncs() == 2);
		assertThat(this.recorder.events).containsExactly("ADDED a@1", "RESYNC a@1", "RESYNC a@1");
	}

	@Test
	void queuedAndLagCountEventsWaitingBehindASlowCall() throws InterruptedException {
		this.recorder.blocking = true;
		added(this.worker, Pods.cached("web", "a", "1"));
		this.worker.startThread();
		assertThat(this.recorder.entered.await(5, TimeUnit.SECONDS)).isTrue();
		added(this.worker, Pods.cached("web", "b", "1"));
		added(this.worker, Pods.cached("web", "c", "1"));
		assertThat(this.worker.queued()).isEqualTo(3);
		await().atMost(TIMEOUT).until(() -> this.worker.lag().compareTo(Duration.ZERO) > 0);
		this.recorder.release.countDown();
		await().atMost(TIMEOUT).until(() -> this.worker.queued() == 0);
		assertThat(this.worker.lag()).isZero();
		assertThat(this.recorder.events).hasSize(3);
	}

	@Test
	void plainHandlerReceivesResyncAsUpdateOfTheSameObject() {
		List<String> updates = Collections.synchronizedList(new ArrayList<>());
		HandlerWorker<V1Pod> plain = worker(
				new ResourceEventHandlerTarget<>(new io.kubernetes.client.informer.ResourceEventHandler<V1Pod>() {

					@Override
					public void onAdd(V1Pod obj) {
					}

					@Override
					public void onUpdate(V1Pod oldObj, V1Pod newObj) {
						updates.add((oldObj == newObj) + " " + newObj.getMetadata().getName());
					}

					@Override
					public void onDelete(V1Pod obj, boolean deletedFinalStateUnknown) {
					}

				}), (id, event, ex) -> {
				});
		plain.resync(List.of(Pods.cached("web", "a", "1")));
		plain.startThread();
		await().atMost(TIMEOUT).until(() -> plain.resyncs() == 1);
		assertThat(updates).containsExactly("true a");
	}

	@Test
	void eventsOfOtherTypesAreSkippedWithoutCallingTheTarget() {
		Recorder deletesOnly = new Recorder(EnumSet.of(EventType.DELETED));
		HandlerWorker<V1Pod> deletes = worker(deletesOnly, (id, event, ex) -> {
		});
		added(deletes, Pods.cached("web", "a", "1"));
		deletes.enqueue(InformerEvent.deleted("pods", Pods.cached("web", "a", "1"), true), System.nanoTime());
		deletes.startThread();
		await().atMost(TIMEOUT).until(() -> deletes.delivered() + deletes.skipped() == 2);
		assertThat(deletes.delivered()).isEqualTo(1);
		assertThat(deletes.skipped()).isEqualTo(1);
		assertThat(deletesOnly.events).containsExactly("DELETED a@1");
		assertThat(deletes.events()).containsExactly(EventType.DELETED);
		assertThat(deletes.method()).isEqualTo("recorder");
	}

	@Test
	void eventsATargetFiltersOutItselfCountAsSkipped() {
		this.recorder.filterOut = "b";
		added(this.worker, Pods.cached("web", "a", "1"));
		added(this.worker, Pods.cached("web", "b", "1"));
		this.worker.startThread();
		await().atMost(TIMEOUT).until(() -> this.worker.delivered() + this.worker.skipped() == 2);
		assertThat(this.worker.skipped()).isEqualTo(1);
		assertThat(this.recorder.events).containsExactly("ADDED a@1");
	}

	@Test
	void failuresGoToTheErrorHandlerAndDeliveryContinues() {
		List<String> failures = Collections.synchronizedList(new ArrayList<>());
		this.recorder.failOnOddVersions = true;
		HandlerWorker<V1Pod> failing = worker(this.recorder,
				(id, event, ex) -> failures.add(id + " " + event.type() + " " + event.key() + " " + ex.getMessage()));
		for (int i = 0; i < 10; i++) {
			added(failing, Pods.cached("web", "p" + i, String.valueOf(i)));
		}
		failing.startThread();
		await().atMost(TIMEOUT).until(() -> failing.delivered() + failing.failed() == 10);
		assertThat(failing.failed()).isEqualTo(5);
		assertThat(failing.delivered()).isEqualTo(5);
		assertThat(failing.lastError()).isEqualTo("java.lang.IllegalStateException: odd resourceVersion");
		assertThat(failing.lastErrorAt()).isNotNull();
		assertThat(failing.lastEventAt()).isNotNull();
		assertThat(failures).hasSize(5).first().isEqualTo("recorder ADDED web/p1 odd resourceVersion");
	}

	@Test
	void errorsThrownByTheErrorHandlerNeverReachTheWorkerThread() {
		this.recorder.failOnOddVersions = true;
		HandlerWorker<V1Pod> failing = worker(this.recorder, (id, event, ex) -> {
			throw new IllegalStateException("error handler broken");
		});
		added(failing, Pods.cached("web", "p1", "1"));
		added(failing, Pods.cached("web", "p2", "2"));
		failing.startThread();
		await().atMost(TIMEOUT).until(() -> failing.delivered() + failing.failed() == 2);
		assertThat(failing.failed()).isEqualTo(1);
		assertThat(failing.delivered()).isEqualTo(1);
	}

	@Test
	void handlerThatThrowsErrorsKeepsItsThread() {
		this.recorder.failWith = new AssertionError("handler bug");
		added(this.worker, Pods.cached("web", "a", "1"));
		added(this.worker, Pods.cached("web", "b", "1"));
		this.worker.startThread();
		await().atMost(TIMEOUT).until(() -> this.recorder.calls.size() == 2);
		assertThat(this.errors).containsExactly("recorder", "recorder");
		assertThat(Thread.getAllStackTraces().keySet()).anyMatch((thread) -> thread.getName()
			.equals("informer-pods-recorder") && thread.isAlive());
	}

	@Test
	void threadEndsOnStop() throws InterruptedException {
		this.worker.startThread();
		this.worker.signalStop();
		assertThat(this.worker.awaitTermination(5000)).isTrue();
		assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> thread.getName().equals("informer-pods-recorder"));
	}

	private HandlerWorker<V1Pod> worker(HandlerTarget<? super V1Pod> target, InformerErrorHandler errorHandler) {
		HandlerWorker<V1Pod> created = new HandlerWorker<>(this.informer, "recorder", "informer-pods-recorder", target,
				Duration.ZERO, errorHandler, List.of(), null);
		this.workers.add(created);
		return created;
	}

	private static void added(HandlerWorker<V1Pod> worker, V1Pod pod) {
		worker.enqueue(InformerEvent.added("pods", pod), System.nanoTime());
	}

	static class Recorder implements HandlerTarget<V1Pod> {

		final List<String> events = Collections.synchronizedList(new ArrayList<>());

		final List<String> calls = Collections.synchronizedList(new ArrayList<>());

		final List<Boolean> sameOldAndNew = Collections.synchronizedList(new ArrayList<>());

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		volatile boolean blocking;

		volatile Error failWith;

		volatile boolean failOnOddVersions;

		volatile String filterOut;

		private final Set<EventType> types;

		Recorder() {
			this(EnumSet.allOf(EventType.class));
		}

		Recorder(Set<EventType> types) {
			this.types = types;
		}

		@Override
		public Set<EventType> events() {
			return this.types;
		}

		@Override
		public String displayName() {
			return "recorder";
		}

		@Override
		public boolean handle(InformerEvent<? extends V1Pod> event) {
			String type = event.resync() ? "RESYNC" : event.type().name();
			this.calls.add(type);
			if (event.resync()) {
				this.sameOldAndNew.add(event.oldObject() == event.object());
			}
			if (this.blocking) {
				this.entered.countDown();
				try {
					this.release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return true;
				}
			}
			if (this.failWith != null) {
				throw this.failWith;
			}
			V1Pod object = event.object();
			if (object.getMetadata().getName().equals(this.filterOut)) {
				return false;
			}
			if (this.failOnOddVersions && Integer.parseInt(object.getMetadata().getResourceVersion()) % 2 == 1) {
				throw new IllegalStateException("odd resourceVersion");
			}
			this.events.add(type + " " + object.getMetadata().getName() + "@" + object.getMetadata().getResourceVersion());
			return true;
		}

	}

}
