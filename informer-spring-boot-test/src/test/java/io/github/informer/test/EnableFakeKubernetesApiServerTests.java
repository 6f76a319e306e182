package io.github.informer.test;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.ClientBuilder;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code @EnableFakeKubernetesApiServer} on a {@code @SpringBootTest}: a started server bean and the URL property. */
@SpringBootTest
@EnableFakeKubernetesApiServer
class EnableFakeKubernetesApiServerTests {

	@Autowired
	private FakeKubernetesApiServer server;

	@Value("${kubernetes.informers.client.url}")
	private String url;

	@Test
	void theServerIsABeanAndThePropertyPointsAtIt() throws ApiException {
		assertThat(this.server.isRunning()).isTrue();
		assertThat(this.url).isEqualTo(this.server.url());
		this.server.create(new V1Namespace().metadata(new V1ObjectMeta().name("spring")));
		CoreV1Api api = new CoreV1Api(new ClientBuilder().setBasePath(this.url).build());
		assertThat(api.readNamespace("spring").execute().getStatus().getPhase()).isEqualTo("Active");
	}

	@SpringBootConfiguration
	static class Config {

	}

}
