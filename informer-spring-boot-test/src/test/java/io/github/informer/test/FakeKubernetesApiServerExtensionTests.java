package io.github.informer.test;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** The JUnit 5 extension injects one started server per test class, in constructors and methods. */
@ExtendWith(FakeKubernetesApiServerExtension.class)
class FakeKubernetesApiServerExtensionTests {

	private final FakeKubernetesApiServer fromConstructor;

	FakeKubernetesApiServerExtensionTests(FakeKubernetesApiServer server) {
		this.fromConstructor = server;
	}

	@Test
	void injectsTheSameStartedServerIntoConstructorAndMethod(FakeKubernetesApiServer server) throws ApiException {
		assertThat(server).isSameAs(this.fromConstructor);
		assertThat(server.isRunning()).isTrue();
		assertThat(new CoreV1Api(server.apiClient()).listNamespace().execute().getItems())
			.extracting((namespace) -> namespace.getMetadata().getName())
			.containsExactly("default", "kube-node-lease", "kube-public", "kube-system");
	}

}
