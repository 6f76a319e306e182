package io.github.informer.autoconfigure;

import io.github.informer.controller.ControllerMetrics;
import io.github.informer.controller.Controllers;
import io.github.informer.controller.KubernetesReconciler;
import io.github.informer.controller.KubernetesReconcilerProcessor;
import io.github.informer.registry.Informers;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.core.env.Environment;

/**
 * Controllers: finds {@link KubernetesReconciler @KubernetesReconciler} beans, runs each on a work queue fed by its
 * informers, and exposes them through the {@link Controllers} bean. Leader-only controllers follow the leadership
 * events when {@code kubernetes.informers.leader-election.enabled} is true.
 */
@AutoConfiguration(after = InformerHandlerAutoConfiguration.class,
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnBean(Informers.class)
public final class InformerControllerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	KubernetesReconcilerProcessor kubernetesReconcilerProcessor(InformerProperties properties,
			Environment environment) {
		boolean leaderElection = environment.getProperty("kubernetes.informers.leader-election.enabled",
				Boolean.class, false);
		return new KubernetesReconcilerProcessor(properties, leaderElection);
	}

	@Bean
	@ConditionalOnMissingBean
	Controllers controllers(KubernetesReconcilerProcessor processor) {
		return processor.controllers();
	}

	/**
	 * Controller meters, when Micrometer is present and a registry exists.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	static class ControllerMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ControllerMetrics controllerMetrics(Controllers controllers) {
			return new ControllerMetrics(controllers);
		}

		/**
		 * Binds the controllers' meters once every controller is registered, in case Spring Boot bound the
		 * registry first.
		 */
		@Bean
		static ApplicationListener<ContextRefreshedEvent> controllerMeterBinding(
				ObjectProvider<ControllerMetrics> metrics) {
			return (event) -> metrics.ifAvailable(ControllerMetrics::bindControllers);
		}

	}

}
