package io.github.informer.test;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** A registered extension instance builds its servers with the given builder. */
class ConfiguredFakeKubernetesApiServerExtensionTests {

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension(
			FakeKubernetesApiServer.builder().eventHistorySize(2).bookmarkInterval(Duration.ZERO));

	@Test
	void usesTheBuilder(FakeKubernetesApiServer server) {
		for (int i = 0; i < 3; i++) {
			server.create(new io.kubernetes.client.openapi.models.V1ConfigMap()
				.metadata(new io.kubernetes.client.openapi.models.V1ObjectMeta().name("cm-" + i)));
		}
		assertThat(server.isRunning()).isTrue();
		assertThat(server.requests()).isEmpty();
		String old = Long.toString(Long.parseLong(server.resourceVersion()) - 3);
		assertThat(new ListAt(server).status(old)).isEqualTo(410);
	}

	/** An exact list at an old resourceVersion: 410 once the two-event history no longer holds it. */
	private record ListAt(FakeKubernetesApiServer server) {

		int status(String resourceVersion) {
			try {
				new io.kubernetes.client.openapi.apis.CoreV1Api(this.server.apiClient()).listNamespacedConfigMap("default")
					.resourceVersion(resourceVersion)
					.resourceVersionMatch("Exact")
					.execute();
				return 200;
			}
			catch (io.kubernetes.client.openapi.ApiException ex) {
				return ex.getCode();
			}
		}

	}

}
