package io.github.informer.registry;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import org.jspecify.annotations.Nullable;

/**
 * client-java's {@link SharedInformerFactory} for informers wired by hand, which also finds the starter's informers:
 * {@link #getExistingSharedIndexInformer(Class)} falls back to the registry's informer of that type when exactly one
 * exists, so code written against client-java's factory (as its former Spring integration encouraged) sees them. The
 * registry's informers are never started or stopped through this factory.
 */
public class RegistrySharedInformerFactory extends SharedInformerFactory {

	private final Supplier<@Nullable InformerRegistry> registry;

	/**
	 * Create a factory.
	 * @param apiClient the client for informers created through the factory
	 * @param executor runs the factory's informers
	 * @param registry supplies the registry (lazily, it may not exist yet when the factory is created)
	 */
	public RegistrySharedInformerFactory(ApiClient apiClient, ExecutorService executor,
			Supplier<@Nullable InformerRegistry> registry) {
		super(apiClient, executor, false);
		this.registry = registry;
	}

	@Override
	@SuppressWarnings("unchecked")
	public synchronized <T extends KubernetesObject> @Nullable SharedIndexInformer<T> getExistingSharedIndexInformer(
			Class<T> type) {
		SharedIndexInformer<T> own = super.getExistingSharedIndexInformer(type);
		InformerRegistry informers = this.registry.get();
		if (own != null || informers == null) {
			return own;
		}
		List<ManagedInformer<?>> candidates = informers.informers()
			.values()
			.stream()
			.filter((informer) -> informer.apiType() == type)
			.toList();
		return (candidates.size() == 1) ? (SharedIndexInformer<T>) candidates.get(0).informer() : null;
	}

}
