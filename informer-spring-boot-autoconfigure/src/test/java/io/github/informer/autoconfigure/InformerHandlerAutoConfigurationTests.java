package io.github.informer.autoconfigure;

import io.github.informer.annotation.InformerHandler;
import io.github.informer.handler.InformerErrorHandler;
import io.github.informer.handler.InformerHandlerMethodProcessor;
import io.github.informer.handler.InformerHandlers;
import io.github.informer.handler.LoggingInformerErrorHandler;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which beans {@link InformerHandlerAutoConfiguration} contributes, and when.
 */
@ExtendWith(FakeKubernetesApiServerExtension.class)
class InformerHandlerAutoConfigurationTests {

	private static FakeKubernetesApiServer server;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(InformerAutoConfiguration.class,
				InformerHandlerAutoConfiguration.class))
		.withPropertyValues("kubernetes.informers.client.url=" + server.url(),
				"kubernetes.informers.resources.pods.api-version=v1", "kubernetes.informers.resources.pods.kind=Pod");

	@BeforeAll
	static void useServer(FakeKubernetesApiServer fake) {
		server = fake;
	}

	@Test
	void contributesTheHandlerMachinery() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(InformerHandlers.class)
				.hasSingleBean(InformerHandlerMethodProcessor.class)
				.getBean(InformerErrorHandler.class)
				.isInstanceOf(LoggingInformerErrorHandler.class);
			assertThat(context.getBean(InformerHandlers.class).handlers()).isEmpty();
		});
	}

	@Test
	void userErrorHandlerReplacesTheDefault() {
		InformerErrorHandler custom = (id, event, exception) -> {
		};
		this.runner.withBean(InformerErrorHandler.class, () -> custom)
			.run((context) -> assertThat(context).getBean(InformerErrorHandler.class).isSameAs(custom));
	}

	@Test
	void backsOffWhenTheStarterIsDisabled() {
		this.runner.withPropertyValues("kubernetes.informers.enabled=false")
			.withUserConfiguration(PodHandler.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(InformerHandlers.class)
				.doesNotHaveBean(InformerHandlerMethodProcessor.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class PodHandler {

		@InformerHandler
		void onPod(V1Pod pod) {
		}

	}

}
