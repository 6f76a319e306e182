package io.github.informer.handler;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.github.informer.annotation.EventType;
import io.github.informer.annotation.InformerHandler;
import io.github.informer.client.HandlerQueueView;
import io.github.informer.fixtures.Pods;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The adapter between a handler's queue and its method: event types, resync flag, error isolation, statistics. The
 * queue itself (ordering of resync against real events, depth, lag, threads) is tested in {@code HandlerQueueTests};
 * end-to-end behaviour through an informer in {@code InformerHandlerIntegrationTests}.
 */
class HandlerWorkerTests {

	private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

	private final List<String> errors = Collections.synchronizedList(new ArrayList<>());

	HandlerWorkerTests() {
		this.beanFactory.registerBeanDefinition("recorder", new RootBeanDefinition(Recorder.class));
	}

	@Test
	void resyncDeliveriesAreUpdatesFlaggedResyncWithOldEqualToNew() {
		HandlerWorker<V1Pod> worker = worker("onEvent", Duration.ofHours(1));
		worker.onAdd(Pods.cached("web", "a", "1"));
		worker.onResync(Pods.cached("web", "a", "1"));
		assertThat(recorder().events).containsExactly("ADDED web/a@1", "UPDATED web/a@1 resync");
		assertThat(recorder().sameOldAndNew).containsExactly(true);
		assertThat(worker.delivered()).isEqualTo(2);
	}

	@Test
	void handlerWithoutUpdatedEventsHasNoResync() {
		assertThat(worker("onDelete", Duration.ofSeconds(5)).resync()).isZero();
		assertThat(worker("onEvent", Duration.ofSeconds(5)).resync()).hasSeconds(5);
	}

	@Test
	void eventsOfOtherTypesAreSkipped() {
		HandlerWorker<V1Pod> worker = worker("onDelete", Duration.ZERO);
		worker.onAdd(Pods.cached("web", "a", "1"));
		worker.onDelete(Pods.cached("web", "a", "1"), true);
		assertThat(worker.delivered()).isEqualTo(1);
		assertThat(worker.skipped()).isEqualTo(1);
		assertThat(recorder().events).containsExactly("DELETED web/a@1 finalStateUnknown");
	}

	@Test
	void failuresGoToTheErrorHandlerAndDeliveryContinues() {
		HandlerWorker<V1Pod> worker = worker("failOnOdd", Duration.ZERO);
		for (int i = 0; i < 10; i++) {
			worker.onAdd(Pods.cached("web", "p" + i, String.valueOf(i)));
		}
		assertThat(worker.failed()).isEqualTo(5);
		assertThat(worker.delivered()).isEqualTo(5);
		assertThat(worker.lastError()).isEqualTo("java.lang.IllegalStateException: odd resourceVersion");
		assertThat(worker.lastErrorAt()).isNotNull();
		assertThat(worker.lastEventAt()).isNotNull();
		assertThat(this.errors).hasSize(5).first().isEqualTo("recorder.failOnOdd ADDED web/p1 odd resourceVersion");
	}

	@Test
	void errorsThrownByTheErrorHandlerNeverReachTheCaller() {
		Method method = ReflectionUtils.findMethod(Recorder.class, "failOnOdd", (Class<?>[]) null);
		InformerHandlerMethod handler = InformerHandlerMethod.of("recorder", Recorder.class, method, this.beanFactory,
				new MockEnvironment());
		HandlerWorker<V1Pod> worker = new HandlerWorker<>(handler, "pods", Duration.ZERO, (id, event, ex) -> {
			throw new IllegalStateException("error handler broken");
		}, List.of());
		worker.onAdd(Pods.cached("web", "p1", "1"));
		worker.onAdd(Pods.cached("web", "p2", "2"));
		assertThat(worker.failed()).isEqualTo(1);
		assertThat(worker.delivered()).isEqualTo(1);
	}

	@Test
	void queueStatisticsComeFromTheAttachedQueue() {
		HandlerWorker<V1Pod> worker = worker("onEvent", Duration.ofSeconds(1));
		assertThat(worker.queued()).isZero();
		assertThat(worker.lag()).isZero();
		worker.attach(new HandlerQueueView() {

			@Override
			public int queued() {
				return 3;
			}

			@Override
			public Duration lag() {
				return Duration.ofMillis(250);
			}

			@Override
			public long resyncRounds() {
				return 2;
			}

		});
		assertThat(worker.queued()).isEqualTo(3);
		assertThat(worker.lag()).isEqualTo(Duration.ofMillis(250));
		assertThat(worker.resyncs()).isEqualTo(2);
	}

	private HandlerWorker<V1Pod> worker(String methodName, Duration resync) {
		Method method = ReflectionUtils.findMethod(Recorder.class, methodName, (Class<?>[]) null);
		InformerHandlerMethod handler = InformerHandlerMethod.of("recorder", Recorder.class, method, this.beanFactory,
				new MockEnvironment());
		HandlerWorker<V1Pod> worker = new HandlerWorker<>(handler, "pods", resync,
				(id, event, ex) -> this.errors.add(id + " " + event.type() + " " + event.key() + " " + ex.getMessage()),
				List.of());
		return worker;
	}

	private Recorder recorder() {
		return this.beanFactory.getBean(Recorder.class);
	}

	static class Recorder {

		final List<String> events = Collections.synchronizedList(new ArrayList<>());

		final List<Boolean> sameOldAndNew = Collections.synchronizedList(new ArrayList<>());

		@InformerHandler
		void onEvent(InformerEvent<V1Pod> event) {
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
			if (event.type() == EventType.UPDATED) {
				this.sameOldAndNew.add(event.oldObject() == event.object());
			}
			this.events.add(event.type() + " " + event.key() + "@" + event.object().getMetadata().getResourceVersion()
					+ (event.resync() ? " resync" : "") + (event.finalStateUnknown() ? " finalStateUnknown" : ""));
		}

	}

}
