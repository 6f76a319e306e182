package io.github.informer.client;

import java.util.Map;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1ObjectMeta;

/**
 * A user model, as an application would define it; {@link ModelFieldsTests} loads it in a class loader of its own.
 * Public and top-level: a class of another loader is in another runtime package, and no nestmate of the test.
 */
public class ThrowawayModel implements KubernetesObject {

	private String apiVersion;

	private String kind;

	private V1ObjectMeta metadata = new V1ObjectMeta().name("one").namespace("web");

	private Spec spec = new Spec();

	@Override
	public V1ObjectMeta getMetadata() {
		return this.metadata;
	}

	@Override
	public String getApiVersion() {
		return this.apiVersion;
	}

	@Override
	public String getKind() {
		return this.kind;
	}

	/** The model's spec. */
	public static class Spec {

		private String secret = "hunter2";

		private Map<String, String> labels = Map.of("app", "web");

	}

}
