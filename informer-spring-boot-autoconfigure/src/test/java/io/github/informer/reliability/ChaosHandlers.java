package io.github.informer.reliability;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import io.github.informer.annotation.EventType;
import io.github.informer.annotation.InformerHandler;
import io.github.informer.handler.InformerEvent;
import io.kubernetes.client.openapi.models.V1ConfigMap;

/**
 * The chaos scenario's handlers: for each informer, one that records what it last saw of every object, and one on the
 * per-namespace informer that throws on the ADDED event of about one object in 7 (its failures must disturb nothing).
 */
public class ChaosHandlers {

	private final View perNamespace = new View();

	private final View allNamespaces = new View();

	private final AtomicLong thrown = new AtomicLong();

	@InformerHandler(informer = ChaosScenario.PER_NAMESPACE, id = "chaos-per-namespace")
	void perNamespace(InformerEvent<V1ConfigMap> event) {
		this.perNamespace.record(event);
	}

	@InformerHandler(informer = ChaosScenario.ALL_NAMESPACES, id = "chaos-all-namespaces")
	void allNamespaces(InformerEvent<V1ConfigMap> event) {
		this.allNamespaces.record(event);
	}

	@InformerHandler(informer = ChaosScenario.PER_NAMESPACE, id = "chaos-flaky",
			events = EventType.ADDED)
	void flaky(V1ConfigMap configMap) {
		if (configMap.getMetadata().getName().hashCode() % 7 == 0) {
			this.thrown.incrementAndGet();
			throw new IllegalStateException("chaos: flaky handler fails on purpose");
		}
	}

	View perNamespaceView() {
		return this.perNamespace;
	}

	View allNamespacesView() {
		return this.allNamespaces;
	}

	long thrown() {
		return this.thrown.get();
	}

	/**
	 * What one handler saw: the last resourceVersion of every live object, every object ever seen, the deletes
	 * (and how many were {@code finalStateUnknown}), and any object whose events arrived out of order.
	 */
	static final class View {

		final Map<String, String> live = new ConcurrentHashMap<>();

		final Set<String> seen = ConcurrentHashMap.newKeySet();

		final Set<String> deleted = ConcurrentHashMap.newKeySet();

		final Set<String> outOfOrder = ConcurrentHashMap.newKeySet();

		final Map<String, Long> lastVersion = new ConcurrentHashMap<>();

		final AtomicLong events = new AtomicLong();

		final AtomicLong finalStateUnknown = new AtomicLong();

		void record(InformerEvent<V1ConfigMap> event) {
			this.events.incrementAndGet();
			String key = event.key();
			String version = event.object().getMetadata().getResourceVersion();
			long numeric = Long.parseLong(version);
			Long previous = this.lastVersion.put(key, numeric);
			if (previous != null && numeric < previous) {
				this.outOfOrder.add(key);
			}
			if (event.type() == EventType.DELETED) {
				this.live.remove(key);
				this.deleted.add(key);
				if (event.finalStateUnknown()) {
					this.finalStateUnknown.incrementAndGet();
				}
			}
			else {
				this.seen.add(key);
				this.live.put(key, version);
			}
		}

	}

}
