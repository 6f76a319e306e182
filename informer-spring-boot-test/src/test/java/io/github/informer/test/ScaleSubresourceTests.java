package io.github.informer.test;

import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.ApiextensionsV1Api;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.apis.CustomObjectsApi;
import io.kubernetes.client.openapi.models.V1APIResource;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1DeploymentStatus;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1ReplicationController;
import io.kubernetes.client.openapi.models.V1ReplicationControllerSpec;
import io.kubernetes.client.openapi.models.V1Scale;
import io.kubernetes.client.openapi.models.V1ScaleSpec;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V1StatefulSetSpec;
import io.kubernetes.client.util.PatchUtils;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The autoscaling/v1 {@code scale} subresource through client-java's typed and custom-object APIs, and what
 * discovery says about it and about categories.
 */
@ExtendWith(FakeKubernetesApiServerExtension.class)
class ScaleSubresourceTests {

	private static final String CRD = """
			apiVersion: apiextensions.k8s.io/v1
			kind: CustomResourceDefinition
			metadata:
			  name: crontabs.stable.example.com
			spec:
			  group: stable.example.com
			  scope: Namespaced
			  names: {plural: crontabs, singular: crontab, kind: CronTab, categories: [all, tabs]}
			  versions:
			  - name: v1
			    served: true
			    storage: true
			    subresources:
			      status: {}
			      scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas, labelSelectorPath: .status.labelSelector}
			---
			apiVersion: stable.example.com/v1
			kind: CronTab
			metadata: {name: nightly, namespace: scale}
			spec: {replicas: 2, cronSpec: "* * * * */5"}
			status: {replicas: 1, labelSelector: "app=nightly"}
			""";

	private static FakeKubernetesApiServer server;

	private static ApiClient client;

	@BeforeAll
	static void useServer(FakeKubernetesApiServer fake) {
		server = fake;
		client = server.apiClient();
		server.seedYaml(CRD);
	}

	@Test
	void aDeploymentsScaleShowsItsReplicasAndSelectorAndReplacingItChangesOnlyTheReplicas() throws ApiException {
		server.create(deployment("web", 2).status(new V1DeploymentStatus().replicas(2)));
		AppsV1Api apps = new AppsV1Api(client);
		V1Scale scale = apps.readNamespacedDeploymentScale("web", "scale").execute();
		assertThat(scale.getApiVersion()).isEqualTo("autoscaling/v1");
		assertThat(scale.getKind()).isEqualTo("Scale");
		assertThat(scale.getSpec().getReplicas()).isEqualTo(2);
		assertThat(scale.getStatus().getReplicas()).isEqualTo(2);
		assertThat(scale.getStatus().getSelector()).isEqualTo("app=web");
		V1Scale replaced = apps.replaceNamespacedDeploymentScale("web", "scale", scale.spec(new V1ScaleSpec().replicas(4)))
			.execute();
		assertThat(replaced.getSpec().getReplicas()).isEqualTo(4);
		V1Deployment stored = server.get(V1Deployment.class, "scale", "web").orElseThrow();
		assertThat(stored.getSpec().getReplicas()).isEqualTo(4);
		assertThat(stored.getMetadata().getGeneration()).isEqualTo(2L);
		assertThat(stored.getStatus().getReplicas()).as("status kept").isEqualTo(2);
		assertThat(replaced.getMetadata().getResourceVersion()).isEqualTo(stored.getMetadata().getResourceVersion());
	}

	@Test
	void aStaleScaleIsAConflictAndNegativeReplicasAreInvalid() throws ApiException {
		server.create(deployment("stale", 1));
		AppsV1Api apps = new AppsV1Api(client);
		V1Scale scale = apps.readNamespacedDeploymentScale("stale", "scale").execute();
		apps.replaceNamespacedDeploymentScale("stale", "scale", scale.spec(new V1ScaleSpec().replicas(2))).execute();
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> apps.replaceNamespacedDeploymentScale("stale", "scale", scale).execute())
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(409));
		V1Scale current = apps.readNamespacedDeploymentScale("stale", "scale").execute();
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> apps
				.replaceNamespacedDeploymentScale("stale", "scale", current.spec(new V1ScaleSpec().replicas(-1)))
				.execute())
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(422));
	}

	@Test
	void patchingTheScaleOfAStatefulSetAndAReplicationController() throws ApiException {
		server.create(new V1StatefulSet().metadata(new V1ObjectMeta().name("db").namespace("scale"))
			.spec(new V1StatefulSetSpec().replicas(1)
				.serviceName("db")
				.selector(new V1LabelSelector().matchLabels(Map.of("app", "db")))
				.template(new V1PodTemplateSpec())));
		V1Scale patched = PatchUtils.patch(V1Scale.class,
				() -> new AppsV1Api(client)
					.patchNamespacedStatefulSetScale("db", "scale", new V1Patch("{\"spec\":{\"replicas\":3}}"))
					.buildCall(null),
				V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, client);
		assertThat(patched.getSpec().getReplicas()).isEqualTo(3);
		assertThat(server.get(V1StatefulSet.class, "scale", "db").orElseThrow().getSpec().getReplicas()).isEqualTo(3);
		server.create(new V1ReplicationController().metadata(new V1ObjectMeta().name("rc").namespace("scale"))
			.spec(new V1ReplicationControllerSpec().replicas(1).selector(Map.of("app", "rc", "tier", "a"))));
		V1Scale rc = PatchUtils.patch(V1Scale.class,
				() -> new CoreV1Api(client)
					.patchNamespacedReplicationControllerScale("rc", "scale",
							new V1Patch("[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":5}]"))
					.buildCall(null),
				V1Patch.PATCH_FORMAT_JSON_PATCH, client);
		assertThat(rc.getSpec().getReplicas()).isEqualTo(5);
		assertThat(rc.getStatus().getSelector()).isEqualTo("app=rc,tier=a");
	}

	@Test
	void aCustomResourceDeclaringScaleServesItFromItsPaths() throws ApiException {
		CustomObjectsApi custom = new CustomObjectsApi(client);
		JsonObject scale = client.getJSON()
			.getGson()
			.toJsonTree(custom.getNamespacedCustomObjectScale("stable.example.com", "v1", "scale", "crontabs", "nightly")
				.execute())
			.getAsJsonObject();
		assertThat(scale.getAsJsonObject("spec").get("replicas").getAsInt()).isEqualTo(2);
		assertThat(scale.getAsJsonObject("status").get("replicas").getAsInt()).isEqualTo(1);
		assertThat(scale.getAsJsonObject("status").get("selector").getAsString()).isEqualTo("app=nightly");
		scale.getAsJsonObject("spec").addProperty("replicas", 7);
		custom.replaceNamespacedCustomObjectScale("stable.example.com", "v1", "scale", "crontabs", "nightly", scale)
			.execute();
		DynamicKubernetesObject stored = server.get("stable.example.com/v1", "CronTab", "scale", "nightly")
			.orElseThrow();
		assertThat(stored.getRaw().getAsJsonObject("spec").get("replicas").getAsInt()).isEqualTo(7);
		assertThat(stored.getRaw().getAsJsonObject("spec").get("cronSpec").getAsString()).isEqualTo("* * * * */5");
	}

	@Test
	void kindsWithoutScaleHaveNoScaleSubresource() {
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> new CustomObjectsApi(client)
				.getNamespacedCustomObjectScale("apps", "v1", "scale", "daemonsets", "x")
				.execute())
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(404));
	}

	@Test
	void discoveryListsTheScaleSubresourcesAndTheCategories() throws ApiException {
		List<V1APIResource> apps = new AppsV1Api(client).getAPIResources().execute().getResources();
		assertThat(apps).filteredOn((resource) -> resource.getName().endsWith("/scale"))
			.extracting(V1APIResource::getName)
			.containsExactlyInAnyOrder("deployments/scale", "statefulsets/scale", "replicasets/scale");
		V1APIResource deploymentScale = apps.stream()
			.filter((resource) -> resource.getName().equals("deployments/scale"))
			.findFirst()
			.orElseThrow();
		assertThat(deploymentScale.getGroup()).isEqualTo("autoscaling");
		assertThat(deploymentScale.getVersion()).isEqualTo("v1");
		assertThat(deploymentScale.getKind()).isEqualTo("Scale");
		assertThat(deploymentScale.getVerbs()).containsExactly("get", "patch", "update");
		assertThat(apps).filteredOn((resource) -> !resource.getName().contains("/"))
			.filteredOn((resource) -> resource.getCategories() != null && resource.getCategories().contains("all"))
			.extracting(V1APIResource::getName)
			.containsExactlyInAnyOrder("deployments", "statefulsets", "daemonsets", "replicasets");
		List<V1APIResource> core = new CoreV1Api(client).getAPIResources().execute().getResources();
		assertThat(core)
			.filteredOn((resource) -> resource.getCategories() != null && !resource.getCategories().isEmpty())
			.extracting(V1APIResource::getName)
			.containsExactlyInAnyOrder("pods", "services", "replicationcontrollers");
		assertThat(core).extracting(V1APIResource::getName).contains("replicationcontrollers/scale")
			.doesNotContain("pods/scale");
	}

	@Test
	void aCustomResourceDefinitionsCategoriesAndScaleAreInDiscovery() throws Exception {
		assertThat(new ApiextensionsV1Api(client).readCustomResourceDefinition("crontabs.stable.example.com")
			.execute()
			.getSpec()
			.getNames()
			.getCategories()).containsExactly("all", "tabs");
		okhttp3.Response response = client.getHttpClient()
			.newCall(new okhttp3.Request.Builder().url(server.url() + "/apis/stable.example.com/v1").build())
			.execute();
		JsonObject list = com.google.gson.JsonParser.parseString(response.body().string()).getAsJsonObject();
		assertThat(list.getAsJsonArray("resources").toString()).contains("\"categories\":[\"all\",\"tabs\"]")
			.contains("\"name\":\"crontabs/scale\"")
			.contains("\"name\":\"crontabs/status\"");
	}

	private static V1Deployment deployment(String name, int replicas) {
		return new V1Deployment().metadata(new V1ObjectMeta().name(name).namespace("scale"))
			.spec(new V1DeploymentSpec().replicas(replicas)
				.selector(new V1LabelSelector().matchLabels(Map.of("app", name)))
				.template(new V1PodTemplateSpec()));
	}

}
