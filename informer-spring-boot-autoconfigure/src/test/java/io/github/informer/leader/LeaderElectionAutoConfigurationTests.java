package io.github.informer.leader;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.informer.annotation.InformerHandler;
import io.github.informer.autoconfigure.InformerAutoConfiguration;
import io.github.informer.autoconfigure.InformerHandlerAutoConfiguration;
import io.github.informer.autoconfigure.LeaderElectionAutoConfiguration;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * The leader election auto-configuration: off by default (leader-only handlers then always run), on with the
 * property, and bad settings fail startup with Spring Boot's failure report naming the properties.
 */
@ExtendWith(OutputCaptureExtension.class)
class LeaderElectionAutoConfigurationTests {

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	private FakeKubernetesApiServer server;

	private ApplicationContextRunner runner;

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		this.server = server;
		this.server.create(new V1ConfigMap().apiVersion("v1")
			.kind("ConfigMap")
			.metadata(new V1ObjectMeta().namespace("default").name("settings")));
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(InformerAutoConfiguration.class,
					InformerHandlerAutoConfiguration.class, LeaderElectionAutoConfiguration.class))
			.withBean(LeaderOnly.class)
			.withPropertyValues("kubernetes.informers.client.url=" + this.server.url());
	}

	@Test
	void offByDefaultAndLeaderOnlyHandlersThenAlwaysRun() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(LeaderElection.class);
			LeaderOnly handler = context.getBean(LeaderOnly.class);
			await().until(() -> handler.received.contains("settings"));
		});
	}

	@Test
	void onWithThePropertyTheLeaderElectorLeadsAndLeaderOnlyHandlersRun() {
		this.runner
			.withPropertyValues("kubernetes.informers.leader-election.enabled=true",
					"spring.application.name=settings-controller")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(LeaderElector.class);
				LeaderElection election = context.getBean(LeaderElection.class);
				assertThat(election.leaseName()).isEqualTo("settings-controller");
				await().until(election::isLeader);
				await().until(() -> context.getBean(LeaderOnly.class).received.contains("settings"));
			});
	}

	@Test
	void badDurationsFailStartupWithAReportNamingThePropertiesAndTheFix(CapturedOutput output) {
		SpringApplication application = new SpringApplication(Base.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application
			.run("--kubernetes.informers.client.url=" + this.server.url(), "--spring.main.banner-mode=off",
					"--kubernetes.informers.leader-election.enabled=true", "--spring.application.name=app",
					"--kubernetes.informers.leader-election.lease-duration=5s",
					"--kubernetes.informers.leader-election.renew-deadline=8s")
			.close());
		String report = output.getAll();
		assertThat(report).contains("APPLICATION FAILED TO START")
			.contains("kubernetes.informers.leader-election.lease-duration (PT5S) must be greater than "
					+ "kubernetes.informers.leader-election.renew-deadline (PT8S)")
			.contains("Raise lease-duration or lower renew-deadline");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ InformerAutoConfiguration.class, InformerHandlerAutoConfiguration.class,
			LeaderElectionAutoConfiguration.class })
	static class Base {

	}

	static class LeaderOnly {

		final List<String> received = new CopyOnWriteArrayList<>();

		@InformerHandler(leaderOnly = true)
		void onConfigMap(V1ConfigMap configMap) {
			this.received.add(configMap.getMetadata().getName());
		}

	}

}
