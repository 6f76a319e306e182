package io.github.informer.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.github.informer.leader.LeaderElector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code kubernetes.informers.leader-election.*}: client-go's defaults (15s lease, 10s renew deadline, 2s retry
 * period) with the application name as lease name, the pod's namespace and a unique identity, explicit values
 * winning, and client-go's validation (lease-duration > renew-deadline > 1.2 x retry-period, a lease name that is an
 * object name), each mistake named by its property with the fix.
 */
class LeaderElectionSettingsFactoryTests {

	@TempDir
	Path directory;

	private final MockEnvironment environment = new MockEnvironment().withProperty("spring.application.name",
			"shop-controller");

	@Test
	void defaultsAreClientGosWithTheApplicationNameTheDefaultNamespaceAndAUniqueIdentity() {
		LeaderElector.Settings settings = factory(Map.of("HOSTNAME", "shop-7d9f")).create(properties());
		assertThat(settings.leaseName()).isEqualTo("shop-controller");
		assertThat(settings.leaseNamespace()).isEqualTo("default");
		assertThat(settings.identity()).startsWith("shop-7d9f_").hasSizeGreaterThan("shop-7d9f_".length() + 30);
		assertThat(factory(Map.of("HOSTNAME", "shop-7d9f")).create(properties()).identity())
			.isNotEqualTo(settings.identity());
		assertThat(settings.leaseDuration()).isEqualTo(Duration.ofSeconds(15));
		assertThat(settings.renewDeadline()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.retryPeriod()).isEqualTo(Duration.ofSeconds(2));
		assertThat(settings.releaseOnShutdown()).isTrue();
	}

	@Test
	void namespaceDefaultsToThePodsServiceAccountNamespace() throws IOException {
		Files.writeString(this.directory.resolve("namespace"), "shop\n");
		assertThat(factory(Map.of()).create(properties()).leaseNamespace()).isEqualTo("shop");
	}

	@Test
	void explicitValuesWin() {
		InformerProperties.LeaderElection properties = properties();
		properties.setLeaseName("orders");
		properties.setLeaseNamespace("ops");
		properties.setIdentity("replica-1");
		LeaderElector.Settings settings = factory(Map.of()).create(properties);
		assertThat(settings.leaseName()).isEqualTo("orders");
		assertThat(settings.leaseNamespace()).isEqualTo("ops");
		assertThat(settings.identity()).isEqualTo("replica-1");
	}

	@Test
	void withoutLeaseNameOrApplicationNameStartupFailsNamingTheProperty() {
		LeaderElectionSettingsFactory factory = new LeaderElectionSettingsFactory(new MockEnvironment(), Map.of(),
				this.directory.resolve("namespace"));
		assertThatExceptionOfType(InformerConfigurationException.class).isThrownBy(() -> factory.create(properties()))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("kubernetes.informers.leader-election.lease-name");
				assertThat(ex.getAction()).contains("Set kubernetes.informers.leader-election.lease-name (or "
						+ "spring.application.name)");
			});
	}

	@Test
	void anApplicationNameThatIsNoObjectNameFailsWithASuggestion() {
		LeaderElectionSettingsFactory factory = new LeaderElectionSettingsFactory(
				new MockEnvironment().withProperty("spring.application.name", "Shop Controller"), Map.of(),
				this.directory.resolve("namespace"));
		assertThatExceptionOfType(InformerConfigurationException.class).isThrownBy(() -> factory.create(properties()))
			.withMessageContaining("kubernetes.informers.leader-election.lease-name")
			.withMessageContaining("'shop-controller'");
	}

	@Test
	void leaseDurationMustExceedRenewDeadline() {
		InformerProperties.LeaderElection properties = properties();
		properties.setLeaseDuration(Duration.ofSeconds(10));
		assertThatExceptionOfType(InformerConfigurationException.class)
			.isThrownBy(() -> factory(Map.of()).create(properties))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("kubernetes.informers.leader-election.lease-duration");
				assertThat(ex.getProblem()).contains("must be greater than "
						+ "kubernetes.informers.leader-election.renew-deadline (PT10S)");
			});
	}

	@Test
	void renewDeadlineMustExceedOnePointTwoTimesRetryPeriod() {
		InformerProperties.LeaderElection properties = properties();
		properties.setRetryPeriod(Duration.ofMillis(8500));
		assertThatExceptionOfType(InformerConfigurationException.class)
			.isThrownBy(() -> factory(Map.of()).create(properties))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo("kubernetes.informers.leader-election.renew-deadline");
				assertThat(ex.getProblem()).contains("must be greater than 1.2 x "
						+ "kubernetes.informers.leader-election.retry-period (PT8.5S)");
			});
	}

	@Test
	void retryPeriodMustBePositiveAndLeaseDurationAtLeastASecond() {
		InformerProperties.LeaderElection zeroRetry = properties();
		zeroRetry.setRetryPeriod(Duration.ZERO);
		assertThatExceptionOfType(InformerConfigurationException.class)
			.isThrownBy(() -> factory(Map.of()).create(zeroRetry))
			.withMessageContaining("kubernetes.informers.leader-election.retry-period");
		InformerProperties.LeaderElection subSecond = properties();
		subSecond.setLeaseDuration(Duration.ofMillis(900));
		subSecond.setRenewDeadline(Duration.ofMillis(800));
		subSecond.setRetryPeriod(Duration.ofMillis(100));
		assertThatExceptionOfType(InformerConfigurationException.class)
			.isThrownBy(() -> factory(Map.of()).create(subSecond))
			.withMessageContaining("kubernetes.informers.leader-election.lease-duration")
			.withMessageContaining("whole seconds");
	}

	private LeaderElectionSettingsFactory factory(Map<String, String> systemEnvironment) {
		return new LeaderElectionSettingsFactory(this.environment, systemEnvironment,
				this.directory.resolve("namespace"));
	}

	private static InformerProperties.LeaderElection properties() {
		InformerProperties.LeaderElection properties = new InformerProperties().getLeaderElection();
		properties.setEnabled(true);
		return properties;
	}

}
