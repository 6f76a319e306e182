package io.github.informer.test;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JUnit 5 extension injects one started server per test class, in constructors and methods, and clears a test's
 * faults (and restarts a stopped server) before the next test while objects stay.
 */
@ExtendWith(FakeKubernetesApiServerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FakeKubernetesApiServerExtensionTests {

	private final FakeKubernetesApiServer fromConstructor;

	FakeKubernetesApiServerExtensionTests(FakeKubernetesApiServer server) {
		this.fromConstructor = server;
	}

	@Test
	@Order(1)
	void injectsTheSameStartedServerIntoConstructorAndMethod(FakeKubernetesApiServer server) throws ApiException {
		assertThat(server).isSameAs(this.fromConstructor);
		assertThat(server.isRunning()).isTrue();
		assertThat(new CoreV1Api(server.apiClient()).listNamespace().execute().getItems())
			.extracting((namespace) -> namespace.getMetadata().getName())
			.containsExactly("default", "kube-node-lease", "kube-public", "kube-system");
	}

	@Test
	@Order(2)
	void aTestMayBreakTheServer(FakeKubernetesApiServer server) {
		server.create(new V1ConfigMap().metadata(new V1ObjectMeta().namespace("default").name("kept")));
		server.forbid("configmaps", null);
		server.failNext(5, 500);
		server.stop();
		assertThat(server.isRunning()).isFalse();
	}

	@Test
	@Order(3)
	void theNextTestGetsItBackWithoutFaultsButWithItsObjects(FakeKubernetesApiServer server) throws ApiException {
		assertThat(server).isSameAs(this.fromConstructor);
		assertThat(server.isRunning()).isTrue();
		assertThat(new CoreV1Api(server.apiClient()).listNamespacedConfigMap("default").execute().getItems())
			.extracting((configMap) -> configMap.getMetadata().getName())
			.containsExactly("kept");
	}

}
