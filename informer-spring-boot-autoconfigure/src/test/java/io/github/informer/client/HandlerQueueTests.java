package io.github.informer.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.informer.fixtures.Pods;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One handler's queue and thread: resync rounds share the queue with real events, are not queued twice, and the
 * depth, lag and thread are visible.
 */
class HandlerQueueTests {

	private final Recorder recorder = new Recorder();

	private final HandlerQueue<V1Pod> queue = new HandlerQueue<>("pods", this.recorder, "informer-pods-recorder");

	@AfterEach
	void stop() throws InterruptedException {
		this.recorder.release.countDown();
		this.queue.signalStop();
		assertThat(this.queue.awaitTermination(5000)).isTrue();
	}

	@Test
	void resyncRoundIsDeliveredBehindTheEventsQueuedBeforeIt() {
		this.queue.added(Pods.cached("web", "a", "1"));
		this.queue.updated(Pods.cached("web", "a", "1"), Pods.cached("web", "a", "2"));
		assertThat(this.queue.resync(List.of(Pods.cached("web", "a", "2"), Pods.cached("web", "b", "3")))).isTrue();
		this.queue.deleted(Pods.cached("web", "b", "3"), false);
		start();
		await().until(() -> this.queue.resyncRounds() == 1 && this.queue.queued() == 0);
		assertThat(this.recorder.events).containsExactly("ADDED a@1", "UPDATED a@2", "RESYNC a@2", "RESYNC b@3",
				"DELETED b@3");
	}

	@Test
	void resyncIsNotQueuedAgainWhileTheLastRoundWaits() throws InterruptedException {
		this.recorder.blocking = true;
		this.queue.added(Pods.cached("web", "a", "1"));
		start();
		assertThat(this.recorder.entered.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(this.queue.resync(List.of(Pods.cached("web", "a", "1")))).isTrue();
		assertThat(this.queue.resync(List.of(Pods.cached("web", "a", "1")))).isFalse();
		assertThat(this.queue.queued()).isEqualTo(2);
		this.recorder.release.countDown();
		await().until(() -> this.queue.resyncRounds() == 1 && this.queue.queued() == 0);
		assertThat(this.queue.resync(List.of(Pods.cached("web", "a", "1")))).isTrue();
		await().until(() -> this.queue.resyncRounds() == 2);
		assertThat(this.recorder.events).containsExactly("ADDED a@1", "RESYNC a@1", "RESYNC a@1");
	}

	@Test
	void queuedAndLagCountEventsWaitingBehindASlowCall() throws InterruptedException {
		this.recorder.blocking = true;
		this.queue.added(Pods.cached("web", "a", "1"));
		start();
		assertThat(this.recorder.entered.await(5, TimeUnit.SECONDS)).isTrue();
		this.queue.added(Pods.cached("web", "b", "1"));
		this.queue.added(Pods.cached("web", "c", "1"));
		assertThat(this.queue.queued()).isEqualTo(3);
		await().until(() -> this.queue.lag().compareTo(Duration.ZERO) > 0);
		this.recorder.release.countDown();
		await().until(() -> this.queue.queued() == 0);
		assertThat(this.queue.lag()).isZero();
		assertThat(this.recorder.events).hasSize(3);
	}

	@Test
	void plainHandlerReceivesResyncAsUpdateOfTheSameObject() {
		List<String> updates = Collections.synchronizedList(new ArrayList<>());
		HandlerQueue<V1Pod> plain = new HandlerQueue<>("pods", new io.kubernetes.client.informer.ResourceEventHandler<>() {

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

		}, "informer-pods-plain");
		plain.resync(List.of(Pods.cached("web", "a", "1")));
		plain.start(InformerThreads.named("informer-pods-plain", plain));
		try {
			await().until(() -> plain.resyncRounds() == 1);
			assertThat(updates).containsExactly("true a");
		}
		finally {
			plain.signalStop();
		}
	}

	@Test
	void handlerThatThrowsErrorsKeepsItsThread() {
		this.recorder.failWith = new AssertionError("handler bug");
		this.queue.added(Pods.cached("web", "a", "1"));
		this.queue.added(Pods.cached("web", "b", "1"));
		start();
		await().until(() -> this.recorder.calls.size() == 2);
		assertThat(Thread.getAllStackTraces().keySet()).anyMatch((thread) -> thread.getName()
			.equals("informer-pods-recorder") && thread.isAlive());
	}

	@Test
	void threadEndsOnStop() throws InterruptedException {
		start();
		this.queue.signalStop();
		assertThat(this.queue.awaitTermination(5000)).isTrue();
		assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> thread.getName().equals("informer-pods-recorder"));
	}

	private void start() {
		this.queue.start(InformerThreads.named(this.queue.threadName(), this.queue));
	}

	static class Recorder implements ResyncingEventHandler<V1Pod> {

		final List<String> events = Collections.synchronizedList(new ArrayList<>());

		final List<String> calls = Collections.synchronizedList(new ArrayList<>());

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		volatile boolean blocking;

		volatile Error failWith;

		@Override
		public void onAdd(V1Pod object) {
			record("ADDED", object);
		}

		@Override
		public void onUpdate(V1Pod oldObject, V1Pod newObject) {
			record("UPDATED", newObject);
		}

		@Override
		public void onDelete(V1Pod object, boolean finalStateUnknown) {
			record("DELETED", object);
		}

		@Override
		public void onResync(V1Pod object) {
			record("RESYNC", object);
		}

		private void record(String type, V1Pod object) {
			this.calls.add(type);
			if (this.blocking) {
				this.entered.countDown();
				try {
					this.release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
			if (this.failWith != null) {
				throw this.failWith;
			}
			this.events.add(type + " " + object.getMetadata().getName() + "@" + object.getMetadata().getResourceVersion());
		}

	}

}
