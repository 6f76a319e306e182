package io.github.informer.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapList;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import io.kubernetes.client.util.PatchUtils;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The details kube-apiserver gets right and clients notice: 422 causes, dry-run resourceVersions,
 * {@code remainingItemCount}, which kinds have a generation, finalizers on objects being deleted, 415s for bodies
 * and for strategic merge patches of custom resources, {@code $setElementOrder}, and the kubeconfig it writes.
 */
@ExtendWith(FakeKubernetesApiServerExtension.class)
class ApiServerFidelityTests {

	private static FakeKubernetesApiServer server;

	private static ApiClient client;

	private final CoreV1Api core = new CoreV1Api(client);

	@TempDir
	Path directory;

	@BeforeAll
	static void useServer(FakeKubernetesApiServer fake) {
		server = fake;
		client = server.apiClient();
	}

	@Test
	void an422InvalidNamesTheKindAndCarriesItsCauses() {
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.createNamespacedConfigMap("fidelity", new V1ConfigMap().metadata(new V1ObjectMeta()))
				.execute())
			.satisfies((ex) -> {
				JsonObject status = JsonParser.parseString(ex.getResponseBody()).getAsJsonObject();
				assertThat(status.get("message").getAsString())
					.isEqualTo("ConfigMap \"\" is invalid: metadata.name: Required value: name or generateName is required");
				JsonObject details = status.getAsJsonObject("details");
				assertThat(details.get("kind").getAsString()).isEqualTo("ConfigMap");
				JsonObject cause = details.getAsJsonArray("causes").get(0).getAsJsonObject();
				assertThat(cause.get("reason").getAsString()).isEqualTo("FieldValueRequired");
				assertThat(cause.get("field").getAsString()).isEqualTo("metadata.name");
				assertThat(cause.get("message").getAsString())
					.isEqualTo("Required value: name or generateName is required");
			});
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> new AppsV1Api(client).createNamespacedDeployment("fidelity",
					new V1Deployment().metadata(new V1ObjectMeta())).execute())
			.satisfies((ex) -> assertThat(JsonParser.parseString(ex.getResponseBody()).getAsJsonObject().get("message")
				.getAsString()).startsWith("Deployment.apps \"\" is invalid: "));
	}

	@Test
	void aDryRunUpdateAnswersTheLiveResourceVersionAndADryRunCreateNone() throws ApiException {
		V1ConfigMap live = this.core.createNamespacedConfigMap("fidelity", configMap("dry", Map.of("v", "1"))).execute();
		V1ConfigMap wouldBe = this.core.replaceNamespacedConfigMap("dry", "fidelity", live.data(Map.of("v", "2")))
			.dryRun("All")
			.execute();
		assertThat(wouldBe.getData()).containsEntry("v", "2");
		assertThat(wouldBe.getMetadata().getResourceVersion()).isEqualTo(live.getMetadata().getResourceVersion());
		V1ConfigMap created = this.core.createNamespacedConfigMap("fidelity", configMap("dry-new", Map.of()))
			.dryRun("All")
			.execute();
		assertThat(created.getMetadata().getResourceVersion()).isNull();
		assertThat(created.getMetadata().getUid()).isNotBlank();
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.createNamespacedConfigMap("fidelity", configMap("dry-bad", Map.of()))
				.dryRun("Everything")
				.execute())
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(422));
	}

	@Test
	void pagedListsCountTheRemainingItemsWhenNothingFiltersThem() throws ApiException {
		for (int i = 0; i < 5; i++) {
			server.create(new V1ConfigMap().metadata(new V1ObjectMeta().name("page-" + i).namespace("paged")
				.labels(Map.of("page", "yes"))));
		}
		V1ConfigMapList first = this.core.listNamespacedConfigMap("paged").limit(2).execute();
		assertThat(first.getMetadata().getRemainingItemCount()).isEqualTo(3L);
		V1ConfigMapList second = this.core.listNamespacedConfigMap("paged").limit(2)
			._continue(first.getMetadata().getContinue())
			.execute();
		assertThat(second.getMetadata().getRemainingItemCount()).isEqualTo(1L);
		V1ConfigMapList last = this.core.listNamespacedConfigMap("paged").limit(2)
			._continue(second.getMetadata().getContinue())
			.execute();
		assertThat(last.getMetadata().getRemainingItemCount()).isNull();
		assertThat(this.core.listNamespacedConfigMap("paged").limit(2).labelSelector("page=yes").execute()
			.getMetadata().getRemainingItemCount()).isNull();
	}

	@Test
	void onlyKindsWithAGenerationGetOne() throws ApiException {
		assertThat(server.create(configMap("no-generation", Map.of())).getMetadata().getGeneration()).isNull();
		assertThat(server.create(new V1Secret().metadata(meta("no-generation"))).getMetadata().getGeneration())
			.isNull();
		assertThat(server.create(new V1Service().metadata(meta("no-generation"))).getMetadata().getGeneration())
			.isNull();
		assertThat(server.create(new V1Pod().metadata(meta("no-generation"))).getMetadata().getGeneration()).isNull();
		assertThat(server.create(new V1Namespace().metadata(new V1ObjectMeta().name("no-generation"))).getMetadata()
			.getGeneration()).isNull();
		V1ConfigMap changed = this.core.replaceNamespacedConfigMap("no-generation", "fidelity",
				configMap("no-generation", Map.of("changed", "yes"))).execute();
		assertThat(changed.getMetadata().getGeneration()).isNull();
		assertThat(server.create(new V1Job().metadata(meta("with-generation"))).getMetadata().getGeneration())
			.isEqualTo(1L);
		assertThat(server.create(CrudConformanceTests.deployment("with-generation", 1).metadata(meta("with-generation")))
			.getMetadata()
			.getGeneration()).isEqualTo(1L);
	}

	@Test
	void aFinalizerAddedToAnObjectBeingDeletedIs422() throws ApiException {
		server.create(configMap("leaving", Map.of())
			.metadata(meta("leaving").finalizers(List.of("example.com/first"))));
		server.delete("v1", "ConfigMap", "fidelity", "leaving");
		V1ConfigMap marked = this.core.readNamespacedConfigMap("leaving", "fidelity").execute();
		marked.getMetadata().setFinalizers(List.of("example.com/first", "example.com/second"));
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.replaceNamespacedConfigMap("leaving", "fidelity", marked).execute())
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(422);
				assertThat(JsonParser.parseString(ex.getResponseBody()).getAsJsonObject().get("message").getAsString())
					.isEqualTo("ConfigMap \"leaving\" is invalid: metadata.finalizers: Forbidden: no new finalizers"
							+ " can be added if the object is being deleted, found new finalizers"
							+ " []string{\"example.com/second\"}");
			});
		marked.getMetadata().setFinalizers(List.of());
		this.core.replaceNamespacedConfigMap("leaving", "fidelity", marked).execute();
		assertThat(server.get(V1ConfigMap.class, "fidelity", "leaving")).isEmpty();
	}

	@Test
	void bodiesOtherThanJsonOrYamlAre415() throws Exception {
		Request request = new Request.Builder().url(server.url() + "/api/v1/namespaces/fidelity/configmaps")
			.post(RequestBody.create("name: x", MediaType.get("text/plain")))
			.build();
		try (Response response = client.getHttpClient().newCall(request).execute()) {
			assertThat(response.code()).isEqualTo(415);
			assertThat(JsonParser.parseString(response.body().string()).getAsJsonObject().get("message").getAsString())
				.isEqualTo("the body of the request was in an unknown format - accepted media types include:"
						+ " application/json, application/yaml, application/vnd.kubernetes.protobuf");
		}
	}

	@Test
	void aCustomResourceTakesNoStrategicMergePatch() {
		server.registerCustomResource("fidelity.example.com", "v1", "Gizmo", "gizmos", true);
		DynamicKubernetesApi gizmos = new DynamicKubernetesApi("fidelity.example.com", "v1", "gizmos", client);
		JsonObject raw = JsonParser.parseString("{\"apiVersion\":\"fidelity.example.com/v1\",\"kind\":\"Gizmo\","
				+ "\"metadata\":{\"name\":\"g\",\"namespace\":\"fidelity\"},\"spec\":{\"size\":1}}").getAsJsonObject();
		gizmos.create(new DynamicKubernetesObject(raw));
		KubernetesApiResponse<DynamicKubernetesObject> strategic = gizmos.patch("fidelity", "g",
				V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH, new V1Patch("{\"spec\":{\"size\":2}}"));
		assertThat(strategic.getHttpStatusCode()).isEqualTo(415);
		assertThat(strategic.getStatus().getMessage()).isEqualTo("the body of the request was in an unknown format -"
				+ " accepted media types include: application/json-patch+json, application/merge-patch+json,"
				+ " application/apply-patch+yaml");
		KubernetesApiResponse<DynamicKubernetesObject> merge = gizmos.patch("fidelity", "g",
				V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, new V1Patch("{\"spec\":{\"size\":2}}"));
		assertThat(merge.getObject().getRaw().getAsJsonObject("spec").get("size").getAsInt()).isEqualTo(2);
	}

	@Test
	void setElementOrderArrangesTheMergedListAsKubectlApplyExpects() throws ApiException {
		server.create(new V1Pod().metadata(meta("ordered")).spec(new V1PodSpec().containers(
				List.of(container("a"), container("b"), container("c")))));
		String reorder = "{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"c\"},{\"name\":\"a\"},{\"name\":\"b\"}],"
				+ "\"containers\":[{\"name\":\"a\",\"image\":\"a:2\"}]}}";
		V1Pod patched = PatchUtils.patch(V1Pod.class,
				() -> this.core.patchNamespacedPod("ordered", "fidelity", new V1Patch(reorder)).buildCall(null),
				V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH, client);
		assertThat(patched.getSpec().getContainers()).extracting(V1Container::getName).containsExactly("c", "a", "b");
		assertThat(patched.getSpec().getContainers().get(1).getImage()).isEqualTo("a:2");
		// a container the order does not name keeps its place relative to the others in the live list (c, a, b):
		// before b, so a, b, c as the strategic merge patch package's mergeSortedSlice arranges it
		String partial = "{\"spec\":{\"$setElementOrder/containers\":[{\"name\":\"b\"},{\"name\":\"c\"}]}}";
		V1Pod arranged = PatchUtils.patch(V1Pod.class,
				() -> this.core.patchNamespacedPod("ordered", "fidelity", new V1Patch(partial)).buildCall(null),
				V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH, client);
		assertThat(arranged.getSpec().getContainers()).extracting(V1Container::getName).containsExactly("a", "b", "c");
	}

	@Test
	void theKubeconfigSkipsTlsVerificationSoEveryClientAcceptsPlainHttp() throws Exception {
		Path file = server.writeKubeconfig(this.directory.resolve("fake.kubeconfig"));
		assertThat(Files.readString(file)).contains("    insecure-skip-tls-verify: true\n");
		KubeConfig config = KubeConfig.loadKubeConfig(Files.newBufferedReader(file));
		assertThat(config.verifySSL()).isFalse();
		ApiClient fromFile = ClientBuilder.kubeconfig(config).build();
		assertThat(new CoreV1Api(fromFile).listNamespacedConfigMap("fidelity").execute().getKind())
			.isEqualTo("ConfigMapList");
	}

	private static V1Container container(String name) {
		return new V1Container().name(name).image(name + ":1");
	}

	private static V1ObjectMeta meta(String name) {
		return new V1ObjectMeta().name(name).namespace("fidelity");
	}

	private static V1ConfigMap configMap(String name, Map<String, String> data) {
		return new V1ConfigMap().metadata(meta(name)).data(data);
	}

}
