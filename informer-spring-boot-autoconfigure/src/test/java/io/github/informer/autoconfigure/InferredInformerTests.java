package io.github.informer.autoconfigure;

import io.github.informer.annotation.InformerHandler;
import io.github.informer.registry.Informers;
import io.github.informer.registry.ManagedInformer;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Informers created for {@link InformerHandler} parameter types nobody configured.
 */
class InferredInformerTests extends FakeServerContextSupport {

	@BeforeEach
	void prepare() {
		this.server.create(InformerAutoConfigurationTests.pod("web", "frontend"));
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
