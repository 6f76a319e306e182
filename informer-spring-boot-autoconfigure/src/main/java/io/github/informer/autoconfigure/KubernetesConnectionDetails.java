package io.github.informer.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the auto-configured {@code ApiClient} finds the Kubernetes API server, as Spring Boot's
 * {@link ConnectionDetails} do for other services. The default is read from {@code kubernetes.informers.client.*}
 * ({@code url}, {@code kubeconfig}, {@code context}); define a bean of this type to connect somewhere else, for
 * example to a {@code FakeKubernetesApiServer} started as a bean in a development-time application:
 * <pre>{@code
 * @Bean
 * KubernetesConnectionDetails kubernetesConnectionDetails(FakeKubernetesApiServer server) {
 *     return server::url;
 * }
 * }</pre>
 * Client settings that are not about where the cluster is ({@code verify-ssl}, {@code token-refresh}, timeouts) stay
 * properties.
 */
@FunctionalInterface
public interface KubernetesConnectionDetails extends ConnectionDetails {

	/**
	 * Return the API server URL to connect to directly.
	 * @return the URL, or {@code null} to discover the cluster from a kubeconfig or the in-cluster service account
	 */
	@Nullable String getUrl();

	/**
	 * Return the kubeconfig file to read when {@link #getUrl()} is {@code null}.
	 * @return its path, or {@code null} for {@code $KUBECONFIG}, then {@code ~/.kube/config}
	 */
	default @Nullable String getKubeconfig() {
		return null;
	}

	/**
	 * Return the kubeconfig context to use.
	 * @return the context name, or {@code null} for the kubeconfig's current context
	 */
	default @Nullable String getContext() {
		return null;
	}

}
