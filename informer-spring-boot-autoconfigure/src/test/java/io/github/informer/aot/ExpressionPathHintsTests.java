package io.github.informer.aot;

import java.util.Map;

import io.github.informer.handler.HandlerExpressionRootObject;
import io.github.informer.handler.InformerEvent;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The getters {@link ExpressionPathHints} registers for SpEL property paths, typed by the root object and variables.
 */
class ExpressionPathHintsTests {

	private final RuntimeHints hints = new RuntimeHints();

	@Test
	void pathFromAVariableRegistersEachGetter() {
		register("#pod.metadata.name == 'web'", ResolvableType.forClass(Object.class),
				Map.of("pod", ResolvableType.forClass(V1Pod.class)));
		assertInvocable(V1Pod.class, "getMetadata");
		assertInvocable(V1ObjectMeta.class, "getName");
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(V1ObjectMeta.class, "getNamespace"))
			.rejects(this.hints);
	}

	@Test
	void genericTypeArgumentsAreFollowed() {
		ResolvableType event = ResolvableType.forClassWithGenerics(InformerEvent.class, V1Pod.class);
		register("#event.object.spec.nodeName != null", ResolvableType.forClass(Object.class), Map.of("event", event));
		assertInvocable(InformerEvent.class, "object");
		assertInvocable(V1Pod.class, "getSpec");
		assertInvocable(V1PodSpec.class, "getNodeName");
	}

	@Test
	void rootObjectPropertiesAreRegistered() {
		register("#root.event.resync", ResolvableType.forClass(HandlerExpressionRootObject.class), Map.of());
		assertInvocable(HandlerExpressionRootObject.class, "event");
		assertInvocable(InformerEvent.class, "resync");
	}

	@Test
	void listElementsProjectionsAndSelectionsAreTyped() {
		register("spec.containers[0].image + spec.containers.![name] + spec.initContainers.?[workingDir != null]",
				ResolvableType.forClass(V1Pod.class), Map.of());
		assertInvocable(V1PodSpec.class, "getContainers");
		assertInvocable(V1PodSpec.class, "getInitContainers");
		assertInvocable(V1Container.class, "getImage");
		assertInvocable(V1Container.class, "getName");
		assertInvocable(V1Container.class, "getWorkingDir");
	}

	@Test
	void mapEntriesNeedNoHintsBeyondTheMapGetter() {
		register("metadata.labels['app'] + metadata.annotations.owner", ResolvableType.forClass(V1Pod.class), Map.of());
		assertInvocable(V1ObjectMeta.class, "getLabels");
		assertInvocable(V1ObjectMeta.class, "getAnnotations");
	}

	@Test
	void customResourcesNavigateJsonAndNeedNone() {
		register("spec.host", ResolvableType.forClass(DynamicKubernetesObject.class), Map.of());
		assertThat(this.hints.reflection().typeHints()).isEmpty();
	}

	@Test
	void expressionsThatDoNotParseAreIgnored() {
		register("spec.(", ResolvableType.forClass(V1Pod.class), Map.of());
		assertThat(this.hints.reflection().typeHints()).isEmpty();
	}

	private void register(String expression, ResolvableType root, Map<String, ResolvableType> variables) {
		ExpressionPathHints.register(this.hints.reflection(), expression, root, variables);
	}

	private void assertInvocable(Class<?> type, String method) {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(type, method)).as(type.getSimpleName() + "."
				+ method).accepts(this.hints);
	}

}
