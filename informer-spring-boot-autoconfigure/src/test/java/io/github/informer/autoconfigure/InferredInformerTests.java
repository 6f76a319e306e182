package io.github.informer.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.informer.annotation.InformerHandler;
import io.github.informer.fixtures.Pods;
import io.github.informer.registry.Informers;
import io.github.informer.registry.ManagedInformer;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.cache.Lister;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1Secret;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Informers created for {@link InformerHandler} parameter types nobody configured.
 */
class InferredInformerTests extends FakeServerContextSupport {

	@BeforeEach
	void prepare() {
		this.server.create(Pods.pod("web", "frontend"));
	}

	@Test
	void handlerParameterTypesWithoutConfiguredInformerGetOneNamedAfterThePlural() {
		this.runner
			.withPropertyValues("kubernetes.informers.resources.settings.api-version=v1",
					"kubernetes.informers.resources.settings.kind=ConfigMap")
			.withUserConfiguration(Handlers.class, Injected.class)
			.run((context) -> {
				Informers informers = context.getBean(Informers.class);
				assertThat(informers.names()).containsExactly("settings", "deployments", "nodes", "pods");
				ManagedInformer<V1Pod> pods = informers.get("pods");
				assertThat(pods.inferred()).isTrue();
				assertThat(pods.apiVersion()).isEqualTo("v1");
				assertThat(pods.namespaces()).isEmpty();
				assertThat(informers.<V1Deployment>get("deployments").apiVersion()).isEqualTo("apps/v1");
				assertThat(informers.get("settings").inferred()).isFalse();
				assertThat(pods.hasSynced()).isTrue();
				Injected injected = context.getBean(Injected.class);
				assertThat(injected.pods.list()).hasSize(1);
				assertThat(injected.podsByName).isSameAs(pods.lister());
				assertThat(injected.deployments).isSameAs(informers.informer("deployments"));
			});
	}

	@Test
	void inferredInformersUseTheDefaultNamespacesExceptForClusterScopedKinds() {
		this.runner.withPropertyValues("kubernetes.informers.namespaces=web")
			.withUserConfiguration(Handlers.class)
			.run((context) -> {
				Informers informers = context.getBean(Informers.class);
				assertThat(informers.get("pods").namespaces()).containsExactly("web");
				assertThat(informers.get("nodes").namespaces()).isEmpty();
			});
	}

	@Test
	void handlerDeclaredInAGenericBaseClassInfersTheInformerOfTheBeansTypeArgument() {
		this.runner.withConfiguration(AutoConfigurations.of(InformerHandlerAutoConfiguration.class))
			.withUserConfiguration(GenericHandlers.class).run((context) -> {
			assertThat(context).hasNotFailed();
			Informers informers = context.getBean(Informers.class);
			assertThat(informers.names()).containsExactly("pods");
			assertThat(informers.get("pods").inferred()).isTrue();
			PodHandler handler = context.getBean(PodHandler.class);
			await()
				.atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(handler.received).containsExactly("web/frontend"));
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class GenericHandlers {

		@Bean
		PodHandler podHandler() {
			return new PodHandler();
		}

	}

	abstract static class Base<T extends KubernetesObject> {

		final List<String> received = new CopyOnWriteArrayList<>();

		@InformerHandler
		void on(T object) {
			this.received.add(object.getMetadata().getNamespace() + "/" + object.getMetadata().getName());
		}

	}

	static class PodHandler extends Base<V1Pod> {

	}

	@Configuration(proxyBeanMethods = false)
	static class Handlers {

		@Bean
		PodHandlers podHandlers() {
			return new PodHandlers();
		}

	}

	static class PodHandlers {

		@InformerHandler
		void onPod(V1Pod pod) {
		}

		@InformerHandler
		void onPodAgain(V1Pod oldPod, V1Pod newPod) {
		}

		@InformerHandler
		void onDeployment(V1Deployment deployment) {
		}

		@InformerHandler
		void onNode(V1Node node) {
		}

		@InformerHandler
		void onSettings(V1ConfigMap configMap) {
		}

		@InformerHandler(informer = "secrets")
		void onNamedInformer(V1Secret secret) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Injected {

		@Autowired
		Lister<V1Pod> pods;

		@Autowired
		@org.springframework.beans.factory.annotation.Qualifier("pods")
		Lister<V1Pod> podsByName;

		@Autowired
		SharedIndexInformer<V1Deployment> deployments;

	}

}
