package io.github.informer.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.informer.actuate.InformersEndpoint;
import io.github.informer.annotation.InformerHandler;
import io.github.informer.autoconfigure.actuate.InformersEndpointAutoConfiguration;
import io.github.informer.autoconfigure.health.InformerHealthContributorAutoConfiguration;
import io.github.informer.autoconfigure.metrics.InformerMetricsAutoConfiguration;
import io.github.informer.fixtures.Pods;
import io.github.informer.handler.HandlerInvocationListener;
import io.github.informer.metrics.InformerHandlerMetrics;
import io.github.informer.metrics.InformerMeterBinder;
import io.github.informer.registry.Informers;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * When the endpoint, health and metrics auto-configurations apply, and that informers and handlers work without
 * Actuator, health support or Micrometer on the classpath.
 */
class InformerObservabilityAutoConfigurationTests {

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	private FakeKubernetesApiServer server;

	private static final AutoConfigurations OURS = AutoConfigurations.of(InformerAutoConfiguration.class,
			InformerHandlerAutoConfiguration.class, InformersEndpointAutoConfiguration.class,
			InformerHealthContributorAutoConfiguration.class, InformerMetricsAutoConfiguration.class);

	private static final AutoConfigurations ACTUATOR = AutoConfigurations.of(EndpointAutoConfiguration.class,
			HealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class);

	private static final AutoConfigurations MICROMETER = AutoConfigurations.of(MetricsAutoConfiguration.class,
			CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class);

	private ApplicationContextRunner bare;

	private ApplicationContextRunner runner;

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		this.server = server;
		this.bare = new ApplicationContextRunner().withConfiguration(OURS)
			.withUserConfiguration(RecordingHandler.class)
			.withPropertyValues("kubernetes.informers.client.url=" + this.server.url(),
					"kubernetes.informers.resources.pods.api-version=v1",
					"kubernetes.informers.resources.pods.kind=Pod",
					"management.endpoints.web.exposure.include=informers");
		this.runner = this.bare.withConfiguration(ACTUATOR).withConfiguration(MICROMETER);
	}

	@Test
	void everyIntegrationIsConfiguredWhenItsClassesArePresent() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(InformersEndpoint.class)
				.hasSingleBean(InformerMeterBinder.class)
				.hasSingleBean(InformerHandlerMetrics.class)
				.hasBean("informersHealthContributor");
			HealthContributor contributor = context.getBean("informersHealthContributor", HealthContributor.class);
			assertThat(contributor).isInstanceOf(CompositeHealthContributor.class);
			assertThat(((CompositeHealthContributor) contributor).getContributor("pods")).isNotNull();
		});
	}

	@Test
	void withoutAnyInformerHealthAndTheReadinessGroupStillWork() {
		new ApplicationContextRunner().withConfiguration(OURS)
			.withConfiguration(ACTUATOR)
			.withConfiguration(AutoConfigurations.of(HealthEndpointAutoConfiguration.class))
			.withPropertyValues("kubernetes.informers.client.url=" + this.server.url(),
					"management.endpoint.health.group.readiness.include=informers")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasBean("informersHealthContributor");
				assertThat(context.getBean(Informers.class).names()).isEmpty();
				HealthEndpoint health = context.getBean(HealthEndpoint.class);
				assertThat(health.health().getStatus()).isEqualTo(Status.UP);
			});
	}

	@Test
	void theEndpointIsNotCreatedWhenNotExposed() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context).doesNotHaveBean(InformersEndpoint.class)
				.hasBean("informersHealthContributor"));
	}

	@Test
	void theHealthContributorCanBeDisabled() {
		this.runner.withPropertyValues("management.health.informers.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("informersHealthContributor")
				.hasSingleBean(InformersEndpoint.class));
	}

	@Test
	void nothingIsConfiguredWhenInformersAreDisabled() {
		this.runner.withPropertyValues("kubernetes.informers.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(Informers.class)
				.doesNotHaveBean(InformersEndpoint.class)
				.doesNotHaveBean("informersHealthContributor")
				.doesNotHaveBean(InformerMeterBinder.class));
	}

	@Test
	void userBeansReplaceOurs() {
		this.runner.withUserConfiguration(UserBeans.class).run((context) -> {
			assertThat(context.getBean(InformersEndpoint.class)).isSameAs(context.getBean("myEndpoint"));
			assertThat(context.getBean("informersHealthContributor")).isInstanceOf(CustomContributor.class);
			assertThat(context.getBean(InformerMeterBinder.class)).isSameAs(context.getBean("myBinder"));
		});
	}

	@Test
	void aNegativeFailureThresholdFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("kubernetes.informers.health.list-failure-threshold=-5s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(InformerConfigurationException.class)
				.hasMessageContaining("kubernetes.informers.health.list-failure-threshold")
				.hasMessageContaining("must not be negative");
		});
	}

	@Test
	void withoutActuatorAndHealthSupportInformersAndHandlersStillWork() {
		this.bare.withConfiguration(MICROMETER)
			.withClassLoader(
					new FilteredClassLoader("org.springframework.boot.actuate", "org.springframework.boot.health"))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(InformersEndpoint.class)
					.doesNotHaveBean("informersHealthContributor")
					.hasSingleBean(InformerMeterBinder.class);
				assertHandlerReceivesEvents(context.getBean(RecordingHandler.class));
			});
	}

	@Test
	void withoutMicrometerInformersHandlersEndpointAndHealthStillWork() {
		ApplicationContextRunner withoutMicrometer = this.bare.withConfiguration(ACTUATOR)
			.withClassLoader(new FilteredClassLoader("io.micrometer"));
		withoutMicrometer.run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(InformerMeterBinder.class)
				.doesNotHaveBean(HandlerInvocationListener.class)
				.hasSingleBean(InformersEndpoint.class)
				.hasBean("informersHealthContributor");
			assertHandlerReceivesEvents(context.getBean(RecordingHandler.class));
			assertThat(context.getBean(InformersEndpoint.class).informer("pods").synced()).isTrue();
		});
	}

	private void assertHandlerReceivesEvents(RecordingHandler handler) {
		this.server.create(Pods.pod("web", "seen", "web"));
		await().atMost(Duration.ofSeconds(10)).until(() -> handler.names.contains("seen"));
	}

	@Configuration(proxyBeanMethods = false)
	static class RecordingHandler {

		final List<String> names = new CopyOnWriteArrayList<>();

		@InformerHandler(informer = "pods")
		void onPod(V1Pod pod) {
			this.names.add(pod.getMetadata().getName());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserBeans {

		@Bean
		InformersEndpoint myEndpoint(Informers informers) {
			return new InformersEndpoint(informers, null);
		}

		@Bean
		CustomContributor informersHealthContributor() {
			return new CustomContributor();
		}

		@Bean
		InformerMeterBinder myBinder(Informers informers) {
			return new InformerMeterBinder(informers);
		}

	}

	static class CustomContributor implements org.springframework.boot.health.contributor.HealthIndicator {

		@Override
		public org.springframework.boot.health.contributor.Health health() {
			return org.springframework.boot.health.contributor.Health.up().build();
		}

	}

}
