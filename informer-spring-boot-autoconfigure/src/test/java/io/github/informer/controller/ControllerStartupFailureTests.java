package io.github.informer.controller;

import io.github.informer.autoconfigure.InformerAutoConfiguration;
import io.github.informer.autoconfigure.InformerConfigurationException;
import io.github.informer.autoconfigure.InformerControllerAutoConfiguration;
import io.github.informer.autoconfigure.InformerHandlerAutoConfiguration;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Every controller mistake fails startup naming the reconciler or property, what is wrong and the fix: an unknown
 * primary or owned informer, a generic type that does not match the informer (or none, or several candidates), an
 * annotated class that is no reconciler, duplicate names, out-of-range or unparsable properties, properties of a
 * controller that does not exist.
 */
@ExtendWith(OutputCaptureExtension.class)
class ControllerStartupFailureTests extends ControllerContextSupport {

	@Test
	void unknownPrimaryInformer() {
		this.runner.withBean(UnknownInformer.class).run(fails("@KubernetesReconciler 'unknown' on",
				"names informer 'secrets', which does not exist; known informers: [configmaps, pods]",
				"configure kubernetes.informers.resources.secrets"));
	}

	@Test
	void unknownOwnedInformer() {
		this.runner.withBean(UnknownOwned.class)
			.run(fails("owns informer 'deployments', which does not exist", "Set owns to known informer names"));
	}

	@Test
	void genericTypeThatDoesNotMatchTheInformer() {
		this.runner.withBean(WrongType.class)
			.run(fails("implements Reconciler<" + V1Pod.class.getName() + "> but informer 'configmaps' holds "
					+ V1ConfigMap.class.getName(), "Implement Reconciler<V1ConfigMap>"));
	}

	@Test
	void rawReconcilerWithoutAnInformer() {
		this.runner.withBean(Raw.class)
			.run(fails("does not say which objects it reconciles", "Implement Reconciler<T> with a concrete T"));
	}

	@Test
	void annotatedClassThatIsNoReconciler() {
		this.runner.withBean(NotAReconciler.class).run(fails("does not implement " + Reconciler.class.getName()));
	}

	@Test
	void aBuiltInTypeGetsAnInformerButSeveralCandidatesAreAmbiguous() {
		this.runner.withBean(SecretsByType.class)
			.withPropertyValues("kubernetes.informers.resources.more-pods.api-version=v1",
					"kubernetes.informers.resources.more-pods.kind=Pod")
			.run((context) -> assertThat(context).hasNotFailed());
		this.runner.withBean(PodsByType.class)
			.withPropertyValues("kubernetes.informers.resources.more-pods.api-version=v1",
					"kubernetes.informers.resources.more-pods.kind=Pod")
			.run(fails("reconciles " + V1Pod.class.getName() + ", which several informers hold: [more-pods, pods]",
					"@KubernetesReconciler(informer = \"more-pods\")"));
	}

	@Test
	void duplicateControllerNames() {
		this.runner.withUserConfiguration(Duplicates.class)
			.run(fails("has the same controller name as @KubernetesReconciler 'same'", "unique"));
	}

	@Test
	void negativeDuration() {
		this.runner.withBean(Valid.class)
			.withPropertyValues("kubernetes.informers.controllers.valid.base-delay=-5ms")
			.run(fails("kubernetes.informers.controllers.valid.base-delay", "is negative"));
	}

	@Test
	void maxDelayShorterThanBaseDelay() {
		this.runner.withBean(Valid.class)
			.withPropertyValues("kubernetes.informers.controllers.valid.base-delay=10s",
					"kubernetes.informers.controllers.valid.max-delay=1s")
			.run(fails("kubernetes.informers.controllers.valid.max-delay", "shorter than base-delay"));
	}

	@Test
	void qpsThatIsNotPositive() {
		this.runner.withBean(Valid.class)
			.withPropertyValues("kubernetes.informers.controllers.valid.qps=0")
			.run(fails("kubernetes.informers.controllers.valid.qps", "positive rate"));
	}

	@Test
	void burstBelowOne() {
		this.runner.withBean(Valid.class)
			.withPropertyValues("kubernetes.informers.controllers.valid.burst=0")
			.run(fails("kubernetes.informers.controllers.valid.burst", "at least one token"));
	}

	@Test
	void workersBelowOneFromPropertyOrAnnotation() {
		this.runner.withBean(Valid.class)
			.withPropertyValues("kubernetes.informers.controllers.valid.workers=0")
			.run(fails("kubernetes.informers.controllers.valid.workers", "at least one worker"));
		this.runner.withBean(NegativeWorkers.class).run(fails("@KubernetesReconciler(workers)", "at least one worker"));
	}

	@Test
	void negativeMaxRetries() {
		this.runner.withBean(Valid.class)
			.withPropertyValues("kubernetes.informers.controllers.valid.max-retries=-1")
			.run(fails("kubernetes.informers.controllers.valid.max-retries", "must not be negative"));
	}

	@Test
	void propertiesOfAControllerThatDoesNotExist() {
		this.runner.withBean(Valid.class)
			.withPropertyValues("kubernetes.informers.controllers.vaild.workers=2")
			.run(fails("kubernetes.informers.controllers.vaild", "configures no controller; the controllers are [valid]"));
	}

	@Test
	void unparsableDurationNamesThePropertyAndAValidValue() {
		this.runner.withBean(Valid.class)
			.withPropertyValues("kubernetes.informers.controllers.valid.resync=often")
			.run(fails("kubernetes.informers.controllers.valid.resync", "a duration such as 30s"));
	}

	@Test
	void propertiesMatchABeanNamedControllerInKebabCase() {
		this.runner.withBean("websiteReconciler", Unnamed.class)
			.withPropertyValues("kubernetes.informers.controllers.website-reconciler.workers=3")
			.run((context) -> assertThat(context.getBean(Controllers.class).status("websiteReconciler").workers())
				.isEqualTo(3));
	}

	@Test
	void springApplicationReportsTheMistakeAndTheFix(CapturedOutput output) {
		SpringApplication application = new SpringApplication(FailingApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application
			.run("--kubernetes.informers.client.url=" + this.server.url(), "--spring.main.banner-mode=off",
					"--kubernetes.informers.resources.configmaps.api-version=v1",
					"--kubernetes.informers.resources.configmaps.kind=ConfigMap")
			.close());
		String report = output.getAll();
		assertThat(report).contains("APPLICATION FAILED TO START");
		String description = report.substring(report.indexOf("Description:"), report.indexOf("Action:"));
		assertThat(description).contains("Invalid Kubernetes informer configuration: @KubernetesReconciler 'unknown' on "
				+ UnknownInformer.class.getName() + " (bean 'unknownInformer') names informer 'secrets', which does "
				+ "not exist; known informers: [configmaps]");
		assertThat(report.substring(report.indexOf("Action:")))
			.contains("configure kubernetes.informers.resources.secrets");
	}

	private static ContextConsumer<AssertableApplicationContext> fails(String... fragments) {
		return (context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			while (!(failure instanceof InformerConfigurationException) && failure.getCause() != null) {
				failure = failure.getCause();
			}
			assertThat(failure).isInstanceOf(InformerConfigurationException.class);
			assertThat(failure.getMessage()).contains(fragments);
		};
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ InformerAutoConfiguration.class, InformerHandlerAutoConfiguration.class,
			InformerControllerAutoConfiguration.class })
	static class FailingApplication {

		@Bean
		UnknownInformer unknownInformer() {
			return new UnknownInformer();
		}

	}

	@KubernetesReconciler(name = "unknown", informer = "secrets")
	static class UnknownInformer implements Reconciler<V1Secret> {

		@Override
		public ReconcileResult reconcile(ReconcileRequest request) {
			return ReconcileResult.done();
		}

	}

	@KubernetesReconciler(informer = "configmaps", owns = "deployments")
	static class UnknownOwned implements Reconciler<V1ConfigMap> {

		@Override
		public ReconcileResult reconcile(ReconcileRequest request) {
			return ReconcileResult.done();
		}

	}

	@KubernetesReconciler(informer = "configmaps")
	static class WrongType implements Reconciler<V1Pod> {

		@Override
		public ReconcileResult reconcile(ReconcileRequest request) {
			return ReconcileResult.done();
		}

	}

	@KubernetesReconciler
	@SuppressWarnings("rawtypes")
	static class Raw implements Reconciler {

		@Override
		public ReconcileResult reconcile(ReconcileRequest request) {
			return ReconcileResult.done();
		}

	}

	@KubernetesReconciler(informer = "configmaps")
	static class NotAReconciler {

	}

	@KubernetesReconciler
	static class SecretsByType implements Reconciler<V1Secret> {

		@Override
		public ReconcileResult reconcile(ReconcileRequest request) {
			return ReconcileResult.done();
		}

	}

	@KubernetesReconciler
	static class PodsByType implements Reconciler<V1Pod> {

		@Override
		public ReconcileResult reconcile(ReconcileRequest request) {
			return ReconcileResult.done();
		}

	}

	@KubernetesReconciler(name = "valid", informer = "configmaps")
	static class Valid implements Reconciler<V1ConfigMap> {

		@Override
		public ReconcileResult reconcile(ReconcileRequest request) {
			return ReconcileResult.done();
		}

	}

	@KubernetesReconciler(informer = "configmaps", workers = -2)
	static class NegativeWorkers implements Reconciler<V1ConfigMap> {

		@Override
		public ReconcileResult reconcile(ReconcileRequest request) {
			return ReconcileResult.done();
		}

	}

	@KubernetesReconciler(informer = "configmaps")
	static class Unnamed implements Reconciler<V1ConfigMap> {

		@Override
		public ReconcileResult reconcile(ReconcileRequest request) {
			return ReconcileResult.done();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Duplicates {

		@Bean
		SameName first() {
			return new SameName();
		}

		@Bean
		SameName second() {
			return new SameName();
		}

	}

	@KubernetesReconciler(name = "same", informer = "configmaps")
	static class SameName implements Reconciler<V1ConfigMap> {

		@Override
		public ReconcileResult reconcile(ReconcileRequest request) {
			return ReconcileResult.done();
		}

	}

}
