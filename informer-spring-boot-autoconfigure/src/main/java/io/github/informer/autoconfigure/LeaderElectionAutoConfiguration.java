package io.github.informer.autoconfigure;

import io.github.informer.handler.InformerHandlers;
import io.github.informer.leader.LeaderOnlyWriteGuard;
import io.github.informer.leader.LeaderElector;
import io.github.informer.leader.LeadershipGrantedEvent;
import io.github.informer.leader.LeadershipRevokedEvent;
import io.github.informer.registry.Informers;
import io.kubernetes.client.openapi.ApiClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Leader election ({@code kubernetes.informers.leader-election.enabled=true}): the {@link LeaderElector} on the
 * Lease, the gating of {@code @InformerHandler(leaderOnly = true)} methods by its events, and the guard that refuses
 * writes from leader-only threads of the auto-configured {@link ApiClient} while this replica does not lead.
 */
@AutoConfiguration(after = InformerHandlerAutoConfiguration.class)
@ConditionalOnBean(Informers.class)
@ConditionalOnBooleanProperty("kubernetes.informers.leader-election.enabled")
public final class LeaderElectionAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LeaderElector leaderElector(InformerProperties properties, Environment environment, ApiClient apiClient,
			ApplicationEventPublisher publisher, LeaderOnlyWriteGuard leaderOnlyWriteGuard) {
		LeaderElector.Settings settings = new LeaderElectionSettingsFactory(environment, System.getenv(),
				LeaderElectionSettingsFactory.SERVICE_ACCOUNT_NAMESPACE)
			.create(properties.getLeaderElection());
		return new LeaderElector(settings, apiClient, publisher, leaderOnlyWriteGuard);
	}

	@Bean
	LeaderOnlyWriteGuard leaderOnlyWriteGuard() {
		return new LeaderOnlyWriteGuard();
	}

	/**
	 * Installs the guard on the auto-configured ApiClient as a network interceptor.
	 */
	@Bean
	ApiClientCustomizer leaderOnlyWriteGuardCustomizer(LeaderOnlyWriteGuard leaderOnlyWriteGuard) {
		return (client) -> client.setHttpClient(
				client.getHttpClient().newBuilder().addNetworkInterceptor(leaderOnlyWriteGuard).build());
	}

	@Bean
	ApplicationListener<LeadershipGrantedEvent> leaderOnlyHandlersGrant(ObjectProvider<InformerHandlers> handlers) {
		return (event) -> handlers.ifAvailable(InformerHandlers::leadershipGranted);
	}

	@Bean
	ApplicationListener<LeadershipRevokedEvent> leaderOnlyHandlersRevoke(ObjectProvider<InformerHandlers> handlers,
			ObjectProvider<LeaderElector> leaderElector) {
		return (event) -> handlers
			.ifAvailable((registry) -> registry.leadershipRevoked(leaderElector.getObject().stopTimeLeft()));
	}

}
