package io.github.informer.sample;

import java.time.Duration;

import io.github.informer.autoconfigure.KubernetesConnectionDetails;
import io.github.informer.registry.Informers;
import io.github.informer.sample.cluster.EmbeddedClusterInitializer;
import io.github.informer.test.FakeKubernetesApiServer;
import io.kubernetes.client.informer.cache.Lister;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link TestSampleApplication}'s composition, started as {@code mvn spring-boot:test-run} starts it: the sample
 * against the development cluster seeded from {@code dev-cluster.yaml}, connected through its
 * {@link KubernetesConnectionDetails}, without the sample's own embedded cluster.
 */
class TestSampleApplicationTests {

	@Test
	@DisabledIfSystemProperty(named = "spring.aot.enabled", matches = "true",
			disabledReason = "a development-time composition (SpringApplication.from(...).with(...)) is not "
					+ "processed ahead of time, as with Spring Boot's Testcontainers at development time; runs in "
					+ "the normal build")
	void theSampleRunsAgainstTheDevelopmentClusterSeededFromYaml() {
		try (ConfigurableApplicationContext context = SpringApplication.from(SampleApplication::main)
			.with(DevelopmentCluster.class)
			.withAdditionalProfiles("dev-cluster")
			.run("--server.port=0", "--dev-cluster.kubeconfig=target/test-dev-cluster.kubeconfig")
			.getApplicationContext()) {
			FakeKubernetesApiServer cluster = context.getBean(FakeKubernetesApiServer.class);
			assertThat(context.containsBean(EmbeddedClusterInitializer.SERVER_BEAN_NAME)).isFalse();
			assertThat(context.getBean(ApiClient.class).getBasePath()).isEqualTo(cluster.url());
			assertThat(context.getBean(Informers.class).waitForSync(Duration.ofSeconds(60))).isTrue();
			Lister<V1Pod> pods = context.<Lister<V1Pod>>getBeanProvider(
					ResolvableType.forClassWithGenerics(Lister.class, V1Pod.class))
				.getObject();
			assertThat(pods.namespace("dev").list()).extracting((pod) -> pod.getMetadata().getName())
				.containsExactlyInAnyOrder("web-0", "web-1");
			// the cluster is live: a change made while the application runs reaches its caches
			cluster.create(new V1Pod().metadata(new V1ObjectMeta().namespace("dev").name("web-2"))
				.spec(new V1PodSpec().nodeName("dev-node-1")));
			await().atMost(Duration.ofSeconds(60))
				.untilAsserted(() -> assertThat(pods.namespace("dev").get("web-2")).isNotNull());
		}
	}

}
