package io.github.informer.client;

import java.time.Duration;
import java.util.List;

import io.github.informer.decoder.DecoderType;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Pod;
import org.jspecify.annotations.Nullable;

/**
 * Pod lister/watchers and informers for tests against the fake API server.
 */
final class TestPods {

	private TestPods() {
	}

	static KubernetesListerWatcher<V1Pod> pods(ApiClient client, @Nullable String namespace,
			@Nullable String labelSelector, @Nullable String fieldSelector, int pageSize) {
		return new KubernetesListerWatcher<>(client, new ResourceType<>("", "v1", "Pod", V1Pod.class, null), namespace,
				labelSelector, fieldSelector, pageSize);
	}

	static KubernetesListerWatcher<V1Pod> pods(ApiClient client, @Nullable String namespace,
			@Nullable String labelSelector, @Nullable String fieldSelector, ListStrategy strategy) {
		return new KubernetesListerWatcher<>(client, new ResourceType<>("", "v1", "Pod", V1Pod.class, null), namespace,
				labelSelector, fieldSelector, 500, KubernetesListerWatcher.DEFAULT_READ_TIMEOUT, DecoderType.STREAMING,
				strategy);
	}

	static KubernetesInformer<V1Pod> informer(String name, List<KubernetesListerWatcher<V1Pod>> listerWatchers) {
		return new KubernetesInformer<>(name, listerWatchers, null,
				() -> new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)));
	}

}
