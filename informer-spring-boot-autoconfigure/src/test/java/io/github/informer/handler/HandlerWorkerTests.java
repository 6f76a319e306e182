package io.github.informer.handler;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.informer.annotation.EventType;
import io.github.informer.annotation.InformerHandler;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.ReflectionUtils;

import static io.github.informer.handler.InformerHandlerMethodTests.pod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The per-handler queue: ordering of resync against real events, error isolation, statistics, shutdown. The events
 * are fed the way client-java's {@code ProcessorListener} feeds them; end-to-end behaviour through an informer is in
 * {@code InformerHandlerIntegrationTests}.
 */
class HandlerWorkerTests {

	private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

	private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

	private final List<HandlerWorker<V1Pod>> workers = new ArrayList<>();

	HandlerWorkerTests() {
		this.beanFactory.registerBeanDefinition("recorder", new RootBeanDefinition(Recorder.class));
	}

	@AfterEach
	void stopWorkers() {
		this.workers.forEach((worker) -> assertThat(worker.stop(Duration.ofSeconds(5))).isTrue());
	}

	@Test
	void resyncRedeliversTheLastStateSeenOfEveryObjectStillPresent() {
		HandlerWorker<V1Pod> worker = worker("onEvent", Duration.ofHours(1));
		worker.onAdd(pod("web", "a", "1"));
		worker.onAdd(pod("web", "b", "2"));
		worker.onUpdate(pod("web", "a", "1"), pod("web", "a", "3"));
		worker.onDelete(pod("web", "b", "2"), false);
		worker.requestResync();
		await().until(() -> worker.resyncs() == 1);
		List<String> events = recorder().events;
		assertThat(events).containsExactly("ADDED web/a@1", "ADDED web/b@2", "UPDATED web/a@3", "DELETED web/b@2",
				"UPDATED web/a@3 resync");
		assertThat(worker.delivered()).isEqualTo(5);
		assertThat(worker.queued()).isZero();
	}

	@Test
	void resyncWaitingInTheQueueIsNotRequestedTwice() throws InterruptedException {
		HandlerWorker<V1Pod> worker = worker("blocking", Duration.ofHours(1));
		Recorder recorder = recorder();
		worker.onAdd(pod("web", "a", "1"));
		assertThat(recorder.entered.await(5, TimeUnit.SECONDS)).isTrue();
		worker.requestResync();
		worker.requestResync();
		worker.onAdd(pod("web", "b", "1"));
		assertThat(worker.queued()).isEqualTo(2);
		recorder.release.countDown();
		await().until(() -> worker.resyncs() == 1 && worker.queued() == 0);
		assertThat(recorder.events).containsExactly("ADDED web/a@1", "UPDATED web/a@1 resync", "ADDED web/b@1");
	}

	@Test
	void relistOfAnUnchangedObjectIsNotAnUpdate() {
		HandlerWorker<V1Pod> worker = worker("onEvent", Duration.ZERO);
		worker.onAdd(pod("web", "a", "1"));
		worker.onUpdate(pod("web", "a", "1"), pod("web", "a", "1"));
		worker.onUpdate(pod("web", "a", "1"), pod("web", "a", "2"));
		await().until(() -> worker.delivered() == 2);
		assertThat(recorder().events).containsExactly("ADDED web/a@1", "UPDATED web/a@2");
	}

	@Test
	void withoutResyncEventsOfOtherTypesAreNotQueued() {
		HandlerWorker<V1Pod> worker = worker("onDelete", Duration.ZERO);
		worker.onAdd(pod("web", "a", "1"));
		worker.onDelete(pod("web", "a", "1"), true);
		await().until(() -> worker.delivered() == 1);
		assertThat(worker.skipped()).isEqualTo(1);
		assertThat(recorder().events).containsExactly("DELETED web/a@1 finalStateUnknown");
	}

	@Test
	void failuresGoToTheErrorHandlerAndDeliveryContinues() {
		HandlerWorker<V1Pod> worker = worker("failOnOdd", Duration.ZERO);
		for (int i = 0; i < 10; i++) {
			worker.onAdd(pod("web", "p" + i, String.valueOf(i)));
		}
		await().until(() -> worker.delivered() + worker.failed() == 10);
		assertThat(worker.failed()).isEqualTo(5);
		assertThat(worker.delivered()).isEqualTo(5);
		assertThat(worker.lastError()).isEqualTo("java.lang.IllegalStateException: odd resourceVersion");
		assertThat(worker.lastErrorAt()).isNotNull();
		assertThat(this.errors).hasSize(5).first().isEqualTo("recorder.failOnOdd ADDED web/p1 odd resourceVersion");
	}

	@Test
	void queuedCountsEventsWaitingBehindASlowCall() throws InterruptedException {
		HandlerWorker<V1Pod> worker = worker("blocking", Duration.ZERO);
		Recorder recorder = recorder();
		worker.onAdd(pod("web", "a", "1"));
		assertThat(recorder.entered.await(5, TimeUnit.SECONDS)).isTrue();
		worker.onAdd(pod("web", "b", "1"));
		worker.onAdd(pod("web", "c", "1"));
		assertThat(worker.queued()).isEqualTo(3);
		assertThat(worker.lag()).isPositive();
		recorder.release.countDown();
		await().until(() -> worker.queued() == 0);
		assertThat(worker.lag()).isZero();
		assertThat(worker.delivered()).isEqualTo(3);
		assertThat(worker.lastEventAt()).isNotNull();
	}

	@Test
	void threadIsNamedAfterTheInformerAndHandler() {
		HandlerWorker<V1Pod> worker = worker("onEvent", Duration.ZERO);
		assertThat(worker.threadName()).isEqualTo("informer-pods-recorder.onEvent");
		assertThat(worker.stop(Duration.ofSeconds(5))).isTrue();
		assertThat(Thread.getAllStackTraces().keySet())
			.noneMatch((thread) -> thread.getName().equals(worker.threadName()));
	}

	private HandlerWorker<V1Pod> worker(String methodName, Duration resync) {
		Method method = ReflectionUtils.findMethod(Recorder.class, methodName, (Class<?>[]) null);
		InformerHandlerMethod handler = InformerHandlerMethod.of("recorder", Recorder.class, method, this.beanFactory,
				new MockEnvironment());
		HandlerWorker<V1Pod> worker = new HandlerWorker<>(handler, "pods", resync,
				(id, event, ex) -> this.errors.add(id + " " + event.type() + " " + event.key() + " " + ex.getMessage()),
				List.of());
		worker.start();
		this.workers.add(worker);
		return worker;
	}

	private Recorder recorder() {
		return this.beanFactory.getBean(Recorder.class);
	}

	static class Recorder {

		final List<String> events = Collections.synchronizedList(new ArrayList<>());

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@InformerHandler
		void onEvent(InformerEvent<V1Pod> event) {
			record(event);
		}

		@InformerHandler
		void blocking(InformerEvent<V1Pod> event) throws InterruptedException {
			this.entered.countDown();
			this.release.await();
			record(event);
		}

		@InformerHandler(events = EventType.DELETED)
		void onDelete(InformerEvent<V1Pod> event) {
			record(event);
		}

		@InformerHandler
		void failOnOdd(V1Pod pod) {
			if (Integer.parseInt(pod.getMetadata().getResourceVersion()) % 2 == 1) {
				throw new IllegalStateException("odd resourceVersion");
			}
		}

		private void record(InformerEvent<V1Pod> event) {
			this.events.add(event.type() + " " + event.key() + "@" + event.object().getMetadata().getResourceVersion()
					+ (event.resync() ? " resync" : "") + (event.finalStateUnknown() ? " finalStateUnknown" : ""));
		}

	}

}
