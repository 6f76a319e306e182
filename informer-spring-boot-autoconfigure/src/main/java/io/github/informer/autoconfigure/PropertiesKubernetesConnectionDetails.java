package io.github.informer.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * The default {@link KubernetesConnectionDetails}: {@code kubernetes.informers.client.url}, {@code .kubeconfig} and
 * {@code .context}.
 */
final class PropertiesKubernetesConnectionDetails implements KubernetesConnectionDetails {

	private final InformerProperties.Client properties;

	PropertiesKubernetesConnectionDetails(InformerProperties.Client properties) {
		this.properties = properties;
	}

	@Override
	public @Nullable String getUrl() {
		return this.properties.getUrl();
	}

	@Override
	public @Nullable String getKubeconfig() {
		return this.properties.getKubeconfig();
	}

	@Override
	public @Nullable String getContext() {
		return this.properties.getContext();
	}

}
