package io.github.informer.handler;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.informer.annotation.EventType;
import io.github.informer.annotation.InformerHandler;
import io.github.informer.registry.Informers;
import io.kubernetes.client.informer.cache.Lister;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Pod;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aop.framework.ProxyFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;

import static io.github.informer.handler.TestObjects.configMap;
import static io.github.informer.handler.TestObjects.describe;
import static io.github.informer.fixtures.Pods.pod;
import static io.github.informer.handler.TestObjects.relabel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code @InformerHandler} end to end: the fake API server over HTTP, client-java informers, the Spring context.
 */
@ExtendWith(OutputCaptureExtension.class)
class InformerHandlerIntegrationTests extends HandlerContextSupport {

	@Test
	void eachSignatureReceivesTheRightEvents() {
		this.server.create(pod("web", "existing"));
		this.runner.withUserConfiguration(SignatureHandlers.class).run((context) -> {
			Recorder recorder = context.getBean(Recorder.class);
			await().untilAsserted(() -> assertThat(recorder.of("object")).containsExactly("web/existing"));
			this.server.create(pod("web", "a"));
			V1Pod updated = relabel(this.server, "web", "a", "2");
			this.server.delete("v1", "Pod", "web", "a");
			String version = updated.getMetadata().getResourceVersion();
			await().untilAsserted(() -> {
				assertThat(recorder.of("object")).containsExactly("web/existing", "web/a", "web/a 2", "web/a 2");
				assertThat(recorder.of("oldAndNew")).singleElement().asString().matches("web/a null->2 rv \\d+->"
						+ version);
				assertThat(recorder.of("deleted")).containsExactly("web/a finalStateUnknown=false");
				assertThat(recorder.of("event")).containsExactly("ADDED web/existing", "ADDED web/a",
						"UPDATED web/a old=true", "DELETED web/a");
			});
		});
	}

	@Test
	void initialListArrivesAsAddedEvents() {
		for (int i = 0; i < 50; i++) {
			this.server.create(pod("web", "pod-" + i));
		}
		this.runner.withUserConfiguration(SignatureHandlers.class).run((context) -> {
			Recorder recorder = context.getBean(Recorder.class);
			await().untilAsserted(
					() -> assertThat(recorder.of("event")).hasSize(50).allMatch((e) -> e.startsWith("ADDED ")));
		});
	}

	@Test
	void conditionFiltersEventsByParameterName() {
		this.runner.withUserConfiguration(ConditionHandlers.class).run((context) -> {
			Recorder recorder = context.getBean(Recorder.class);
			this.server.create(pod("default", "ignored"));
			this.server.create(pod("web", "kept"));
			this.server.create(pod("web", "marker"));
			await().untilAsserted(() -> assertThat(recorder.of("all")).contains("web/marker"));
			await().untilAsserted(() -> assertThat(recorder.of("web")).containsExactly("web/kept", "web/marker"));
			RegisteredHandler handler = context.getBean(InformerHandlers.class)
				.handler("conditionHandlers.web")
				.orElseThrow();
			assertThat(handler.skipped()).isEqualTo(1);
			assertThat(handler.delivered()).isEqualTo(2);
		});
	}

	@Test
	void registrationListenersAreToldOfEveryHandlerBeforeItsInformerLists() {
		this.server.create(pod("web", "existing"));
		this.runner.withUserConfiguration(OrderedHandlers.class)
			.withBean(RecordingRegistrationListener.class)
			.run((context) -> {
				RecordingRegistrationListener listener = context.getBean(RecordingRegistrationListener.class);
				assertThat(listener.registered).containsExactly("first (delivered 0, informer synced false)",
						"second (delivered 0, informer synced false)",
						"unordered (delivered 0, informer synced false)");
				assertThat(listener.handlers).containsExactlyElementsOf(
						context.getBean(InformerHandlers.class).handlers("pods"));
			});
	}

	@Test
	void handlersOfOneInformerAreRegisteredInOrder() {
		this.runner.withUserConfiguration(OrderedHandlers.class).run((context) -> {
			assertThat(context.getBean(InformerHandlers.class).handlers("pods")).extracting(RegisteredHandler::id)
				.containsExactly("first", "second", "unordered");
			this.server.create(pod("web", "a"));
			Recorder recorder = context.getBean(Recorder.class);
			await().untilAsserted(() -> {
				assertThat(recorder.of("first")).containsExactly("web/a");
				assertThat(recorder.of("second")).containsExactly("web/a");
				assertThat(recorder.of("unordered")).containsExactly("web/a");
			});
		});
	}

	@Test
	void handlerOnAProxiedBeanIsCalledThroughTheProxy() {
		this.runner.withUserConfiguration(ProxiedHandlerConfiguration.class).run((context) -> {
			this.server.create(pod("web", "a"));
			Recorder recorder = context.getBean(Recorder.class);
			await().untilAsserted(() -> {
				assertThat(recorder.of("proxied")).containsExactly("web/a");
				assertThat(recorder.of("interceptor")).containsExactly("onPod");
			});
		});
	}

	@Test
	void throwingHandlerDoesNotAffectAHealthyOne() {
		this.runner.withUserConfiguration(FailingHandlers.class).run((context) -> {
			for (int i = 0; i < 1000; i++) {
				this.server.create(pod("web", "pod-" + i));
			}
			InformerHandlers handlers = context.getBean(InformerHandlers.class);
			RegisteredHandler healthy = handlers.handler("failingHandlers.healthy").orElseThrow();
			RegisteredHandler failing = handlers.handler("failingHandlers.failing").orElseThrow();
			await().atMost(Duration.ofSeconds(30)).until(() -> healthy.delivered() == 1000 && failing.failed() == 1000);
			FailingHandlers bean = context.getBean(FailingHandlers.class);
			assertThat(bean.healthy).hasValue(1000);
			assertThat(healthy.failed()).isZero();
			assertThat(failing.delivered()).isZero();
			assertThat(failing.lastError()).isEqualTo("java.lang.IllegalStateException: boom");
			assertThat(failing.lastErrorAt()).isNotNull();
			assertThat(context.getBean(CountingErrorHandler.class).count("failingHandlers.failing")).isEqualTo(1000);
			CountingInvocationListener listener = context.getBean(CountingInvocationListener.class);
			assertThat(listener.successes.get()).isEqualTo(1000);
			assertThat(listener.failures.get()).isEqualTo(1000);
			assertThat(healthy.deliveredNanos()).isPositive();
			assertThat(failing.failedNanos()).isPositive();
		});
	}

	@Test
	void defaultErrorHandlerLogsHandlerIdAndObjectKeyButNotTheObject(CapturedOutput output) {
		this.runner.withUserConfiguration(OneFailingHandler.class).run((context) -> {
			assertThat(context).getBean(InformerErrorHandler.class).isInstanceOf(LoggingInformerErrorHandler.class);
			V1Pod secret = pod("web", "a");
			secret.getMetadata().putAnnotationsItem("token", "s3cr3t-value");
			this.server.create(secret);
			await().untilAsserted(() -> assertThat(output)
				.contains("Informer handler 'oneFailingHandler.onPod' failed on ADDED of web/a from informer 'pods'"));
			assertThat(output).doesNotContain("s3cr3t-value");
		});
	}

	@Test
	void slowHandlerDoesNotDelayAFastOne() {
		this.runner.withUserConfiguration(SlowAndFastHandlers.class).run((context) -> {
			SlowAndFastHandlers bean = context.getBean(SlowAndFastHandlers.class);
			for (int i = 0; i < 100; i++) {
				this.server.create(pod("web", "pod-" + i));
			}
			InformerHandlers handlers = context.getBean(InformerHandlers.class);
			RegisteredHandler slow = handlers.handler("slowAndFastHandlers.slow").orElseThrow();
			RegisteredHandler fast = handlers.handler("slowAndFastHandlers.fast").orElseThrow();
			await().until(() -> fast.delivered() == 100);
			assertThat(bean.entered.await(5, TimeUnit.SECONDS)).isTrue();
			assertThat(slow.delivered()).isZero();
			await().until(() -> slow.queued() == 100);
			assertThat(slow.lag()).isPositive();
			assertThat(fast.queued()).isZero();
			assertThat(context.getBean(Informers.class).lister("pods").list()).hasSize(100);
			bean.release.countDown();
			await().until(() -> slow.delivered() == 100 && slow.queued() == 0);
		});
	}

	@Test
	void handlerForAnUnconfiguredTypeGetsItsOwnInformerAndLister() {
		this.server.create(configMap("web", "settings"));
		this.runner.withUserConfiguration(ConfigMapHandler.class).run((context) -> {
			assertThat(context.getBean(Informers.class).names()).contains("configmaps");
			Recorder recorder = context.getBean(Recorder.class);
			await().untilAsserted(() -> assertThat(recorder.of("configMap")).containsExactly("web/settings"));
			String[] listers = context.getBeanNamesForType(ResolvableType.forClassWithGenerics(Lister.class,
					V1ConfigMap.class));
			assertThat(listers).hasSize(1);
			assertThat(context.getBean(InformerHandlers.class).handlers("configmaps")).extracting(RegisteredHandler::id)
				.containsExactly("configMapHandler.onConfigMap");
		});
	}

	@Test
	void handlerThreadsStopWhenTheContextCloses() {
		this.runner.withUserConfiguration(SignatureHandlers.class)
			.withPropertyValues("kubernetes.informers.resync=1h")
			.run((context) -> {
				assertThat(threadNames()).contains("informer-pods-signatureHandlers.object", "informer-pods-resync");
			});
		await().untilAsserted(() -> assertThat(threadNames()).doesNotContain("informer-pods-signatureHandlers.object",
				"informer-pods-signatureHandlers.event", "informer-pods-resync"));
	}

	private static List<String> threadNames() {
		return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName).toList();
	}

	@Configuration(value = "signatureHandlers", proxyBeanMethods = false)
	static class SignatureHandlers {

		private final Recorder recorder;

		SignatureHandlers(Recorder recorder) {
			this.recorder = recorder;
		}

		@InformerHandler(id = "signatureHandlers.object")
		void object(V1Pod pod) {
			String version = pod.getMetadata().getLabels().get("version");
			this.recorder.record("object", describe(pod) + ((version != null) ? " " + version : ""));
		}

		@InformerHandler(informer = "pods", events = EventType.UPDATED)
		void oldAndNew(V1Pod oldPod, V1Pod newPod) {
			this.recorder.record("oldAndNew",
					describe(newPod) + " " + oldPod.getMetadata().getLabels().get("version") + "->"
							+ newPod.getMetadata().getLabels().get("version") + " rv "
							+ oldPod.getMetadata().getResourceVersion() + "->"
							+ newPod.getMetadata().getResourceVersion());
		}

		@InformerHandler(events = EventType.DELETED)
		void deleted(V1Pod pod, boolean finalStateUnknown) {
			this.recorder.record("deleted", describe(pod) + " finalStateUnknown=" + finalStateUnknown);
		}

		@InformerHandler
		void event(InformerEvent<V1Pod> event) {
			this.recorder.record("event", event.type() + " " + event.key()
					+ ((event.type() == EventType.UPDATED) ? " old=" + (event.oldObject() != null) : ""));
		}

	}

	@Configuration(value = "conditionHandlers", proxyBeanMethods = false)
	static class ConditionHandlers {

		private final Recorder recorder;

		ConditionHandlers(Recorder recorder) {
			this.recorder = recorder;
		}

		@InformerHandler(events = EventType.ADDED, condition = "#pod.metadata.namespace == 'web'")
		void web(V1Pod pod) {
			this.recorder.record("web", describe(pod));
		}

		@InformerHandler(events = EventType.ADDED)
		void all(V1Pod pod) {
			this.recorder.record("all", describe(pod));
		}

	}

	@Configuration(value = "orderedHandlers", proxyBeanMethods = false)
	static class OrderedHandlers {

		@Bean
		LaterHandler laterHandler(Recorder recorder) {
			return new LaterHandler(recorder);
		}

		@Bean
		EarlierHandler earlierHandler(Recorder recorder) {
			return new EarlierHandler(recorder);
		}

	}

	static class LaterHandler {

		private final Recorder recorder;

		LaterHandler(Recorder recorder) {
			this.recorder = recorder;
		}

		@InformerHandler(id = "unordered")
		void unordered(V1Pod pod) {
			this.recorder.record("unordered", describe(pod));
		}

		@Order(2)
		@InformerHandler(id = "second")
		void second(V1Pod pod) {
			this.recorder.record("second", describe(pod));
		}

	}

	static class EarlierHandler {

		private final Recorder recorder;

		EarlierHandler(Recorder recorder) {
			this.recorder = recorder;
		}

		@Order(1)
		@InformerHandler(id = "first")
		void first(V1Pod pod) {
			this.recorder.record("first", describe(pod));
		}

	}

	@Configuration(value = "proxiedHandlerConfiguration", proxyBeanMethods = false)
	static class ProxiedHandlerConfiguration {

		@Bean
		ProxiedHandler proxiedHandler(Recorder recorder) {
			return new ProxiedHandler(recorder);
		}

		@Bean
		static BeanPostProcessor proxyingPostProcessor(ObjectProvider<Recorder> recorder) {
			return new BeanPostProcessor() {
				@Override
				public Object postProcessAfterInitialization(Object bean, String beanName) {
					if (!(bean instanceof ProxiedHandler)) {
						return bean;
					}
					ProxyFactory factory = new ProxyFactory(bean);
					factory.setProxyTargetClass(true);
					factory.addAdvice((MethodInterceptor) (invocation) -> {
						recorder.getObject().record("interceptor", invocation.getMethod().getName());
						return invocation.proceed();
					});
					return factory.getProxy();
				}
			};
		}

	}

	static class ProxiedHandler {

		private final Recorder recorder;

		ProxiedHandler(Recorder recorder) {
			this.recorder = recorder;
		}

		@InformerHandler(events = EventType.ADDED)
		public void onPod(V1Pod pod) {
			this.recorder.record("proxied", describe(pod));
		}

	}

	@Configuration(value = "failingHandlers", proxyBeanMethods = false)
	static class FailingHandlers {

		final AtomicInteger healthy = new AtomicInteger();

		@Bean
		CountingErrorHandler countingErrorHandler() {
			return new CountingErrorHandler();
		}

		@Bean
		CountingInvocationListener countingInvocationListener() {
			return new CountingInvocationListener();
		}

		@InformerHandler(events = EventType.ADDED)
		void failing(V1Pod pod) {
			throw new IllegalStateException("boom");
		}

		@InformerHandler(events = EventType.ADDED)
		void healthy(V1Pod pod) {
			this.healthy.incrementAndGet();
		}

	}

	static class CountingErrorHandler implements InformerErrorHandler {

		private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

		@Override
		public void handleError(String handlerId, InformerEvent<?> event, Throwable exception) {
			this.counts.computeIfAbsent(handlerId, (id) -> new AtomicInteger()).incrementAndGet();
		}

		int count(String handlerId) {
			return this.counts.getOrDefault(handlerId, new AtomicInteger()).get();
		}

	}

	static class RecordingRegistrationListener implements HandlerRegistrationListener {

		final List<String> registered = new CopyOnWriteArrayList<>();

		final List<RegisteredHandler> handlers = new CopyOnWriteArrayList<>();

		@Autowired
		private Informers informers;

		@Override
		public void registered(RegisteredHandler handler) {
			this.handlers.add(handler);
			this.registered.add(handler.id() + " (delivered " + handler.delivered() + ", informer synced "
					+ this.informers.get(handler.informer()).hasSynced() + ")");
		}

	}

	static class CountingInvocationListener implements HandlerInvocationListener {

		final AtomicInteger successes = new AtomicInteger();

		final AtomicInteger failures = new AtomicInteger();

		@Override
		public void invoked(RegisteredHandler handler, InformerEvent<?> event, long nanos, Throwable exception) {
			assertThat(nanos).isPositive();
			((exception != null) ? this.failures : this.successes).incrementAndGet();
		}

	}

	@Configuration(value = "oneFailingHandler", proxyBeanMethods = false)
	static class OneFailingHandler {

		@InformerHandler(events = EventType.ADDED)
		void onPod(V1Pod pod) {
			throw new IllegalStateException("cannot handle");
		}

	}

	@Configuration(value = "slowAndFastHandlers", proxyBeanMethods = false)
	static class SlowAndFastHandlers {

		final CountDownLatch entered = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		@InformerHandler(events = EventType.ADDED)
		void slow(V1Pod pod) throws InterruptedException {
			this.entered.countDown();
			this.release.await();
		}

		@InformerHandler(events = EventType.ADDED)
		void fast(V1Pod pod) {
		}

	}

	@Configuration(value = "configMapHandler", proxyBeanMethods = false)
	static class ConfigMapHandler {

		private final Recorder recorder;

		ConfigMapHandler(Recorder recorder) {
			this.recorder = recorder;
		}

		@InformerHandler
		void onConfigMap(V1ConfigMap configMap) {
			this.recorder.record("configMap",
					configMap.getMetadata().getNamespace() + "/" + configMap.getMetadata().getName());
		}

	}

}
