package io.github.informer.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.informer.fixtures.Pods;
import io.github.informer.registry.InformerRegistry;
import io.github.informer.registry.Informers;
import io.github.informer.registry.ManagedInformer;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.informer.cache.Lister;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * {@link InformerAutoConfiguration} with a real API server in the JVM: beans, typed injection, several informers of
 * one type, user beans winning, and nothing when disabled.
 */
class InformerAutoConfigurationTests extends FakeServerContextSupport {

	@Test
	void twoNamespacesWithOneInformerEachOfTheSameTypeAllStartStopAndAppear() {
		this.server.create(Pods.pod("web", "frontend"));
		this.server.create(Pods.pod("batch", "worker"));
		this.server.create(Pods.pod("other", "ignored"));
		this.runner
			.withPropertyValues("kubernetes.informers.resources.web-pods.api-version=v1",
					"kubernetes.informers.resources.web-pods.kind=Pod",
					"kubernetes.informers.resources.web-pods.namespaces=web",
					"kubernetes.informers.resources.batch-pods.api-version=v1",
					"kubernetes.informers.resources.batch-pods.kind=Pod",
					"kubernetes.informers.resources.batch-pods.namespaces=batch")
			.withUserConfiguration(QualifiedListers.class)
			.run((context) -> {
				Informers informers = context.getBean(Informers.class);
				assertThat(informers.names()).containsExactly("web-pods", "batch-pods");
				assertThat(informers.ofType(V1Pod.class)).extracting(ManagedInformer::name)
					.containsExactly("web-pods", "batch-pods");
				assertThat(informers.waitForSync(Duration.ofSeconds(10))).isTrue();
				QualifiedListers listers = context.getBean(QualifiedListers.class);
				assertThat(names(listers.web)).containsExactly("frontend");
				assertThat(names(listers.batch)).containsExactly("worker");
				assertThat(listers.webInformer.hasSynced()).isTrue();
				assertThat(context.getBeansOfType(Lister.class)).containsOnlyKeys("web-podsLister", "batch-podsLister");
				assertThat(context.getBeansOfType(SharedIndexInformer.class)).containsOnlyKeys("web-podsInformer",
						"batch-podsInformer");
				assertThat(context.getBean(InformerRegistry.class).isRunning()).isTrue();
				assertThat(context.getBean(SharedInformerFactory.class).getExistingSharedIndexInformer(V1Pod.class))
					.as("ambiguous").isNull();
				assertThatIllegalArgumentException().isThrownBy(() -> informers.get(V1Pod.class))
					.withMessageContaining("[web-pods, batch-pods]");
				assertThatIllegalArgumentException().isThrownBy(() -> informers.get("pods"))
					.withMessageContaining("No informer named 'pods'")
					.withMessageContaining("[web-pods, batch-pods]");
				assertThatExceptionOfType(NoUniqueBeanDefinitionException.class)
					.isThrownBy(() -> context
						.getBeanProvider(ResolvableType.forClassWithGenerics(Lister.class, V1Pod.class))
						.getObject());
				this.server.create(Pods.pod("batch", "second-worker"));
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(names(listers.batch)).contains("second-worker"));
			});
	}

	@Test
	void listerIsInjectedByGenericTypeWhenOneInformerHasIt() {
		this.server.create(Pods.pod("web", "frontend"));
		this.server.create(new V1ConfigMap().apiVersion("v1")
			.kind("ConfigMap")
			.metadata(new V1ObjectMeta().namespace("web").name("settings")));
		this.runner
			.withPropertyValues("kubernetes.informers.resources.pods.api-version=v1",
					"kubernetes.informers.resources.pods.kind=Pod",
					"kubernetes.informers.resources.config-maps.api-version=v1",
					"kubernetes.informers.resources.config-maps.kind=ConfigMap")
			.withUserConfiguration(TypedListers.class)
			.run((context) -> {
				TypedListers listers = context.getBean(TypedListers.class);
				assertThat(names(listers.pods)).containsExactly("frontend");
				assertThat(listers.configMaps.namespace("web").get("settings")).isNotNull();
				assertThat(listers.podInformer.getIndexer().list()).hasSize(1);
				SharedInformerFactory factory = context.getBean(SharedInformerFactory.class);
				assertThat(factory.getExistingSharedIndexInformer(V1Pod.class)).isSameAs(listers.podInformer);
			});
	}

	@Test
	void exposesASharedInformerFactoryOnTheSameClient() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(SharedInformerFactory.class);
			assertThat(context).hasSingleBean(ApiClient.class);
			assertThat(context.getBean(ApiClient.class).getBasePath()).isEqualTo(this.server.url());
			assertThat(context.getBean(ApiClient.class).getReadTimeout()).isZero();
		});
	}

	@Test
	void userApiClientBeanWins() {
		this.runner.withPropertyValues("kubernetes.informers.client.url=http://127.0.0.1:1",
				"kubernetes.informers.resources.pods.api-version=v1", "kubernetes.informers.resources.pods.kind=Pod")
			.withBean("myClient", ApiClient.class, () -> this.server.apiClient())
			.run((context) -> {
				assertThat(context).hasSingleBean(ApiClient.class);
				assertThat(context.getBean(ApiClient.class)).isSameAs(context.getBean("myClient"));
				assertThat(context.getBean(Informers.class).get("pods").hasSynced()).isTrue();
			});
	}

	@Test
	void apiClientCustomizersAdjustTheClientInformersUse() {
		AtomicInteger requests = new AtomicInteger();
		ApiClientCustomizer counting = (client) -> client.setHttpClient(client.getHttpClient()
			.newBuilder()
			.addInterceptor((chain) -> {
				requests.incrementAndGet();
				return chain.proceed(chain.request());
			})
			.build());
		this.runner
			.withPropertyValues("kubernetes.informers.resources.pods.api-version=v1",
					"kubernetes.informers.resources.pods.kind=Pod")
			.withBean(ApiClientCustomizer.class, () -> counting)
			.run((context) -> {
				assertThat(context.getBean(Informers.class).get("pods").hasSynced()).isTrue();
				assertThat(requests.get()).isPositive();
			});
	}

	@Test
	void disabledCreatesNothing() {
		this.runner
			.withPropertyValues("kubernetes.informers.enabled=false",
					"kubernetes.informers.resources.pods.api-version=v1",
					"kubernetes.informers.resources.pods.kind=Pod")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(ApiClient.class);
				assertThat(context).doesNotHaveBean(SharedInformerFactory.class);
				assertThat(context).doesNotHaveBean(InformerRegistry.class);
				assertThat(context).doesNotHaveBean(Informers.class);
				assertThat(context).doesNotHaveBean(Lister.class);
				assertThat(context).doesNotHaveBean(InformerProperties.class);
			});
	}

	private static List<String> names(Lister<V1Pod> lister) {
		return lister.list().stream().map((pod) -> pod.getMetadata().getName()).toList();
	}

	@Configuration(proxyBeanMethods = false)
	static class QualifiedListers {

		@Autowired
		@Qualifier("web-pods")
		Lister<V1Pod> web;

		@Autowired
		@Qualifier("batch-pods")
		Lister<V1Pod> batch;

		@Autowired
		@Qualifier("web-pods")
		SharedIndexInformer<V1Pod> webInformer;

	}

	@Configuration(proxyBeanMethods = false)
	static class TypedListers {

		@Autowired
		Lister<V1Pod> pods;

		@Autowired
		Lister<V1ConfigMap> configMaps;

		@Autowired
		SharedIndexInformer<V1Pod> podInformer;

		@Bean
		String marker() {
			return "typed";
		}

	}

}
