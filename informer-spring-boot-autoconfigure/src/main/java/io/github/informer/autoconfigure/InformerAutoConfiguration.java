package io.github.informer.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.informer.client.InformerThreads;
import io.github.informer.registry.InformerRegistry;
import io.github.informer.registry.Informers;
import io.github.informer.registry.RegistrySharedInformerFactory;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of Kubernetes informers: the {@link ApiClient} (connected where the
 * {@link KubernetesConnectionDetails} say, by default {@code kubernetes.informers.client.*}), a
 * {@link SharedInformerFactory} for hand-made informers, the {@link InformerRegistry} that owns the configured and
 * inferred informers, the {@link Informers} facade, and per informer a {@code Lister<T>} and
 * {@code SharedIndexInformer<T>} bean (registered by {@link InformerBeanDefinitionRegistrar}).
 */
@AutoConfiguration
@ConditionalOnClass({ ApiClient.class, SharedInformerFactory.class })
@ConditionalOnBooleanProperty(name = "kubernetes.informers.enabled", matchIfMissing = true)
@EnableConfigurationProperties(InformerProperties.class)
public final class InformerAutoConfiguration {

	@Bean
	static InformerBeanDefinitionRegistrar informerBeanDefinitionRegistrar() {
		return new InformerBeanDefinitionRegistrar();
	}

	@Bean
	@ConditionalOnMissingBean(KubernetesConnectionDetails.class)
	PropertiesKubernetesConnectionDetails kubernetesConnectionDetails(InformerProperties properties) {
		return new PropertiesKubernetesConnectionDetails(properties.getClient());
	}

	@Bean
	@ConditionalOnMissingBean
	ApiClient kubernetesApiClient(InformerProperties properties, KubernetesConnectionDetails connectionDetails,
			ObjectProvider<ApiClientCustomizer> customizers) {
		ApiClient client;
		try {
			client = new KubernetesApiClientFactory(connectionDetails, properties.getClient(), System.getenv(),
					Path.of(System.getProperty("user.home"))).create();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not build the Kubernetes ApiClient from kubernetes.informers.client: "
					+ ex.getMessage(), ex);
		}
		customizers.orderedStream().forEach((customizer) -> customizer.customize(client));
		return client;
	}

	@Bean(destroyMethod = "stopAllRegisteredInformers")
	@ConditionalOnMissingBean
	SharedInformerFactory sharedInformerFactory(ApiClient apiClient, ObjectProvider<InformerRegistry> registry) {
		ExecutorService executor = Executors.newCachedThreadPool(new InformerThreads("factory", "start"));
		return new RegistrySharedInformerFactory(apiClient, executor, registry::getIfAvailable);
	}

	@Bean
	@ConditionalOnMissingBean
	InformerRegistry informerRegistry(
			@Qualifier(InformerBeanDefinitionRegistrar.DEFINITIONS_BEAN_NAME) InformerDefinitions definitions,
			ApiClient apiClient, InformerProperties properties) {
		InformerProperties.Startup startup = properties.getStartup();
		InformerRegistry.Settings settings = new InformerRegistry.Settings(properties.getListPageSize(),
				properties.getMemory().isInternStrings(), properties.getMemory().isDropLastAppliedConfiguration(),
				properties.getBackoff().getInitialDelay(), properties.getBackoff().getMaxDelay(),
				startup.isWaitForSync(), startup.getSyncTimeout(), startup.isFailOnTimeout(),
				startup.getShutdownTimeout(), properties.getClient().getReadTimeout());
		return new InformerRegistry(definitions.specs(), apiClient, settings);
	}

	@Bean
	@ConditionalOnMissingBean
	Informers informers(InformerRegistry registry) {
		return new Informers(registry);
	}

}
