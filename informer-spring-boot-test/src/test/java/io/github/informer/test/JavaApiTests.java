package io.github.informer.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ClusterRole;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1DaemonSet;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The Java API: typed objects of every built-in group, bulk and YAML seeding, seen through HTTP like any write. */
class JavaApiTests {

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	private final FakeKubernetesApiServer server;

	JavaApiTests(FakeKubernetesApiServer server) {
		this.server = server;
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(classes = { V1ConfigMap.class, V1Secret.class, V1Deployment.class, V1StatefulSet.class, V1Job.class,
			V1DaemonSet.class, V1Lease.class, V1ClusterRole.class, V1Role.class, V1Ingress.class,
			V1NetworkPolicy.class })
	@SuppressWarnings("unchecked")
	<T extends KubernetesObject> void typedObjectsOfEveryBuiltInGroupRoundTrip(Class<T> type) throws Exception {
		T object = type.getConstructor().newInstance();
		type.getMethod("setMetadata", V1ObjectMeta.class).invoke(object, new V1ObjectMeta().name("x").namespace("ns"));
		T created = this.server.create(object);
		assertThat(created.getMetadata().getUid()).isNotBlank();
		assertThat(this.server.get(type, "ns", "x")).isPresent();
		assertThat(this.server.list(type, null)).hasSize(1);
		String apiVersion = (String) type.getMethod("getApiVersion").invoke(created);
		String kind = (String) type.getMethod("getKind").invoke(created);
		assertThat(this.server.delete(apiVersion, kind, "ns", "x")).isTrue();
		assertThat(this.server.get(type, "ns", "x")).isEmpty();
	}

	@Test
	void seedLoadsManyObjectsThatHttpClientsThenSee() throws ApiException {
		List<V1ConfigMap> objects = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			objects.add(new V1ConfigMap().metadata(new V1ObjectMeta().name("cm-" + i).namespace("ns" + (i % 3)))
				.data(Map.of("i", Integer.toString(i))));
		}
		assertThat(this.server.seed(objects)).isEqualTo(1000);
		CoreV1Api core = new CoreV1Api(this.server.apiClient());
		assertThat(core.listConfigMapForAllNamespaces().execute().getItems()).hasSize(1000);
		assertThat(core.listNamespacedConfigMap("ns1").execute().getItems()).hasSize(333);
		assertThat(this.server.seed(objects.subList(0, 10))).isEqualTo(10);
		assertThat(core.listConfigMapForAllNamespaces().execute().getItems()).hasSize(1000);
	}

	@Test
	void seedYamlLoadsDocumentsIncludingCustomResourcesAfterTheirDefinition() throws ApiException {
		int count = this.server.seedYaml("""
				apiVersion: apiextensions.k8s.io/v1
				kind: CustomResourceDefinition
				metadata:
				  name: widgets.example.com
				spec:
				  group: example.com
				  scope: Namespaced
				  names: {plural: widgets, singular: widget, kind: Widget}
				  versions:
				  - name: v1
				    served: true
				    storage: true
				---
				apiVersion: example.com/v1
				kind: Widget
				metadata: {name: w, namespace: shop}
				spec: {created: 2024-01-01T00:00:00Z}
				---
				apiVersion: apps/v1
				kind: Deployment
				metadata: {name: web, namespace: shop}
				spec:
				  replicas: 2
				  selector: {matchLabels: {app: web}}
				  template:
				    metadata: {labels: {app: web}}
				    spec: {containers: [{name: web, image: nginx}]}
				""");
		assertThat(count).isEqualTo(3);
		assertThat(new AppsV1Api(this.server.apiClient()).readNamespacedDeployment("web", "shop").execute().getSpec()
			.getReplicas()).isEqualTo(2);
		var widgets = new io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi("example.com", "v1", "widgets",
				this.server.apiClient());
		assertThat(widgets.get("shop", "w").throwsApiException().getObject().getRaw().getAsJsonObject("spec")
			.get("created").getAsString()).isEqualTo("2024-01-01T00:00:00Z");
	}

	@Test
	void customResourcesGoThroughTheJavaApiAsDynamicObjects() {
		this.server.registerCustomResource("example.com", "v1", "Widget", "widgets", true);
		com.google.gson.JsonObject raw = com.google.gson.JsonParser.parseString(
				"{\"apiVersion\":\"example.com/v1\",\"kind\":\"Widget\","
						+ "\"metadata\":{\"name\":\"w\",\"namespace\":\"shop\"},\"spec\":{\"size\":3}}")
			.getAsJsonObject();
		var created = this.server.create(new io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject(raw));
		assertThat(created.getMetadata().getUid()).isNotBlank();
		assertThat(this.server.get("example.com/v1", "Widget", "shop", "w")).hasValueSatisfying(
				(widget) -> assertThat(widget.getRaw().getAsJsonObject("spec").get("size").getAsInt()).isEqualTo(3));
		assertThat(this.server.list("example.com/v1", "Widget", null)).hasSize(1);
		assertThat(this.server.delete("example.com/v1", "Widget", "shop", "w")).isTrue();
	}

	@Test
	void unknownKindsAreRejectedWithTheFix() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.server.seedYaml("apiVersion: nope.io/v1\nkind: Thing\nmetadata: {name: t}\n"))
			.withMessageContaining("registerCustomResource");
	}

	@Test
	void resourceVersionIsTheLastWrite() {
		long before = Long.parseLong(this.server.resourceVersion());
		V1ConfigMap created = this.server.create(new V1ConfigMap().metadata(new V1ObjectMeta().name("a")));
		assertThat(created.getMetadata().getNamespace()).isEqualTo("default");
		assertThat(Long.parseLong(this.server.resourceVersion())).isEqualTo(before + 1)
			.isEqualTo(Long.parseLong(created.getMetadata().getResourceVersion()));
	}

}
