package io.github.informer.sample;

import java.time.Duration;

import io.github.informer.sample.cluster.EmbeddedClusterInitializer;
import io.github.informer.test.EnableFakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServer;
import io.kubernetes.client.informer.cache.Lister;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample tested the way users test their applications: {@code @EnableFakeKubernetesApiServer} instead of the
 * sample's own embedded cluster. Also runs on an AOT-generated test context ({@code -Paot}), which shows the test
 * kit's annotation works there.
 */
@SpringBootTest(properties = "sample.embedded-cluster.mode=never")
@EnableFakeKubernetesApiServer
class TestKitServerTests {

	@Autowired
	FakeKubernetesApiServer server;

	@Autowired
	@Qualifier("pods")
	Lister<V1Pod> pods;

	@Autowired
	ApplicationContext context;

	@Test
	void podsCreatedOnTheTestKitServerReachTheSamplesCache() {
		assertThat(this.context.containsBean(EmbeddedClusterInitializer.SERVER_BEAN_NAME)).isFalse();
		this.server.create(new V1Pod().metadata(new V1ObjectMeta().namespace("team").name("api"))
			.spec(new V1PodSpec().nodeName("node-9")));
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.pods.namespace("team").get("api")).isNotNull());
	}

}
