package io.github.informer.handler;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.informer.annotation.EventType;
import io.github.informer.annotation.InformerHandler;
import io.github.informer.fixtures.Pods;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.annotation.Order;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Validation, argument resolution, conditions and ids of {@link InformerHandlerMethod}.
 */
class InformerHandlerMethodTests {

	private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

	private final MockEnvironment environment = new MockEnvironment();

	InformerHandlerMethodTests() {
		this.beanFactory.registerBeanDefinition("valid", new RootBeanDefinition(ValidHandlers.class));
		this.beanFactory.registerBeanDefinition("invalid", new RootBeanDefinition(InvalidHandlers.class));
	}

	@Test
	void objectSignatureReceivesTheNewStateOrTheLastStateOnDelete() throws Throwable {
		InformerHandlerMethod handler = valid("onPod");
		V1Pod before = Pods.cached("web", "a", "1");
		V1Pod after = Pods.cached("web", "a", "2");
		assertThat(handler.handle(InformerEvent.added("pods", before))).isTrue();
		assertThat(handler.handle(InformerEvent.updated("pods", before, after))).isTrue();
		assertThat(handler.handle(InformerEvent.deleted("pods", after, true))).isTrue();
		assertThat(bean().calls).containsExactly("onPod a@1", "onPod a@2", "onPod a@2");
		assertThat(handler.events()).containsExactly(EventType.ADDED, EventType.UPDATED, EventType.DELETED);
		assertThat(handler.objectType()).isEqualTo(V1Pod.class);
	}

	@Test
	void oldAndNewSignatureReceivesBothStatesOfUpdatesOnly() throws Throwable {
		InformerHandlerMethod handler = valid("onChange");
		V1Pod before = Pods.cached("web", "a", "1");
		V1Pod after = Pods.cached("web", "a", "2");
		assertThat(handler.accepts(EventType.ADDED)).isFalse();
		assertThat(handler.accepts(EventType.DELETED)).isFalse();
		assertThat(handler.handle(InformerEvent.updated("pods", before, after))).isTrue();
		assertThat(bean().calls).containsExactly("onChange a@1->2");
	}

	@Test
	void finalStateUnknownSignatureReceivesTheFlagOfDeletes() throws Throwable {
		InformerHandlerMethod handler = valid("onDelete");
		handler.handle(InformerEvent.deleted("pods", Pods.cached("web", "a", "3"), true));
		handler.handle(InformerEvent.deleted("pods", Pods.cached("web", "b", "4"), false));
		assertThat(bean().calls).containsExactly("onDelete a true", "onDelete b false");
	}

	@Test
	void eventSignatureReceivesTheWholeEventAndResolvesItsTypeArgument() throws Throwable {
		InformerHandlerMethod handler = valid("onEvent");
		V1Pod object = Pods.cached("web", "a", "5");
		handler.handle(InformerEvent.resynced("pods", object));
		assertThat(handler.objectType()).isEqualTo(V1Pod.class);
		assertThat(bean().events).singleElement().satisfies((event) -> {
			assertThat(event.type()).isEqualTo(EventType.UPDATED);
			assertThat(event.resync()).isTrue();
			assertThat(event.oldObject()).isSameAs(object);
			assertThat(event.informer()).isEqualTo("pods");
		});
	}

	@Test
	void conditionSeesParametersByNameAndFiltersEvents() throws Throwable {
		InformerHandlerMethod handler = valid("onWebDelete");
		assertThat(handler.handle(InformerEvent.deleted("pods", Pods.cached("kube-system", "x", "1"), false))).isFalse();
		assertThat(handler.handle(InformerEvent.deleted("pods", Pods.cached("web", "y", "1"), false))).isTrue();
		assertThat(bean().calls).containsExactly("onWebDelete y");
	}

	@Test
	void conditionSeesTheEventAsRootObject() throws Throwable {
		InformerHandlerMethod handler = valid("onNonResync");
		V1Pod object = Pods.cached("web", "a", "1");
		assertThat(handler.handle(InformerEvent.resynced("pods", object))).isFalse();
		assertThat(handler.handle(InformerEvent.added("pods", object))).isTrue();
	}

	@Test
	void conditionCallsMethodsAndReadsBeansByName() throws Throwable {
		this.beanFactory.registerSingleton("flags", new Flags());
		InformerHandlerMethod handler = valid("onLabelledWhenEnabled");
		V1Pod labelled = Pods.cached("web", "a", "1");
		labelled.getMetadata().putLabelsItem("app", "web");
		assertThat(handler.handle(InformerEvent.added("pods", Pods.cached("web", "b", "1")))).isFalse();
		for (int i = 0; i < 1000; i++) {
			assertThat(handler.handle(InformerEvent.added("pods", labelled))).isTrue();
		}
		this.beanFactory.getBean(Flags.class).enabled = false;
		assertThat(handler.handle(InformerEvent.added("pods", labelled))).isFalse();
	}

	@Test
	void conditionNavigatesCustomResourcesByJsonFieldName() throws Throwable {
		InformerHandlerMethod handler = valid("onLargeWidget");
		assertThat(handler.handle(InformerEvent.added("widgets", widget(5)))).isTrue();
		assertThat(handler.handle(InformerEvent.added("widgets", widget(1)))).isFalse();
	}

	private static DynamicKubernetesObject widget(int size) {
		JsonObject json = JsonParser
			.parseString("{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\",\"metadata\":{\"name\":\"w\","
					+ "\"namespace\":\"web\"},\"spec\":{\"size\":" + size + "}}")
			.getAsJsonObject();
		return new DynamicKubernetesObject(json);
	}

	@Test
	void idDefaultsToBeanNameAndMethodName() {
		assertThat(valid("onPod").id()).isEqualTo("valid.onPod");
	}

	@Test
	void idAttributeOverridesTheDefault() {
		assertThat(valid("onEvent").id()).isEqualTo("pod-events");
	}

	@Test
	void orderComesFromOrderOnTheMethod() {
		assertThat(valid("onChange").order()).isEqualTo(5);
		assertThat(valid("onPod").order()).isEqualTo(Integer.MAX_VALUE);
	}

	@Test
	void resyncResolvesPlaceholders() {
		this.environment.setProperty("audit.resync", "90s");
		assertThat(valid("withPlaceholderResync").resync()).isEqualTo(Duration.ofSeconds(90));
		assertThat(valid("onEvent").resync()).isEqualTo(Duration.ofMinutes(5));
		assertThat(valid("onPod").resync()).isNull();
	}

	@Test
	void resyncPlaceholderDefaultApplies() {
		assertThat(valid("withPlaceholderResync").resync()).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void nonVoidReturnFailsNamingTheMethodAndFix() {
		assertInvalid("returnsValue", "returns java.lang.String", "Declare the method void.");
	}

	@Test
	void noParametersFails() {
		assertInvalid("noParameters", "declares 0 parameters", "Declare one of: (T object)");
	}

	@Test
	void threeParametersFail() {
		assertInvalid("threeParameters", "declares 3 parameters", "(InformerEvent<T> event)");
	}

	@Test
	void nonKubernetesParameterFails() {
		assertInvalid("stringParameter", "takes java.lang.String as its parameter, which is not a Kubernetes object "
				+ "type",
				"Declare one of");
	}

	@Test
	void oldAndNewWithoutUpdatedOnlyFails() {
		assertInvalid("oldAndNewForAllEvents", "only fits UPDATED events, but asks for [ADDED, UPDATED, DELETED]",
				"Set @InformerHandler(events = UPDATED)");
	}

	@Test
	void finalStateUnknownWithoutDeletedOnlyFails() {
		assertInvalid("finalStateForAdds", "only fits DELETED events, but asks for [ADDED]",
				"Set @InformerHandler(events = DELETED)");
	}

	@Test
	void secondParameterOfAnotherTypeFails() {
		assertInvalid("wrongSecondParameter", "is neither the object type io.kubernetes.client.openapi.models.V1Pod "
				+ "nor boolean",
				"Declare one of");
	}

	@Test
	void rawInformerEventFails() {
		assertInvalid("rawEvent", "takes an InformerEvent without a concrete Kubernetes object type argument",
				"Declare the type, for example InformerEvent<V1Pod>.");
	}

	@Test
	void emptyEventsFail() {
		assertInvalid("noEvents", "declares events = {}", "List at least one of ADDED, UPDATED, DELETED");
	}

	@Test
	void unparsableConditionFails() {
		assertInvalid("badCondition", "has a condition that is not valid SpEL: \"#pod.metadata.name ==\"",
				"parameters are available by name");
	}

	@Test
	void badResyncDurationFails() {
		assertInvalid("badResync", "has resync = \"often\", which is not a duration.",
				"Use a duration such as 30s, 10m or PT1H");
	}

	@Test
	void negativeResyncFails() {
		assertInvalid("negativeResync", "has a negative resync = \"-5s\".", "Use a positive duration");
	}

	@Test
	void unresolvableResyncPlaceholderFails() {
		assertInvalid("unresolvableResync", "has resync = \"${missing.resync}\" with a placeholder that cannot be "
				+ "resolved",
				"Define the property, or give the placeholder a default");
	}

	@Test
	void badResolvedResyncNamesBothTexts() {
		this.environment.setProperty("audit.resync", "soon");
		assertInvalid(ValidHandlers.class, "valid", "withPlaceholderResync",
				"has resync = \"${audit.resync:30s}\" (\"soon\"), which is not a duration.", "Use a duration");
	}

	private InformerHandlerMethod valid(String name) {
		return InformerHandlerMethod.of("valid", ValidHandlers.class, method(ValidHandlers.class, name),
				this.beanFactory, this.environment);
	}

	private ValidHandlers bean() {
		return this.beanFactory.getBean("valid", ValidHandlers.class);
	}

	private void assertInvalid(String name, String description, String action) {
		assertInvalid(InvalidHandlers.class, "invalid", name, description, action);
	}

	private void assertInvalid(Class<?> type, String beanName, String name, String description, String action) {
		Method method = method(type, name);
		assertThatExceptionOfType(InformerHandlerDefinitionException.class)
			.isThrownBy(() -> InformerHandlerMethod.of(beanName, type, method, this.beanFactory, this.environment))
			.satisfies((ex) -> {
				assertThat(ex.getProblems()).singleElement().satisfies((problem) -> {
					assertThat(problem.description()).startsWith("@InformerHandler method '"
							+ method.toGenericString() + "'")
						.contains(description);
					assertThat(problem.action()).contains(action);
				});
				assertThat(ex.getMessage()).contains(method.toGenericString()).contains(action);
			});
	}

	private static Method method(Class<?> type, String name) {
		for (Method method : ReflectionUtils.getDeclaredMethods(type)) {
			if (method.getName().equals(name)) {
				return method;
			}
		}
		throw new IllegalArgumentException(name);
	}

	static class ValidHandlers {

		final List<String> calls = new ArrayList<>();

		final List<InformerEvent<V1Pod>> events = new ArrayList<>();

		@InformerHandler
		void onPod(V1Pod pod) {
			this.calls.add("onPod " + pod.getMetadata().getName() + "@" + pod.getMetadata().getResourceVersion());
		}

		@Order(5)
		@InformerHandler(informer = "pods", events = EventType.UPDATED)
		void onChange(V1Pod oldPod, V1Pod newPod) {
			this.calls.add("onChange " + newPod.getMetadata().getName() + "@"
					+ oldPod.getMetadata().getResourceVersion()
					+ "->" + newPod.getMetadata().getResourceVersion());
		}

		@InformerHandler(events = EventType.DELETED)
		void onDelete(V1Pod pod, boolean finalStateUnknown) {
			this.calls.add("onDelete " + pod.getMetadata().getName() + " " + finalStateUnknown);
		}

		@InformerHandler(events = EventType.DELETED, condition = "#pod.metadata.namespace == 'web'")
		void onWebDelete(V1Pod pod) {
			this.calls.add("onWebDelete " + pod.getMetadata().getName());
		}

		@InformerHandler(condition = "!#root.event.resync")
		void onNonResync(V1Pod pod) {
			this.calls.add("onNonResync " + pod.getMetadata().getName());
		}

		@InformerHandler(id = "pod-events", resync = "5m")
		void onEvent(InformerEvent<V1Pod> event) {
			this.events.add(event);
		}

		@InformerHandler(resync = "${audit.resync:30s}")
		void withPlaceholderResync(V1Pod pod) {
		}

		@InformerHandler(condition = "#widget.spec.size > 2")
		void onLargeWidget(DynamicKubernetesObject widget) {
		}

		@InformerHandler(condition = "@flags.enabled and #pod.metadata.labels?.get('app') == 'web'")
		void onLabelledWhenEnabled(V1Pod pod) {
		}

	}

	public static class Flags {

		public boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

	}

	static class InvalidHandlers {

		@InformerHandler
		String returnsValue(V1Pod pod) {
			return "";
		}

		@InformerHandler
		void noParameters() {
		}

		@InformerHandler
		void threeParameters(V1Pod a, V1Pod b, boolean c) {
		}

		@InformerHandler
		void stringParameter(String name) {
		}

		@InformerHandler
		void oldAndNewForAllEvents(V1Pod oldPod, V1Pod newPod) {
		}

		@InformerHandler(events = EventType.ADDED)
		void finalStateForAdds(V1Pod pod, boolean finalStateUnknown) {
		}

		@InformerHandler
		void wrongSecondParameter(V1Pod pod, String other) {
		}

		@SuppressWarnings("rawtypes")
		@InformerHandler
		void rawEvent(InformerEvent event) {
		}

		@InformerHandler(events = {})
		void noEvents(V1Pod pod) {
		}

		@InformerHandler(condition = "#pod.metadata.name ==")
		void badCondition(V1Pod pod) {
		}

		@InformerHandler(resync = "often")
		void badResync(V1Pod pod) {
		}

		@InformerHandler(resync = "-5s")
		void negativeResync(V1Pod pod) {
		}

		@InformerHandler(resync = "${missing.resync}")
		void unresolvableResync(V1Pod pod) {
		}

	}

}
