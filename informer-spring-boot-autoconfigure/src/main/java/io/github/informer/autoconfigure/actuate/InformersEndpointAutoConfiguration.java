package io.github.informer.autoconfigure.actuate;

import io.github.informer.actuate.InformersEndpoint;
import io.github.informer.autoconfigure.InformerControllerAutoConfiguration;
import io.github.informer.autoconfigure.InformerHandlerAutoConfiguration;
import io.github.informer.autoconfigure.LeaderElectionAutoConfiguration;
import io.github.informer.controller.Controllers;
import io.github.informer.handler.InformerHandlers;
import io.github.informer.leader.LeaderElection;
import io.github.informer.registry.Informers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@link InformersEndpoint} ({@code /actuator/informers}), when Actuator is on the
 * classpath and the endpoint is available (enabled and exposed, for example with
 * {@code management.endpoints.web.exposure.include=informers}). The availability condition sits on the bean method so
 * that it is only read once the class condition has found Actuator.
 */
@AutoConfiguration(after = { InformerHandlerAutoConfiguration.class, LeaderElectionAutoConfiguration.class,
		InformerControllerAutoConfiguration.class })
@ConditionalOnClass({ InformersEndpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean(Informers.class)
public final class InformersEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	InformersEndpoint informersEndpoint(Informers informers, ObjectProvider<InformerHandlers> handlers,
			ObjectProvider<LeaderElection> leaderElection, ObjectProvider<Controllers> controllers) {
		return new InformersEndpoint(informers, handlers.getIfAvailable(), leaderElection.getIfAvailable(),
				controllers.getIfAvailable());
	}

}
