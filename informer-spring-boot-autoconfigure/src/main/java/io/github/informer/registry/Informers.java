package io.github.informer.registry;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.cache.Indexer;
import io.kubernetes.client.informer.cache.Lister;

/**
 * Programmatic access to every informer: by name, by type, their caches and indexes, and waiting for sync.
 * Injected listers ({@code @Autowired Lister<V1Pod>}, {@code @Qualifier("pods")}) cover the common case; this covers
 * the rest.
 */
public final class Informers {

	private final InformerRegistry registry;

	/**
	 * Create the facade.
	 * @param registry the registry
	 */
	public Informers(InformerRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Return the informer names.
	 * @return the names, in configuration order
	 */
	public Set<String> names() {
		return this.registry.informers().keySet();
	}

	/**
	 * Return an informer by name.
	 * @param <T> the object type
	 * @param name the name
	 * @return the informer
	 * @throws IllegalArgumentException naming the known informers if there is none by that name
	 */
	@SuppressWarnings("unchecked")
	public <T extends KubernetesObject> ManagedInformer<T> get(String name) {
		ManagedInformer<?> informer = this.registry.informers().get(name);
		if (informer == null) {
			throw new IllegalArgumentException("No informer named '" + name + "'; the informers are " + names()
					+ " (configure one under kubernetes.informers.resources." + name + ")");
		}
		return (ManagedInformer<T>) informer;
	}

	/**
	 * Return every informer whose objects have the given type.
	 * @param <T> the object type
	 * @param type the type
	 * @return the informers, possibly empty
	 */
	@SuppressWarnings("unchecked")
	public <T extends KubernetesObject> List<ManagedInformer<T>> ofType(Class<T> type) {
		return this.registry.informers()
			.values()
			.stream()
			.filter((informer) -> informer.apiType() == type)
			.map((informer) -> (ManagedInformer<T>) informer)
			.toList();
	}

	/**
	 * Return the one informer of a type.
	 * @param <T> the object type
	 * @param type the type
	 * @return the informer
	 * @throws IllegalArgumentException if there is none or more than one, naming them
	 */
	public <T extends KubernetesObject> ManagedInformer<T> get(Class<T> type) {
		List<ManagedInformer<T>> candidates = ofType(type);
		if (candidates.size() == 1) {
			return candidates.get(0);
		}
		if (candidates.isEmpty()) {
			throw new IllegalArgumentException("No informer caches " + type.getName() + "; the informers are "
					+ names() + " (configure one under kubernetes.informers.resources.<name>)");
		}
		throw new IllegalArgumentException("Several informers cache " + type.getName() + ": "
				+ candidates.stream().map(ManagedInformer::name).toList() + "; choose one by name");
	}

	public <T extends KubernetesObject> Lister<T> lister(String name) {
		return this.<T>get(name).lister();
	}

	public <T extends KubernetesObject> Lister<T> lister(Class<T> type) {
		return get(type).lister();
	}

	public <T extends KubernetesObject> SharedIndexInformer<T> informer(String name) {
		return this.<T>get(name).informer();
	}

	public <T extends KubernetesObject> SharedIndexInformer<T> informer(Class<T> type) {
		return get(type).informer();
	}

	public <T extends KubernetesObject> Indexer<T> indexer(String name) {
		return this.<T>get(name).indexer();
	}

	/**
	 * Return the index names of an informer: {@code namespace} plus the configured ones.
	 * @param name the informer name
	 * @return the index names
	 */
	public Set<String> indexNames(String name) {
		return get(name).indexNames();
	}

	/**
	 * Query an index of an informer's cache.
	 * @param <T> the object type
	 * @param name the informer name
	 * @param indexName the index name
	 * @param value the index key
	 * @return the matching cached objects
	 */
	public <T extends KubernetesObject> List<T> byIndex(String name, String indexName, String value) {
		return this.<T>get(name).byIndex(indexName, value);
	}

	/**
	 * Wait until every informer has synced.
	 * @param timeout how long to wait at most
	 * @return whether all had synced in time
	 */
	public boolean waitForSync(Duration timeout) {
		return this.registry.awaitSynced(timeout);
	}

	/**
	 * Return a read-only snapshot of every informer.
	 * @return the statuses, in configuration order
	 */
	public List<InformerStatus> statuses() {
		return this.registry.informers().values().stream().map(ManagedInformer::status).toList();
	}

}
