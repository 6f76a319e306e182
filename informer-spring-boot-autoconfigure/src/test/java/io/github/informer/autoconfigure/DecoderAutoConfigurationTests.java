package io.github.informer.autoconfigure;

import java.time.Duration;
import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.informer.decoder.DecoderType;
import io.github.informer.registry.Informers;
import io.github.informer.registry.ManagedInformer;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code kubernetes.informers.decoder} and {@code resources.<name>.decoder} through the auto-configuration, and
 * objects carrying fields client-java 27's models do not know, listed and watched over HTTP with either decoder.
 */
class DecoderAutoConfigurationTests extends FakeServerContextSupport {

	/** A Pod with a field no model has at every level: envelope, metadata, spec, containers, ports, status. */
	private static final String POD_WITH_UNKNOWN_FIELDS = """
			{"apiVersion":"v1","kind":"Pod","futureTopLevel":{"a":[1,2,{"b":null}]},
			 "metadata":{"name":"web-1","namespace":"web","labels":{"app":"web"},"futureMetadata":"x",
			  "ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"web","uid":"u-1",
			   "controller":true,"futureOwnerField":7}]},
			 "spec":{"nodeName":"node-1","futureSpec":{"nested":true},
			  "containers":[{"name":"app","image":"nginx:1.25","futureContainer":[],
			   "ports":[{"containerPort":8080,"protocol":"TCP","futurePort":"y"}],
			   "resources":{"requests":{"cpu":"100m"},"futureResources":1}}]},
			 "status":{"phase":"Running","futureStatus":1.5,
			  "conditions":[{"type":"Ready","status":"True","futureCondition":{}}]}}
			""";

	@Test
	void theStreamingDecoderIsTheDefault() {
		this.runner
			.withPropertyValues("kubernetes.informers.resources.pods.api-version=v1",
					"kubernetes.informers.resources.pods.kind=Pod")
			.run((context) -> assertThat(context.getBean(Informers.class).get("pods").decoder())
				.isEqualTo(DecoderType.STREAMING));
	}

	@Test
	void theGlobalDecoderAppliesToEveryResourceAndEachResourceCanSetItsOwn() {
		this.server.registerCustomResource("example.com", "v1", "Widget", "widgets", true);
		this.runner
			.withPropertyValues("kubernetes.informers.decoder=client-java",
					"kubernetes.informers.resources.pods.api-version=v1",
					"kubernetes.informers.resources.pods.kind=Pod",
					"kubernetes.informers.resources.config-maps.api-version=v1",
					"kubernetes.informers.resources.config-maps.kind=ConfigMap",
					"kubernetes.informers.resources.config-maps.decoder=streaming",
					"kubernetes.informers.resources.widgets.api-version=example.com/v1",
					"kubernetes.informers.resources.widgets.kind=Widget",
					"kubernetes.informers.resources.widgets.decoder=streaming")
			.run((context) -> {
				Informers informers = context.getBean(Informers.class);
				assertThat(informers.get("pods").decoder()).isEqualTo(DecoderType.CLIENT_JAVA);
				assertThat(informers.get("config-maps").decoder()).isEqualTo(DecoderType.STREAMING);
				// DynamicKubernetesObject is a JSON tree: client-java's adapter whatever is configured
				assertThat(informers.get("widgets").decoder()).isEqualTo(DecoderType.CLIENT_JAVA);
				assertThat(informers.waitForSync(Duration.ofSeconds(30))).isTrue();
			});
	}

	@ParameterizedTest
	@EnumSource(DecoderType.class)
	void unknownFieldsAtEveryLevelAreIgnoredOnListAndWatch(DecoderType decoder) {
		this.server.seedYaml(POD_WITH_UNKNOWN_FIELDS);
		this.runner
			.withPropertyValues("kubernetes.informers.decoder=" + decoder.value(),
					"kubernetes.informers.resources.pods.api-version=v1",
					"kubernetes.informers.resources.pods.kind=Pod",
					"kubernetes.informers.resources.pods.namespaces=web")
			.run((context) -> {
				ManagedInformer<V1Pod> pods = context.getBean(Informers.class).get("pods");
				assertThat(pods.decoder()).isEqualTo(decoder);
				assertThat(context.getBean(Informers.class).waitForSync(Duration.ofSeconds(30))).isTrue();
				assertThat(cached(pods, "web-1")).isEqualTo(withoutUnknownFields(POD_WITH_UNKNOWN_FIELDS));
				// a change and a new object arrive through the watch, unknown fields and all
				String changed = POD_WITH_UNKNOWN_FIELDS.replace("\"Running\"", "\"Succeeded\"");
				String added = POD_WITH_UNKNOWN_FIELDS.replace("web-1", "web-2");
				this.server.seedYaml(changed);
				this.server.seedYaml(added);
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(pods.lister().namespace("web").list()).hasSize(2));
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(cached(pods, "web-1")).isEqualTo(withoutUnknownFields(changed)));
				assertThat(cached(pods, "web-2")).isEqualTo(withoutUnknownFields(added));
				assertThat(pods.watchStatus().lastError()).isNull();
				assertThat(pods.watchStatus().restarts()).isZero();
			});
	}

	/** The cached object as JSON, without what the server adds (resourceVersion, uid, creation time). */
	private static String cached(ManagedInformer<V1Pod> pods, String name) {
		V1Pod pod = pods.lister().namespace("web").get(name);
		if (pod == null) {
			return "absent";
		}
		JsonObject json = JsonParser.parseString(JSON.serialize(pod)).getAsJsonObject();
		JsonObject metadata = json.getAsJsonObject("metadata");
		List.of("resourceVersion", "uid", "creationTimestamp", "generation").forEach(metadata::remove);
		return json.toString();
	}

	/** client-java's decoding of the same JSON with the unknown fields removed, as the cache would hold it. */
	private static String withoutUnknownFields(String json) {
		JsonObject tree = JsonParser.parseString(json).getAsJsonObject();
		tree.remove("futureTopLevel");
		JsonObject metadata = tree.getAsJsonObject("metadata");
		metadata.remove("futureMetadata");
		metadata.getAsJsonArray("ownerReferences").get(0).getAsJsonObject().remove("futureOwnerField");
		JsonObject spec = tree.getAsJsonObject("spec");
		spec.remove("futureSpec");
		JsonObject container = spec.getAsJsonArray("containers").get(0).getAsJsonObject();
		container.remove("futureContainer");
		container.getAsJsonArray("ports").get(0).getAsJsonObject().remove("futurePort");
		container.getAsJsonObject("resources").remove("futureResources");
		JsonObject status = tree.getAsJsonObject("status");
		status.remove("futureStatus");
		status.getAsJsonArray("conditions").get(0).getAsJsonObject().remove("futureCondition");
		V1Pod expected = JSON.getGson().fromJson(tree, V1Pod.class);
		return JSON.serialize(expected);
	}

}
