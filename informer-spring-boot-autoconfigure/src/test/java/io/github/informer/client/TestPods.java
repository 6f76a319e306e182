package io.github.informer.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import org.jspecify.annotations.Nullable;

/**
 * Pods and informers for tests against the fake API server.
 */
final class TestPods {

	private TestPods() {
	}

	static V1Pod pod(String namespace, String name, Map<String, String> labels) {
		return new V1Pod().apiVersion("v1")
			.kind("Pod")
			.metadata(new V1ObjectMeta().namespace(namespace).name(name).labels(labels))
			.spec(new V1PodSpec().nodeName("node-1")
				.containers(List.of(new V1Container().name("app").image("registry.example.com/app:1.0"))));
	}

	static KubernetesListerWatcher<V1Pod> pods(ApiClient client, @Nullable String namespace,
			@Nullable String labelSelector, @Nullable String fieldSelector, int pageSize) {
		return new KubernetesListerWatcher<>(client, new ResourceType<>("", "v1", "Pod", V1Pod.class, null), namespace,
				labelSelector, fieldSelector, pageSize);
	}

	static KubernetesInformer<V1Pod> informer(String name, List<KubernetesListerWatcher<V1Pod>> listerWatchers) {
		return new KubernetesInformer<>(name, listerWatchers, null,
				() -> new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)));
	}

}
