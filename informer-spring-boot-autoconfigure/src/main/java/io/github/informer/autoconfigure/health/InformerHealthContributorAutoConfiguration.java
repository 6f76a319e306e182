package io.github.informer.autoconfigure.health;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.informer.autoconfigure.InformerAutoConfiguration;
import io.github.informer.autoconfigure.InformerProperties;
import io.github.informer.health.InformerHealthIndicator;
import io.github.informer.registry.Informers;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code informers} health contributor: one {@link InformerHealthIndicator} per informer,
 * for the readiness group ({@code management.endpoint.health.group.readiness.include=readinessState,informers}).
 * Disable it with {@code management.health.informers.enabled=false}. The enablement condition sits on the bean method
 * so that it is only read once the class condition has found Spring Boot's health support.
 */
@AutoConfiguration(after = InformerAutoConfiguration.class)
@ConditionalOnClass({ InformerHealthIndicator.class, HealthContributor.class,
		ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(Informers.class)
public final class InformerHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnEnabledHealthIndicator("informers")
	@ConditionalOnMissingBean(name = { "informersHealthIndicator", "informersHealthContributor" })
	HealthContributor informersHealthContributor(Informers informers, InformerProperties properties) {
		Duration threshold = properties.getHealth().getListFailureThreshold();
		Map<String, InformerHealthIndicator> indicators = new LinkedHashMap<>();
		for (String name : informers.names()) {
			indicators.put(name, new InformerHealthIndicator(informers.get(name), threshold, Clock.systemUTC()));
		}
		return CompositeHealthContributor.fromMap(indicators);
	}

}
