package io.github.informer.autoconfigure;

import java.lang.reflect.Method;
import io.github.informer.annotation.InformerHandler;
import io.github.informer.fixtures.InvalidHandlers.BadCondition;
import io.github.informer.fixtures.InvalidHandlers.BadResync;
import io.github.informer.fixtures.InvalidHandlers.DuplicateIds;
import io.github.informer.fixtures.InvalidHandlers.NotAnObject;
import io.github.informer.fixtures.InvalidHandlers.OldAndNewForEverything;
import io.github.informer.fixtures.InvalidHandlers.ReturnsValue;
import io.github.informer.fixtures.InvalidHandlers.TypeMismatch;
import io.github.informer.fixtures.InvalidHandlers.UnknownInformer;
import io.github.informer.fixtures.InvalidHandlers.UntypedCustomResource;
import io.github.informer.handler.InformerHandlerDefinitionException;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ReflectionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every {@code @InformerHandler} mistake fails startup with a message naming the method and the fix.
 */
@ExtendWith(OutputCaptureExtension.class)
@ExtendWith(FakeKubernetesApiServerExtension.class)
class InformerHandlerStartupFailureTests {

	private static FakeKubernetesApiServer server;

	private ApplicationContextRunner runner;

	@BeforeAll
	static void useServer(FakeKubernetesApiServer fake) {
		server = fake;
	}

	InformerHandlerStartupFailureTests() {
		this.runner = new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(InformerAutoConfiguration.class, InformerHandlerAutoConfiguration.class))
			.withPropertyValues("kubernetes.informers.client.url=" + server.url(),
					"kubernetes.informers.resources.pods.api-version=v1",
					"kubernetes.informers.resources.pods.kind=Pod");
	}

	@Test
	void wrongSignatureFails() {
		assertFailure(NotAnObject.class, "handle",
				"takes java.lang.String as its parameter, which is not a Kubernetes object type",
				"Declare one of: (T object); (T oldObject, T newObject) with events = UPDATED");
	}

	@Test
	void returnValueFails() {
		assertFailure(ReturnsValue.class, "handle", "returns java.lang.String; handler return values would be "
				+ "silently ignored.",
				"Declare the method void.");
	}

	@Test
	void unknownInformerFails() {
		assertFailure(UnknownInformer.class, "handle", "names informer 'podz', which does not exist; known informers: "
				+ "[pods]",
				"Set informer to one of the known names, configure kubernetes.informers.resources.podz");
	}

	@Test
	void typeMismatchFails() {
		assertFailure(TypeMismatch.class, "handle",
				"takes io.kubernetes.client.openapi.models.V1ConfigMap but informer 'pods' holds "
						+ "io.kubernetes.client.openapi.models.V1Pod",
				"Change the parameter type to V1Pod");
	}

	@Test
	void typeNoInformerCanBeInferredForFails() {
		assertFailure(UntypedCustomResource.class, "handle",
				"takes io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject, and no informer holds that "
						+ "type.",
				"Configure kubernetes.informers.resources.<name> (api-version and kind) for it, or set "
						+ "@InformerHandler(informer = \"...\") to one of [pods].");
	}

	@Test
	void ambiguousTypeFailsNamingTheCandidates() {
		this.runner = this.runner.withPropertyValues("kubernetes.informers.resources.system-pods.api-version=v1",
				"kubernetes.informers.resources.system-pods.kind=Pod",
				"kubernetes.informers.resources.system-pods.namespaces=kube-system");
		assertFailure(ByType.class, "handle",
				"takes io.kubernetes.client.openapi.models.V1Pod, which several informers hold: [pods, system-pods]",
				"Choose one with @InformerHandler(informer = \"pods\")");
	}

	@Test
	void unparsableConditionFails() {
		assertFailure(BadCondition.class, "handle", "has a condition that is not valid SpEL: \"#pod.metadata.name ==\"",
				"parameters are available by name");
	}

	@Test
	void badResyncDurationFails() {
		assertFailure(BadResync.class, "handle", "has resync = \"every minute\", which is not a duration.",
				"Use a duration such as 30s, 10m or PT1H");
	}

	@Test
	void badResyncPropertyFails() {
		this.runner = this.runner.withPropertyValues("kubernetes.informers.handlers.by-type.handle.resync=soon");
		assertFailure(ByType.class, "handle",
				"Property 'kubernetes.informers.handlers.by-type.handle.resync' of", "Use a duration such as 30s");
	}

	@Test
	void handlerPropertyForAnUnknownIdFails() {
		this.runner.withUserConfiguration(ByType.class)
			.withPropertyValues("kubernetes.informers.handlers.by-typo.handle.resync=5m",
					"kubernetes.informers.handlers.by-type.handle.resync=1m",
					"kubernetes.informers.handlers[byType.handle].resync=1m")
			.run((context) -> {
				InformerHandlerDefinitionException failure = failure(context.getStartupFailure());
				assertThat(failure.getProblems()).singleElement().satisfies((problem) -> {
					assertThat(problem.description()).isEqualTo(
							"Property 'kubernetes.informers.handlers.by-typo.handle.resync' configures handler "
									+ "'by-typo.handle', but no @InformerHandler has that id; "
									+ "known ids: [byType.handle].");
					assertThat(problem.action()).startsWith("Use one of the known ids");
				});
			});
	}

	@Test
	void oldAndNewForEveryEventFails() {
		assertFailure(OldAndNewForEverything.class, "handle",
				"only fits UPDATED events, but asks for [ADDED, UPDATED, DELETED]",
				"Set @InformerHandler(events = UPDATED)");
	}

	@Test
	void duplicateIdsFail() {
		this.runner.withUserConfiguration(DuplicateIds.class).run((context) -> {
			InformerHandlerDefinitionException failure = failure(context.getStartupFailure());
			assertThat(failure.getMessage()).contains("Handler id 'same' is used by")
				.contains(method(DuplicateIds.class, "first").toGenericString())
				.contains(method(DuplicateIds.class, "second").toGenericString())
				.contains("Give each an explicit, unique @InformerHandler(id = \"...\")");
		});
	}

	@Test
	void everyInvalidMethodIsReportedAtOnce() {
		this.runner.withUserConfiguration(NotAnObject.class, ReturnsValue.class, UnknownInformer.class)
			.run((context) -> {
				InformerHandlerDefinitionException failure = failure(context.getStartupFailure());
				assertThat(failure.getProblems()).hasSize(3);
				FailureAnalysis analysis = new InformerHandlerDefinitionFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).startsWith("3 invalid @InformerHandler declarations:\n1. ");
				assertThat(analysis.getAction()).startsWith("Fix each:\n1. ");
			});
	}

	@Test
	void applicationStartupReportNamesTheMethodAndTheFix(CapturedOutput output) {
		SpringApplication application = new SpringApplication(FailingApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run("--kubernetes.informers.client.url=" + server.url(),
				"--kubernetes.informers.resources.pods.api-version=v1",
				"--kubernetes.informers.resources.pods.kind=Pod"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Description:")
			.contains(method(FailingApplication.class, "handle").toGenericString())
			.contains("Action:")
			.contains("Declare the method void.");
	}

	private void assertFailure(Class<?> configuration, String methodName, String description, String action) {
		Method method = method(configuration, methodName);
		this.runner.withUserConfiguration(configuration).run((context) -> {
			Throwable startupFailure = context.getStartupFailure();
			InformerHandlerDefinitionException failure = failure(startupFailure);
			assertThat(failure.getMessage()).contains("@InformerHandler method '" + method.toGenericString() + "'")
				.contains(description)
				.contains(action);
			FailureAnalysis analysis = new InformerHandlerDefinitionFailureAnalyzer().analyze(startupFailure);
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains(method.toGenericString()).contains(description);
			assertThat(analysis.getAction()).contains(action);
		});
	}

	private static InformerHandlerDefinitionException failure(Throwable startupFailure) {
		assertThat(startupFailure).isNotNull();
		Throwable cause = startupFailure;
		while (cause != null && !(cause instanceof InformerHandlerDefinitionException)) {
			cause = cause.getCause();
		}
		assertThat(cause).as("cause of %s", startupFailure).isInstanceOf(InformerHandlerDefinitionException.class);
		return (InformerHandlerDefinitionException) cause;
	}

	private static Method method(Class<?> type, String name) {
		for (Method method : ReflectionUtils.getDeclaredMethods(type)) {
			if (method.getName().equals(name)) {
				return method;
			}
		}
		throw new IllegalArgumentException(name);
	}

	@Configuration("byType")
	static class ByType {

		@InformerHandler
		void handle(V1Pod pod) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ InformerAutoConfiguration.class, InformerHandlerAutoConfiguration.class })
	static class FailingApplication {

		@InformerHandler
		String handle(V1Pod pod) {
			return "ignored";
		}

	}

}
