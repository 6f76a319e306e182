package io.github.informer.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.informer.annotation.EventType;
import io.github.informer.annotation.InformerHandler;
import io.github.informer.autoconfigure.InformerAutoConfiguration;
import io.github.informer.autoconfigure.InformerHandlerAutoConfiguration;
import io.github.informer.handler.InformerEvent;
import io.github.informer.registry.Informers;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * SPEC 11, bad input: every mistake fails {@link SpringApplication#run} with Spring Boot's failure report, whose
 * Description names the property or method and what is wrong, and whose Action says how to fix it. Runs the real
 * application startup (failure analyzers from {@code spring.factories}); the unit tests of each check are in
 * {@code InformerConfigurationValidationTests} and {@code InformerHandlerStartupFailureTests}.
 */
@ExtendWith(OutputCaptureExtension.class)
class BadConfigurationTests {

	private static final String RESOURCE = "kubernetes.informers.resources.pods.";

	static Stream<Arguments> mistakes() {
		return Stream.of(
				mistake("unknown kind", null, props("kind=Pods"),
						RESOURCE + "kind client-java has no model for kind 'Pods' in v1",
						"Did you mean kind 'Pod' with api-version v1?"),
				mistake("kind in the wrong apiVersion", null, props("api-version=v2"),
						RESOURCE + "kind client-java has no model for kind 'Pod' in v2",
						"Did you mean kind 'Pod' with api-version v1?"),
				mistake("malformed apiVersion", null, props("api-version=apps/v1/beta"),
						RESOURCE + "api-version 'apps/v1/beta' is not a group/version",
						"Use a version such as v1, or group/version such as apps/v1"),
				mistake("malformed label selector", null, props("label-selector=app=web,tier!"),
						RESOURCE + "label-selector 'tier!' is not a valid label requirement",
						"Use comma-separated requirements"),
				mistake("malformed field selector", null, props("field-selector=spec.nodeName"),
						RESOURCE + "field-selector", "spec.nodeName=node-1"),
				mistake("negative duration", null, props("resync=-5s"),
						RESOURCE + "resync must not be negative, got PT-5S",
						"Use a positive duration such as 30s or 10m, or 0"),
				mistake("unparsable duration", null, props("resync=soon"),
						RESOURCE + "resync 'soon' is not a duration such as 30s, 10m or PT1H",
						"Set it to a duration such as 30s, 10m or PT1H"),
				mistake("unparsable global duration", null,
						List.of("kubernetes.informers.startup.sync-timeout=two minutes"),
						"kubernetes.informers.startup.sync-timeout 'two minutes' is not a duration",
						"Set it to a duration such as 30s"),
				mistake("unknown property under a resource (typo)", null, props("label-selecter=app=web"),
						RESOURCE + "label-selecter is not a known property of an informer resource",
						"Use one of api-version, decoder, field-selector, indexes, kind, label-selector, model, "
								+ "namespaces, plural, prune, resync under kubernetes.informers.resources.pods"),
				mistake("namespaces on a cluster-scoped kind", null,
						List.of("kubernetes.informers.resources.nodes.api-version=v1",
								"kubernetes.informers.resources.nodes.kind=Node",
								"kubernetes.informers.resources.nodes.namespaces=web"),
						"kubernetes.informers.resources.nodes.namespaces Node is cluster-scoped",
						"Remove kubernetes.informers.resources.nodes.namespaces"),
				mistake("index SpEL that does not parse", null, props("indexes.by-node=spec.nodeName =="),
						RESOURCE + "indexes.by-node 'spec.nodeName ==' is not a valid SpEL expression",
						"Use a SpEL expression on the object, such as spec.nodeName"),
				mistake("handler naming an unknown informer", UnknownInformer.class, List.of(),
						method(UnknownInformer.class) + " names informer 'podz', which does not exist; known "
								+ "informers: [pods]",
						"Set informer to one of the known names"),
				mistake("ambiguous handler type", AmbiguousType.class,
						List.of("kubernetes.informers.resources.system-pods.api-version=v1",
								"kubernetes.informers.resources.system-pods.kind=Pod",
								"kubernetes.informers.resources.system-pods.namespaces=kube-system"),
						method(AmbiguousType.class) + " takes io.kubernetes.client.openapi.models.V1Pod, which "
								+ "several informers hold: [pods, system-pods]",
						"Choose one with @InformerHandler(informer = \"pods\")"),
				mistake("handler parameter that is not a Kubernetes object", NotAnObject.class, List.of(),
						method(NotAnObject.class) + " takes java.lang.String as its parameter, which is not a "
								+ "Kubernetes object type",
						"Declare one of: (T object)"),
				mistake("handler without parameters", NoParameters.class, List.of(),
						method(NoParameters.class), "Declare one of: (T object)"),
				mistake("handler with three parameters", ThreeParameters.class, List.of(),
						method(ThreeParameters.class), "Declare one of: (T object)"),
				mistake("second parameter of another type", SecondParameterOfAnotherType.class, List.of(),
						method(SecondParameterOfAnotherType.class), "Declare one of: (T object)"),
				mistake("old and new state for every event type", OldAndNewForEverything.class, List.of(),
						method(OldAndNewForEverything.class) + " has the signature (T oldObject, T newObject), "
								+ "which only fits UPDATED events, but asks for [ADDED, UPDATED, DELETED]",
						"Set @InformerHandler(events = UPDATED)"),
				mistake("finalStateUnknown flag for every event type", FinalStateUnknownForEverything.class,
						List.of(), method(FinalStateUnknownForEverything.class), "events = DELETED"),
				mistake("raw InformerEvent", RawEvent.class, List.of(), method(RawEvent.class),
						"InformerEvent<"),
				mistake("non-void handler", ReturnsValue.class, List.of(),
						method(ReturnsValue.class) + " returns java.lang.String; handler return values would be "
								+ "silently ignored",
						"Declare the method void."),
				mistake("unparsable SpEL condition", BadCondition.class, List.of(),
						method(BadCondition.class) + " has a condition that is not valid SpEL: "
								+ "\"#pod.metadata.name ==\"",
						"parameters are available by name"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("mistakes")
	void startupFailsWithAReportNamingTheMistakeAndTheFix(String mistake, Class<?> handlers, List<String> properties,
			String description, String action, CapturedOutput output) {
		List<Class<?>> sources = new ArrayList<>(List.of(BaseApplication.class));
		if (handlers != null) {
			sources.add(handlers);
		}
		SpringApplication application = new SpringApplication(sources.toArray(Class<?>[]::new));
		application.setWebApplicationType(WebApplicationType.NONE);
		Map<String, String> arguments = new LinkedHashMap<>();
		Stream.concat(Stream.of("kubernetes.informers.client.url=http://127.0.0.1:1",
				"kubernetes.informers.startup.wait-for-sync=false", "spring.main.banner-mode=off",
				RESOURCE + "api-version=v1", RESOURCE + "kind=Pod"), properties.stream())
			.forEach((property) -> arguments.put(property.substring(0, property.indexOf('=')), property));
		String[] args = arguments.values().stream().map((property) -> "--" + property).toArray(String[]::new);
		assertThatException().isThrownBy(() -> application.run(args).close());
		String report = output.getAll();
		assertThat(report).contains("APPLICATION FAILED TO START");
		String descriptionPart = report.substring(report.indexOf("Description:"), report.indexOf("Action:"));
		String actionPart = report.substring(report.indexOf("Action:"));
		assertThat(descriptionPart).as(mistake).contains(description);
		assertThat(actionPart).as(mistake).contains(action);
	}

	@Test
	void knownKeysInEveryRelaxedFormAreAccepted() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(InformerAutoConfiguration.class))
			.withPropertyValues("kubernetes.informers.client.url=http://127.0.0.1:1",
					"kubernetes.informers.startup.wait-for-sync=false",
					"kubernetes.informers.resources[web.pods].apiVersion=v1",
					"kubernetes.informers.resources[web.pods].kind=Pod",
					"kubernetes.informers.resources[web.pods].label_selector=app=web",
					"kubernetes.informers.resources[web.pods].namespaces[0]=web",
					"kubernetes.informers.resources[web.pods].indexes.by-node=spec.nodeName",
					"kubernetes.informers.resources[web.pods].prune[0]=status.containerStatuses",
					"kubernetes.informers.resources[web.pods].FIELD-SELECTOR=spec.nodeName=node-1")
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(Informers.class)
				.extracting((informers) -> informers.get("web.pods").labelSelector())
				.isEqualTo("app=web"));
	}

	private static Arguments mistake(String name, Class<?> handlers, List<String> properties, String description,
			String action) {
		return Arguments.of(name, handlers, properties, description, action);
	}

	private static List<String> props(String... properties) {
		return Stream.of(properties).map((property) -> RESOURCE + property).toList();
	}

	private static String method(Class<?> type) {
		return "@InformerHandler method '" + Stream.of(type.getDeclaredMethods())
			.filter((method) -> method.getName().equals("handle"))
			.findFirst()
			.orElseThrow()
			.toGenericString() + "'";
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ InformerAutoConfiguration.class, InformerHandlerAutoConfiguration.class })
	static class BaseApplication {

	}

	@Configuration(proxyBeanMethods = false)
	static class UnknownInformer {

		@InformerHandler(informer = "podz")
		void handle(V1Pod pod) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AmbiguousType {

		@InformerHandler
		void handle(V1Pod pod) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NotAnObject {

		@InformerHandler
		void handle(String name) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class NoParameters {

		@InformerHandler(informer = "pods")
		void handle() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ThreeParameters {

		@InformerHandler(events = EventType.UPDATED)
		void handle(V1Pod oldPod, V1Pod newPod, V1Pod third) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SecondParameterOfAnotherType {

		@InformerHandler
		void handle(V1Pod pod, String note) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OldAndNewForEverything {

		@InformerHandler
		void handle(V1Pod oldPod, V1Pod newPod) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FinalStateUnknownForEverything {

		@InformerHandler
		void handle(V1Pod pod, boolean finalStateUnknown) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RawEvent {

		@SuppressWarnings("rawtypes")
		@InformerHandler(informer = "pods")
		void handle(InformerEvent event) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ReturnsValue {

		@InformerHandler
		String handle(V1Pod pod) {
			return "ignored";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class BadCondition {

		@InformerHandler(condition = "#pod.metadata.name ==")
		void handle(V1Pod pod) {
		}

	}

}
