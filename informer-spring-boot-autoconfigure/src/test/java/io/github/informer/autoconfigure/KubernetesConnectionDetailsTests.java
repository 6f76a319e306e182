package io.github.informer.autoconfigure;

import java.time.Duration;

import io.github.informer.registry.Informers;
import io.github.informer.test.FakeKubernetesApiServer;
import io.kubernetes.client.informer.cache.Lister;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ApiClient} connects where the {@link KubernetesConnectionDetails} say: the properties by default, a
 * user's bean (such as one pointing at a {@link FakeKubernetesApiServer} bean) instead of them.
 */
class KubernetesConnectionDetailsTests extends FakeServerContextSupport {

	@Test
	void connectionDetailsComeFromThePropertiesByDefault() {
		this.runner.withPropertyValues("kubernetes.informers.client.context=ignored-with-a-url").run((context) -> {
			KubernetesConnectionDetails details = context.getBean(KubernetesConnectionDetails.class);
			assertThat(details).isInstanceOf(PropertiesKubernetesConnectionDetails.class);
			assertThat(details.getUrl()).isEqualTo(this.server.url());
			assertThat(details.getContext()).isEqualTo("ignored-with-a-url");
			assertThat(context.getBean(ApiClient.class).getBasePath()).isEqualTo(this.server.url());
		});
	}

	@Test
	void aConnectionDetailsBeanReplacesTheProperties() {
		this.server.create(new V1Pod().metadata(new V1ObjectMeta().namespace("web").name("frontend")));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(InformerAutoConfiguration.class))
			.withBean(FakeKubernetesApiServer.class, () -> this.server)
			.withUserConfiguration(DevelopmentCluster.class)
			// a property pointing nowhere: the bean wins
			.withPropertyValues("kubernetes.informers.client.url=http://127.0.0.1:1",
					"kubernetes.informers.resources.pods.api-version=v1",
					"kubernetes.informers.resources.pods.kind=Pod")
			.run((context) -> {
				assertThat(context).hasSingleBean(KubernetesConnectionDetails.class)
					.doesNotHaveBean(PropertiesKubernetesConnectionDetails.class);
				FakeKubernetesApiServer cluster = context.getBean(FakeKubernetesApiServer.class);
				assertThat(context.getBean(ApiClient.class).getBasePath()).isEqualTo(cluster.url());
				assertThat(context.getBean(Informers.class).waitForSync(Duration.ofSeconds(60))).isTrue();
				Lister<V1Pod> pods = context.<Lister<V1Pod>>getBeanProvider(
						ResolvableType.forClassWithGenerics(Lister.class, V1Pod.class))
					.getObject();
				assertThat(pods.namespace("web").get("frontend")).isNotNull();
			});
	}

	/** A development-time cluster's connection details, pointing at the API server bean. */
	@Configuration(proxyBeanMethods = false)
	static class DevelopmentCluster {

		@Bean
		KubernetesConnectionDetails kubernetesConnectionDetails(FakeKubernetesApiServer server) {
			return server::url;
		}

	}

}
