package io.github.informer.handler;

import java.util.Map;

import io.github.informer.test.FakeKubernetesApiServer;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;

/**
 * Objects the handler tests create on the fake API server.
 */
final class TestObjects {

	private TestObjects() {
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
