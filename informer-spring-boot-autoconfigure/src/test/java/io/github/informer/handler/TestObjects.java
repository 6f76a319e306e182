package io.github.informer.handler;

import java.util.List;
import java.util.Map;

import io.github.informer.test.FakeKubernetesApiServer;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;

/**
 * Objects the handler tests create on the fake API server.
 */
final class TestObjects {

	private TestObjects() {
	}

	static V1Pod pod(String namespace, String name) {
		return new V1Pod().apiVersion("v1")
			.kind("Pod")
			.metadata(new V1ObjectMeta().namespace(namespace).name(name).labels(Map.of("app", "test")))
			.spec(new V1PodSpec().containers(List.of(new V1Container().name("main").image("nginx"))));
	}

	static V1ConfigMap configMap(String namespace, String name) {
		return new V1ConfigMap().apiVersion("v1")
			.kind("ConfigMap")
			.metadata(new V1ObjectMeta().namespace(namespace).name(name))
			.data(Map.of("key", "value"));
	}

	static V1Pod relabel(FakeKubernetesApiServer server, String namespace, String name, String value) {
		V1Pod pod = server.get(V1Pod.class, namespace, name).orElseThrow();
		pod.getMetadata().putLabelsItem("version", value);
		return server.update(pod);
	}

	static String describe(V1Pod pod) {
		return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
	}

}
