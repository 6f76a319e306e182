package io.github.informer.test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonObject;
import io.kubernetes.client.Discovery;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.ApiextensionsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.VersionApi;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1CustomResourceDefinition;
import io.kubernetes.client.openapi.models.V1CustomResourceDefinitionNames;
import io.kubernetes.client.openapi.models.V1CustomResourceDefinitionSpec;
import io.kubernetes.client.openapi.models.V1CustomResourceDefinitionVersion;
import io.kubernetes.client.openapi.models.V1CustomResourceSubresources;
import io.kubernetes.client.openapi.models.V1CustomResourceValidation;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentList;
import io.kubernetes.client.openapi.models.V1JSONSchemaProps;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.kubernetes.client.util.generic.options.ListOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/** Discovery, /version, GenericKubernetesApi on built-in kinds, and CRDs through DynamicKubernetesApi. */
@ExtendWith(FakeKubernetesApiServerExtension.class)
class DiscoveryAndCustomResourceTests {

	private static FakeKubernetesApiServer server;

	private final ApiClient client = server.apiClient();

	@BeforeAll
	static void useServer(FakeKubernetesApiServer fake) {
		server = fake;
	}

	@Test
	void discoveryListsTheBuiltInKindsOfTheCommonGroups() throws ApiException {
		Set<Discovery.APIResource> resources = new Discovery(this.client).findAll();
		assertThat(resources).extracting(Discovery.APIResource::getGroup, Discovery.APIResource::getResourcePlural)
			.contains(org.assertj.core.groups.Tuple.tuple("", "pods"),
					org.assertj.core.groups.Tuple.tuple("", "configmaps"),
					org.assertj.core.groups.Tuple.tuple("", "namespaces"),
					org.assertj.core.groups.Tuple.tuple("apps", "deployments"),
					org.assertj.core.groups.Tuple.tuple("batch", "jobs"),
					org.assertj.core.groups.Tuple.tuple("coordination.k8s.io", "leases"),
					org.assertj.core.groups.Tuple.tuple("rbac.authorization.k8s.io", "clusterroles"),
					org.assertj.core.groups.Tuple.tuple("networking.k8s.io", "ingresses"));
		Discovery.APIResource pods = resources.stream()
			.filter((resource) -> resource.getResourcePlural().equals("pods"))
			.findFirst()
			.orElseThrow();
		assertThat(pods.getNamespaced()).isTrue();
		assertThat(pods.getKind()).isEqualTo("Pod");
		assertThat(pods.getSubResources()).contains("status");
		assertThat(resources.stream().filter((resource) -> resource.getResourcePlural().equals("namespaces")))
			.allMatch((resource) -> !resource.getNamespaced());
	}

	@Test
	void versionAnswersLikeAKubernetesServer() throws ApiException {
		assertThat(new VersionApi(this.client).getCode().execute().getGitVersion()).startsWith("v1.");
	}

	@Test
	void genericKubernetesApiDrivesBuiltInKinds() {
		GenericKubernetesApi<V1Deployment, V1DeploymentList> api = new GenericKubernetesApi<>(V1Deployment.class,
				V1DeploymentList.class, "apps", "v1", "deployments", this.client);
		V1Deployment created = api.create(CrudConformanceTests.deployment("generic", 1).metadata(
				new V1ObjectMeta().name("generic").namespace("gen").labels(Map.of("team", "a")))).getObject();
		assertThat(created.getMetadata().getUid()).isNotBlank();
		KubernetesApiResponse<V1Deployment> duplicate = api.create(created);
		assertThat(duplicate.getHttpStatusCode()).isEqualTo(409);
		assertThat(duplicate.getStatus().getReason()).isEqualTo("AlreadyExists");
		created.getSpec().setReplicas(4);
		V1Deployment updated = api.update(created).getObject();
		assertThat(updated.getSpec().getReplicas()).isEqualTo(4);
		assertThat(api.update(created).getHttpStatusCode()).isEqualTo(409);
		V1Deployment patched = api.patch("gen", "generic", V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH,
				new V1Patch("{\"spec\":{\"replicas\":5}}")).getObject();
		assertThat(patched.getSpec().getReplicas()).isEqualTo(5);
		ListOptions selected = new ListOptions();
		selected.setLabelSelector("team=a");
		assertThat(api.list("gen", selected).getObject().getItems()).hasSize(1);
		assertThat(api.get("gen", "missing").getHttpStatusCode()).isEqualTo(404);
		assertThat(api.delete("gen", "generic").isSuccess()).isTrue();
		assertThat(api.get("gen", "generic").getHttpStatusCode()).isEqualTo(404);
	}

	@Test
	void aCustomResourceDefinitionCreatedThroughTheApiServesItsResource() throws ApiException {
		ApiextensionsV1Api extensions = new ApiextensionsV1Api(this.client);
		V1CustomResourceDefinition created = extensions.createCustomResourceDefinition(definition()).execute();
		assertThat(created.getStatus().getConditions())
			.anyMatch((condition) -> condition.getType().equals("Established") && condition.getStatus().equals("True"));
		assertThat(new Discovery(this.client).findAll())
			.anyMatch((resource) -> resource.getGroup().equals("example.com")
					&& resource.getResourcePlural().equals("widgets") && resource.getKind().equals("Widget"));
		DynamicKubernetesApi widgets = new DynamicKubernetesApi("example.com", "v1", "widgets", this.client);
		DynamicKubernetesObject widget = widget("w1", "blue");
		DynamicKubernetesObject stored = widgets.create(widget).throwsApiException().getObject();
		assertThat(stored.getMetadata().getUid()).isNotBlank();
		assertThat(stored.getRaw().getAsJsonObject("spec").get("color").getAsString()).isEqualTo("blue");
		stored.getRaw().getAsJsonObject("spec").addProperty("color", "red");
		stored.getRaw().add("status", status("ignored"));
		DynamicKubernetesObject updated = widgets.update(stored).throwsApiException().getObject();
		assertThat(updated.getRaw().getAsJsonObject("spec").get("color").getAsString()).isEqualTo("red");
		assertThat(updated.getRaw().has("status")).isFalse();
		assertThat(updated.getMetadata().getGeneration()).isEqualTo(2L);
		updated.getRaw().add("status", status("ready"));
		DynamicKubernetesObject withStatus = widgets.updateStatus(updated, (object) -> object.getRaw().get("status"))
			.throwsApiException()
			.getObject();
		assertThat(withStatus.getRaw().getAsJsonObject("status").get("phase").getAsString()).isEqualTo("ready");
		assertThat(widgets.list("shop").throwsApiException().getObject().getItems()).hasSize(1);
		assertThat(widgets.delete("shop", "w1").isSuccess()).isTrue();
		assertThat(widgets.get("shop", "w1").getHttpStatusCode()).isEqualTo(404);
		widgets.create(widget("w2", "green")).throwsApiException();
		extensions.deleteCustomResourceDefinition("widgets.example.com").execute();
		assertThat(widgets.list("shop").getHttpStatusCode()).isEqualTo(404);
	}

	@Test
	void registerCustomResourceServesAResourceWithoutADefinition() throws ApiException {
		server.registerCustomResource("stable.example.org", "v1beta1", "Gadget", "gadgets", false);
		DynamicKubernetesApi gadgets = new DynamicKubernetesApi("stable.example.org", "v1beta1", "gadgets",
				this.client);
		DynamicKubernetesObject gadget = new DynamicKubernetesObject();
		gadget.setApiVersion("stable.example.org/v1beta1");
		gadget.setKind("Gadget");
		gadget.setMetadata(new V1ObjectMeta().name("g1"));
		gadgets.create(gadget).throwsApiException();
		assertThat(gadgets.list().throwsApiException().getObject().getItems())
			.extracting((object) -> object.getMetadata().getName())
			.containsExactly("g1");
	}

	@Test
	void customResourcesCanBeWatchedWithDynamicKubernetesApi() throws Exception {
		server.registerCustomResource("watch.example.org", "v1", "Probe", "probes", true);
		DynamicKubernetesApi probes = new DynamicKubernetesApi("watch.example.org", "v1", "probes", this.client);
		ListOptions options = new ListOptions();
		options.setResourceVersion(server.resourceVersion());
		List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
		try (io.kubernetes.client.util.Watchable<DynamicKubernetesObject> watch = probes.watch("lab", options)) {
			Thread reader = new Thread(() -> {
				try {
					while (watch.hasNext()) {
						var event = watch.next();
						seen.add(event.type + " " + event.object.getMetadata().getName());
					}
				}
				catch (RuntimeException ex) {
					// closed
				}
			});
			reader.setDaemon(true);
			reader.start();
			DynamicKubernetesObject probe = new DynamicKubernetesObject();
			probe.setApiVersion("watch.example.org/v1");
			probe.setKind("Probe");
			probe.setMetadata(new V1ObjectMeta().name("p1").namespace("lab"));
			probes.create(probe).throwsApiException();
			probes.delete("lab", "p1").throwsApiException();
			org.awaitility.Awaitility.await()
				.atMost(java.time.Duration.ofSeconds(5))
				.until(() -> seen.size() == 2);
			assertThat(seen).containsExactly("ADDED p1", "DELETED p1");
		}
	}

	@Test
	void deletingANamespaceDeletesItsObjects() throws ApiException {
		CoreV1Api core = new CoreV1Api(this.client);
		core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name("doomed"))).execute();
		core.createNamespacedConfigMap("doomed", new V1ConfigMap().metadata(new V1ObjectMeta().name("x"))).execute();
		core.createNamespacedConfigMap("kept", new V1ConfigMap().metadata(new V1ObjectMeta().name("x"))).execute();
		core.deleteNamespace("doomed").execute();
		assertThat(core.listNamespacedConfigMap("doomed").execute().getItems()).isEmpty();
		assertThat(core.listNamespacedConfigMap("kept").execute().getItems()).hasSize(1);
	}

	private static V1CustomResourceDefinition definition() {
		return new V1CustomResourceDefinition().metadata(new V1ObjectMeta().name("widgets.example.com"))
			.spec(new V1CustomResourceDefinitionSpec().group("example.com")
				.scope("Namespaced")
				.names(new V1CustomResourceDefinitionNames().plural("widgets").singular("widget").kind("Widget")
					.shortNames(List.of("wd")))
				.versions(List.of(new V1CustomResourceDefinitionVersion().name("v1").served(true).storage(true)
					.subresources(new V1CustomResourceSubresources().status(new Object()))
					.schema(new V1CustomResourceValidation()
						.openAPIV3Schema(new V1JSONSchemaProps().type("object").xKubernetesPreserveUnknownFields(true))))));
	}

	private static DynamicKubernetesObject widget(String name, String color) {
		JsonObject raw = new JsonObject();
		raw.addProperty("apiVersion", "example.com/v1");
		raw.addProperty("kind", "Widget");
		JsonObject metadata = new JsonObject();
		metadata.addProperty("name", name);
		metadata.addProperty("namespace", "shop");
		raw.add("metadata", metadata);
		JsonObject spec = new JsonObject();
		spec.addProperty("color", color);
		raw.add("spec", spec);
		return new DynamicKubernetesObject(raw);
	}

	private static JsonObject status(String phase) {
		JsonObject status = new JsonObject();
		status.addProperty("phase", phase);
		return status;
	}

}
