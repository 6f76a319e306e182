package io.github.informer.autoconfigure;

import io.github.informer.controller.Controllers;
import io.github.informer.controller.KubernetesReconciler;
import io.github.informer.controller.KubernetesReconcilerProcessor;
import io.github.informer.registry.Informers;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Controllers: finds {@link KubernetesReconciler @KubernetesReconciler} beans, runs each on a work queue fed by its
 * informers, and exposes them through the {@link Controllers} bean. Leader-only controllers follow the leadership
 * events when {@code kubernetes.informers.leader-election.enabled} is true.
 */
@AutoConfiguration(after = InformerHandlerAutoConfiguration.class)
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

}
