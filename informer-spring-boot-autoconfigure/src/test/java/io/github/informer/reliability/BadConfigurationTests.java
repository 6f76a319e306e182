package io.github.informer.reliability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.github.informer.annotation.InformerHandler;
import io.github.informer.autoconfigure.InformerAutoConfiguration;
import io.github.informer.autoconfigure.InformerHandlerAutoConfiguration;
import io.github.informer.fixtures.InvalidHandlers.BadCondition;
import io.github.informer.fixtures.InvalidHandlers.FinalStateUnknownForEverything;
import io.github.informer.fixtures.InvalidHandlers.NoParameters;
import io.github.informer.fixtures.InvalidHandlers.NotAnObject;
import io.github.informer.fixtures.InvalidHandlers.OldAndNewForEverything;
import io.github.informer.fixtures.InvalidHandlers.RawEvent;
import io.github.informer.fixtures.InvalidHandlers.ReturnsValue;
import io.github.informer.fixtures.InvalidHandlers.SecondParameterOfAnotherType;
import io.github.informer.fixtures.InvalidHandlers.ThreeParameters;
import io.github.informer.fixtures.InvalidHandlers.UnknownInformer;
import io.github.informer.handler.InformerEvent;
import io.github.informer.registry.Informers;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
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
 * Bad input: every mistake fails {@link SpringApplication#run} with Spring Boot's failure report, whose
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
						RESOURCE + "label-selector 'app=web,tier!' is not a valid label selector (unable to parse requirement: "
								+ "found '!', expected: in, notin, =, ==, !=, gt, lt)",
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
						RESOURCE + "label-selecter is not a known property",
						"Did you mean kubernetes.informers.resources.pods.label-selector? Use one of api-version, "
								+ "decoder, field-selector, indexes, kind, label-selector, list-strategy, model, "
								+ "namespaces, plural, prune, resync under kubernetes.informers.resources.pods"),
				mistake("unknown list strategy", null, List.of("kubernetes.informers.list-strategy=stream"),
						"kubernetes.informers.list-strategy 'stream' is not one of auto, watch-list, list",
						"Set it to one of auto, watch-list, list"),
				mistake("unknown list strategy of a resource", null, props("list-strategy=watchlist-only"),
						RESOURCE + "list-strategy 'watchlist-only' is not one of auto, watch-list, list",
						"Set it to one of auto, watch-list, list"),
				mistake("unknown property under client (typo)", null,
						List.of("kubernetes.informers.client.read-timout=2s"),
						"kubernetes.informers.client.read-timout is not a known property",
						"under kubernetes.informers.client"),
				mistake("unknown top-level property (typo)", null, List.of("kubernetes.informers.namespace=web"),
						"kubernetes.informers.namespace is not a known property",
						"Did you mean kubernetes.informers.namespaces? Use one of "),
				mistake("unknown property under memory (typo)", null,
						List.of("kubernetes.informers.memory.intern-string=false"),
						"kubernetes.informers.memory.intern-string is not a known property",
						"Did you mean kubernetes.informers.memory.intern-strings? Use one of "
								+ "drop-last-applied-configuration, intern-strings under kubernetes.informers.memory"),
				mistake("unknown property of a handler with a dotted id (typo)", null,
						List.of("kubernetes.informers.handlers.pod-auditor.on-pod.resyc=5m"),
						"kubernetes.informers.handlers.pod-auditor.on-pod.resyc is not a known property",
						"Did you mean kubernetes.informers.handlers.pod-auditor.on-pod.resync? Use one of resync "
								+ "under kubernetes.informers.handlers.pod-auditor.on-pod"),
				mistake("a property below a value", null, List.of("kubernetes.informers.startup.sync-timeout.seconds=5"),
						"kubernetes.informers.startup.sync-timeout.seconds is not a known property",
						"kubernetes.informers.startup.sync-timeout takes a value and has no properties below it"),
				mistake("prune of metadata", null, props("prune=metadata"),
						RESOURCE + "prune[0] 'metadata' cannot be pruned: the informer needs the object's metadata",
						"Remove it from the prune list"),
				mistake("prune of metadata.name", null, props("prune=metadata.name"),
						RESOURCE + "prune[0] 'metadata.name' cannot be pruned: the name is part of the object's "
								+ "cache key",
						"Remove it from the prune list"),
				mistake("prune of metadata.namespace", null, props("prune=status.phase,metadata.namespace"),
						RESOURCE + "prune[1] 'metadata.namespace' cannot be pruned: the namespace is part of the "
								+ "object's cache key",
						"Remove it from the prune list"),
				mistake("prune of metadata.uid", null, props("prune=metadata.uid"),
						RESOURCE + "prune[0] 'metadata.uid' cannot be pruned: the uid tells an object from a "
								+ "re-created one",
						"Remove it from the prune list"),
				mistake("prune of metadata.resourceVersion", null, props("prune=metadata.resourceVersion"),
						RESOURCE + "prune[0] 'metadata.resourceVersion' cannot be pruned: the resourceVersion tells "
								+ "the informer whether a relisted object changed",
						"Remove it from the prune list"),
				mistake("prune of a primitive field of a model", null,
						counters("model=" + Counter.class.getName(), "prune=spec.replicas"),
						"kubernetes.informers.resources.counters.prune[0] 'spec.replicas': field 'replicas' of "
								+ "CounterSpec is a primitive int, which cannot be dropped",
						"Declare it as Integer in the model, or remove the path"),
				mistake("prune of a record component of a model", null,
						counters("model=" + RecordCounter.class.getName(), "prune=spec.color"),
						"kubernetes.informers.resources.counters.prune[0] 'spec.color': field 'color' of "
								+ "RecordCounterSpec is a final field of a record, which cannot be dropped",
						"Use a class with a non-final field, or remove the path"),
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
					"kubernetes.informers.resources[web.pods].FIELD-SELECTOR=spec.nodeName=node-1",
					// every group, in kebab and camel case, maps of values with dotted keys, a handler's dotted id
					"kubernetes.informers.list-page-size=100", "kubernetes.informers.listPageSize=100",
					"kubernetes.informers.namespaces[0]=web", "kubernetes.informers.resync=0s",
					"kubernetes.informers.memory.intern-strings=true",
					"kubernetes.informers.memory.dropLastAppliedConfiguration=true",
					"kubernetes.informers.startup.shutdown-timeout=5s", "kubernetes.informers.backoff.max-delay=30s",
					"kubernetes.informers.health.list-failure-threshold=30s",
					"kubernetes.informers.client.verify-ssl=true", "kubernetes.informers.client.token-refresh=1m",
					"kubernetes.informers.resources[web.pods].indexes.by-app=metadata.labels['app.kubernetes.io/name']",
					"kubernetes.informers.handlers.pod-auditor.on-pod.resync=5m",
					"kubernetes.informers.handlers[podAuditor.onPod].resync=5m")
			.run((context) -> assertThat(context).hasNotFailed()
				.getBean(Informers.class)
				.extracting((informers) -> informers.get("web.pods").labelSelector())
				.isEqualTo("app=web"));
	}

	private static Arguments mistake(String name, Class<?> handlers, List<String> properties, String description,
			String action) {
		return Arguments.of(name, handlers, properties, description, action);
	}

	private static List<String> counters(String... properties) {
		return Stream.concat(Stream.of("api-version=example.com/v1", "kind=Counter"), Stream.of(properties))
			.map((property) -> "kubernetes.informers.resources.counters." + property)
			.toList();
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
	static class AmbiguousType {

		@InformerHandler
		void handle(V1Pod pod) {
		}

	}

	/** A user model with a primitive field. */
	public static class Counter implements KubernetesObject {

		private V1ObjectMeta metadata;

		CounterSpec spec;

		@Override
		public V1ObjectMeta getMetadata() {
			return this.metadata;
		}

		@Override
		public String getApiVersion() {
			return "example.com/v1";
		}

		@Override
		public String getKind() {
			return "Counter";
		}

	}

	/** The counter's spec. */
	public static class CounterSpec {

		int replicas;

	}

	/** A user model written as records. */
	public record RecordCounter(String apiVersion, String kind, V1ObjectMeta metadata,
			RecordCounterSpec spec) implements KubernetesObject {

		@Override
		public V1ObjectMeta getMetadata() {
			return this.metadata;
		}

		@Override
		public String getApiVersion() {
			return this.apiVersion;
		}

		@Override
		public String getKind() {
			return this.kind;
		}

	}

	/** The record counter's spec. */
	public record RecordCounterSpec(String color) {

	}

}
