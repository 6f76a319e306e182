package io.github.informer.autoconfigure.metrics;

import io.github.informer.autoconfigure.InformerHandlerAutoConfiguration;
import io.github.informer.autoconfigure.LeaderElectionAutoConfiguration;
import io.github.informer.leader.LeaderElection;
import io.github.informer.metrics.InformerHandlerMetrics;
import io.github.informer.metrics.InformerMeterBinder;
import io.github.informer.metrics.LeaderElectionMeterBinder;
import io.github.informer.registry.Informers;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of informer metrics when Micrometer is on the classpath and a {@link MeterRegistry} exists: an
 * {@link InformerMeterBinder} that Spring Boot binds to the registry, and an {@link InformerHandlerMetrics} that binds
 * each handler's meters as the handler registry attaches it and times every handler call.
 */
@AutoConfiguration(after = { InformerHandlerAutoConfiguration.class, LeaderElectionAutoConfiguration.class },
		afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
				"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, InformerMeterBinder.class })
@ConditionalOnBean({ Informers.class, MeterRegistry.class })
public final class InformerMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	InformerMeterBinder informerMeterBinder(Informers informers) {
		return new InformerMeterBinder(informers);
	}

	@Bean
	@ConditionalOnMissingBean
	InformerHandlerMetrics informerHandlerMetrics(MeterRegistry meterRegistry) {
		return new InformerHandlerMetrics(meterRegistry);
	}

	@Bean
	@ConditionalOnBean(LeaderElection.class)
	@ConditionalOnMissingBean
	LeaderElectionMeterBinder leaderElectionMeterBinder(LeaderElection leaderElection) {
		return new LeaderElectionMeterBinder(leaderElection);
	}

}
