package io.github.informer.autoconfigure;

import io.github.informer.handler.HandlerInvocationListener;
import io.github.informer.handler.HandlerRegistrationListener;
import io.github.informer.handler.InformerErrorHandler;
import io.github.informer.handler.InformerHandlerMethodProcessor;
import io.github.informer.handler.InformerHandlers;
import io.github.informer.handler.LoggingInformerErrorHandler;
import io.github.informer.leader.LeaderElection;
import io.github.informer.registry.Informers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@code @InformerHandler} support: finds handler methods, registers them with the {@link InformerHandlers}
 * registry, which attaches them to their informers before those start, and routes handler failures to an
 * {@link InformerErrorHandler}.
 */
@AutoConfiguration(after = InformerAutoConfiguration.class)
@ConditionalOnBean(Informers.class)
public final class InformerHandlerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	InformerErrorHandler informerErrorHandler() {
		return new LoggingInformerErrorHandler();
	}

	@Bean
	@ConditionalOnMissingBean
	InformerHandlers informerHandlers(Informers informers, InformerErrorHandler informerErrorHandler,
			ObjectProvider<HandlerInvocationListener> invocationListeners,
			ObjectProvider<HandlerRegistrationListener> registrationListeners,
			ObjectProvider<LeaderElection> leaderElection) {
		return new InformerHandlers(informers, informerErrorHandler, invocationListeners.orderedStream().toList(),
				registrationListeners.orderedStream().toList(), leaderElection.getIfAvailable());
	}

	@Bean
	static InformerHandlerMethodProcessor informerHandlerMethodProcessor() {
		return new InformerHandlerMethodProcessor();
	}

}
