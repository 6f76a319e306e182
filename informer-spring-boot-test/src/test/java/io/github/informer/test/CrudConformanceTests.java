package io.github.informer.test;

import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.custom.V1Patch;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1ContainerPort;
import io.kubernetes.client.openapi.models.V1DeleteOptions;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1DeploymentStatus;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.openapi.models.V1Preconditions;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.util.PatchUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** get / create / update / patch / delete / status through client-java's typed APIs, as kube-apiserver answers. */
@ExtendWith(FakeKubernetesApiServerExtension.class)
class CrudConformanceTests {

	private static FakeKubernetesApiServer server;

	private final CoreV1Api core = new CoreV1Api(server.apiClient());

	private final AppsV1Api apps = new AppsV1Api(server.apiClient());

	@BeforeAll
	static void useServer(FakeKubernetesApiServer fake) {
		server = fake;
	}

	@Test
	void createSetsServerFieldsAndGetReturnsTheObject() throws ApiException {
		V1ConfigMap created = this.core
			.createNamespacedConfigMap("crud", configMap("first", Map.of("k", "v")))
			.execute();
		assertThat(created.getMetadata().getUid()).isNotBlank();
		assertThat(created.getMetadata().getCreationTimestamp()).isNotNull();
		assertThat(created.getMetadata().getGeneration()).as("ConfigMaps have no generation").isNull();
		assertThat(Long.parseLong(created.getMetadata().getResourceVersion()))
			.isEqualTo(Long.parseLong(server.resourceVersion()));
		V1ConfigMap read = this.core.readNamespacedConfigMap("first", "crud").execute();
		assertThat(read).isEqualTo(created);
		assertThat(read.getData()).containsEntry("k", "v");
	}

	@Test
	void resourceVersionsGrowWithEveryWrite() throws ApiException {
		long a = Long.parseLong(this.core.createNamespacedConfigMap("crud", configMap("rv-a", Map.of())).execute()
			.getMetadata().getResourceVersion());
		long b = Long.parseLong(this.core.createNamespacedConfigMap("crud", configMap("rv-b", Map.of())).execute()
			.getMetadata().getResourceVersion());
		assertThat(b).isGreaterThan(a);
	}

	@Test
	void generateNameGivesAUniqueName() throws ApiException {
		V1ConfigMap template = new V1ConfigMap().metadata(new V1ObjectMeta().generateName("gen-"));
		String a = this.core.createNamespacedConfigMap("crud", template).execute().getMetadata().getName();
		String b = this.core.createNamespacedConfigMap("crud", template).execute().getMetadata().getName();
		assertThat(a).startsWith("gen-").hasSize(9).isNotEqualTo(b);
	}

	@Test
	void creatingAnExistingObjectIs409AlreadyExists() throws ApiException {
		this.core.createNamespacedConfigMap("crud", configMap("twice", Map.of())).execute();
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.createNamespacedConfigMap("crud", configMap("twice", Map.of())).execute())
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(409);
				assertThat(ex.getResponseBody()).contains("\"reason\":\"AlreadyExists\"")
					.contains("configmaps \\\"twice\\\" already exists");
			});
	}

	@Test
	void readingAMissingObjectIs404NotFound() {
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.readNamespacedConfigMap("missing", "crud").execute())
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(404);
				assertThat(ex.getResponseBody()).contains("\"kind\":\"Status\"").contains("\"reason\":\"NotFound\"");
			});
	}

	@Test
	void updateWithAStaleResourceVersionIs409Conflict() throws ApiException {
		V1ConfigMap created = this.core.createNamespacedConfigMap("crud", configMap("stale", Map.of("n", "1")))
			.execute();
		V1ConfigMap updated = this.core
			.replaceNamespacedConfigMap("stale", "crud", created.data(Map.of("n", "2")))
			.execute();
		assertThat(updated.getData()).containsEntry("n", "2");
		assertThat(updated.getMetadata().getResourceVersion())
			.isNotEqualTo(created.getMetadata().getResourceVersion());
		V1ConfigMap stale = created.data(Map.of("n", "3"));
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.replaceNamespacedConfigMap("stale", "crud", stale).execute())
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(409);
				assertThat(ex.getResponseBody()).contains("\"reason\":\"Conflict\"")
					.contains("the object has been modified");
			});
	}

	@Test
	void updateThatChangesNothingKeepsTheResourceVersion() throws ApiException {
		V1ConfigMap created = this.core.createNamespacedConfigMap("crud", configMap("same", Map.of("a", "b")))
			.execute();
		V1ConfigMap again = this.core.replaceNamespacedConfigMap("same", "crud", created).execute();
		assertThat(again.getMetadata().getResourceVersion()).isEqualTo(created.getMetadata().getResourceVersion());
	}

	@Test
	void updatingAMissingObjectIs404() {
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.replaceNamespacedConfigMap("nope", "crud", configMap("nope", Map.of()))
				.execute())
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(404));
	}

	@Test
	void specChangesBumpGenerationAndStatusGoesThroughTheSubresourceOnly() throws ApiException {
		V1Deployment created = this.apps.createNamespacedDeployment("crud", deployment("web", 1)).execute();
		assertThat(created.getMetadata().getGeneration()).isEqualTo(1L);
		created.getSpec().setReplicas(3);
		created.setStatus(new V1DeploymentStatus().replicas(99));
		V1Deployment updated = this.apps.replaceNamespacedDeployment("web", "crud", created).execute();
		assertThat(updated.getMetadata().getGeneration()).isEqualTo(2L);
		assertThat(updated.getStatus()).isNull();
		updated.setStatus(new V1DeploymentStatus().replicas(3).observedGeneration(2L));
		V1Deployment withStatus = this.apps.replaceNamespacedDeploymentStatus("web", "crud", updated).execute();
		assertThat(withStatus.getStatus().getReplicas()).isEqualTo(3);
		assertThat(withStatus.getMetadata().getGeneration()).isEqualTo(2L);
		V1Deployment read = this.apps.readNamespacedDeploymentStatus("web", "crud").execute();
		assertThat(read.getStatus().getObservedGeneration()).isEqualTo(2L);
	}

	@Test
	void mergePatchChangesAndRemovesKeys() throws ApiException {
		this.core.createNamespacedConfigMap("crud", configMap("merge", Map.of("keep", "1", "drop", "2"))).execute();
		V1ConfigMap patched = PatchUtils.patch(V1ConfigMap.class,
				() -> this.core.patchNamespacedConfigMap("merge", "crud",
						new V1Patch("{\"data\":{\"drop\":null,\"new\":\"3\"},\"metadata\":{\"labels\":{\"x\":\"y\"}}}"))
					.buildCall(null),
				V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, server.apiClient());
		assertThat(patched.getData()).containsOnly(Map.entry("keep", "1"), Map.entry("new", "3"));
		assertThat(patched.getMetadata().getLabels()).containsEntry("x", "y");
	}

	@Test
	void jsonPatchAppliesOperationsAndFailsOnAFailedTest() throws ApiException {
		this.core.createNamespacedConfigMap("crud", configMap("jsonpatch", Map.of("a", "1"))).execute();
		V1ConfigMap patched = PatchUtils.patch(V1ConfigMap.class,
				() -> this.core.patchNamespacedConfigMap("jsonpatch", "crud", new V1Patch(
						"[{\"op\":\"test\",\"path\":\"/data/a\",\"value\":\"1\"},"
								+ "{\"op\":\"replace\",\"path\":\"/data/a\",\"value\":\"2\"},"
								+ "{\"op\":\"add\",\"path\":\"/data/b~1c\",\"value\":\"3\"}]"))
					.buildCall(null),
				V1Patch.PATCH_FORMAT_JSON_PATCH, server.apiClient());
		assertThat(patched.getData()).containsOnly(Map.entry("a", "2"), Map.entry("b/c", "3"));
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> PatchUtils.patch(V1ConfigMap.class,
					() -> this.core.patchNamespacedConfigMap("jsonpatch", "crud", new V1Patch(
							"[{\"op\":\"test\",\"path\":\"/data/a\",\"value\":\"1\"}]")).buildCall(null),
					V1Patch.PATCH_FORMAT_JSON_PATCH, server.apiClient()))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(422));
	}

	@Test
	void strategicMergePatchMergesContainersAndEnvByName() throws ApiException {
		V1Pod pod = new V1Pod().metadata(new V1ObjectMeta().name("smp"))
			.spec(new V1PodSpec().containers(List.of(
					new V1Container().name("app").image("app:1")
						.env(List.of(new V1EnvVar().name("A").value("1"), new V1EnvVar().name("B").value("2")))
						.ports(List.of(new V1ContainerPort().containerPort(8080))),
					new V1Container().name("sidecar").image("sidecar:1"))));
		this.core.createNamespacedPod("crud", pod).execute();
		String patch = "{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"app:2\",\"env\":["
				+ "{\"name\":\"B\",\"value\":\"20\"},{\"name\":\"C\",\"value\":\"3\"},{\"name\":\"A\",\"$patch\":\"delete\"}],"
				+ "\"ports\":[{\"containerPort\":9090}]}]}}";
		V1Pod patched = PatchUtils.patch(V1Pod.class,
				() -> this.core.patchNamespacedPod("smp", "crud", new V1Patch(patch)).buildCall(null),
				V1Patch.PATCH_FORMAT_STRATEGIC_MERGE_PATCH, server.apiClient());
		List<V1Container> containers = patched.getSpec().getContainers();
		assertThat(containers).extracting(V1Container::getName).containsExactly("app", "sidecar");
		assertThat(containers.get(0).getImage()).isEqualTo("app:2");
		assertThat(containers.get(0).getEnv()).extracting(V1EnvVar::getName, V1EnvVar::getValue)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("B", "20"), org.assertj.core.groups.Tuple.tuple("C", "3"));
		assertThat(containers.get(0).getPorts()).extracting(V1ContainerPort::getContainerPort)
			.containsExactly(8080, 9090);
		assertThat(containers.get(1).getImage()).isEqualTo("sidecar:1");
	}

	@Test
	void patchCarryingAStaleResourceVersionIs409() throws ApiException {
		this.core.createNamespacedConfigMap("crud", configMap("patch-rv", Map.of())).execute();
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> PatchUtils.patch(V1ConfigMap.class,
					() -> this.core.patchNamespacedConfigMap("patch-rv", "crud",
							new V1Patch("{\"metadata\":{\"resourceVersion\":\"1\"},\"data\":{\"a\":\"b\"}}"))
						.buildCall(null),
					V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, server.apiClient()))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(409));
	}

	@Test
	void patchingAMissingObjectIs404() {
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> PatchUtils.patch(V1ConfigMap.class,
					() -> this.core.patchNamespacedConfigMap("absent", "crud", new V1Patch("{}")).buildCall(null),
					V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, server.apiClient()))
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(404));
	}

	@Test
	void deleteReturnsAStatusOrTheObjectAsKubeApiserverDoes() throws ApiException {
		this.core.createNamespacedConfigMap("crud", configMap("bye", Map.of())).execute();
		V1Status status = this.core.deleteNamespacedConfigMap("bye", "crud").execute();
		assertThat(status.getStatus()).isEqualTo("Success");
		assertThat(status.getDetails().getName()).isEqualTo("bye");
		this.core.createNamespacedPod("crud", new V1Pod().metadata(new V1ObjectMeta().name("bye-pod"))
			.spec(new V1PodSpec().containers(List.of(new V1Container().name("c").image("i"))))).execute();
		V1Pod deleted = this.core.deleteNamespacedPod("bye-pod", "crud").execute();
		assertThat(deleted.getMetadata().getName()).isEqualTo("bye-pod");
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.deleteNamespacedConfigMap("bye", "crud").execute())
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(404));
	}

	@Test
	void deleteWithAMismatchedPreconditionIs409() throws ApiException {
		V1ConfigMap created = this.core.createNamespacedConfigMap("crud", configMap("pre", Map.of())).execute();
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.deleteNamespacedConfigMap("pre", "crud")
				.body(new V1DeleteOptions().preconditions(new V1Preconditions().uid("other-uid")))
				.execute())
			.satisfies((ex) -> assertThat(ex.getResponseBody()).contains("Operation cannot be fulfilled on ConfigMap"
					+ " \\\"pre\\\": the UID in the precondition (other-uid) does not match the UID in record ("
					+ created.getMetadata().getUid() + "). The object might have been deleted and then recreated"));
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.deleteNamespacedConfigMap("pre", "crud")
				.body(new V1DeleteOptions().preconditions(new V1Preconditions().resourceVersion("1")))
				.execute())
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(409));
		V1Status deleted = this.core.deleteNamespacedConfigMap("pre", "crud")
			.body(new V1DeleteOptions().preconditions(new V1Preconditions().uid(created.getMetadata().getUid())
				.resourceVersion(created.getMetadata().getResourceVersion())))
			.execute();
		assertThat(deleted.getStatus()).isEqualTo("Success");
	}

	@Test
	void objectsWithFinalizersAreMarkedAndGoneWhenTheLastFinalizerIsRemoved() throws ApiException {
		V1ConfigMap created = this.core.createNamespacedConfigMap("crud",
				configMap("fin", Map.of()).metadata(new V1ObjectMeta().name("fin").finalizers(List.of("test/x"))))
			.execute();
		assertThat(created.getMetadata().getFinalizers()).containsExactly("test/x");
		server.delete("v1", "ConfigMap", "crud", "fin");
		V1ConfigMap marked = this.core.readNamespacedConfigMap("fin", "crud").execute();
		assertThat(marked.getMetadata().getDeletionTimestamp()).isNotNull();
		marked.getMetadata().setFinalizers(List.of());
		this.core.replaceNamespacedConfigMap("fin", "crud", marked).execute();
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.readNamespacedConfigMap("fin", "crud").execute())
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(404));
	}

	@Test
	void httpCreateDropsStatusOfKindsWithAStatusSubresourceButTheJavaApiKeepsIt() throws ApiException {
		V1Pod pod = new V1Pod().metadata(new V1ObjectMeta().name("with-status").namespace("crud"))
			.spec(new V1PodSpec().containers(List.of(new V1Container().name("c").image("i"))))
			.status(new V1PodStatus().phase("Running"));
		assertThat(this.core.createNamespacedPod("crud", pod).execute().getStatus()).isNull();
		V1Pod seeded = server.create(pod.metadata(new V1ObjectMeta().name("seeded").namespace("crud")));
		assertThat(seeded.getStatus().getPhase()).isEqualTo("Running");
	}

	@Test
	void patchOfTheStatusSubresourceChangesOnlyStatus() throws ApiException {
		this.apps.createNamespacedDeployment("crud", deployment("status-patch", 1)).execute();
		V1Deployment patched = PatchUtils.patch(V1Deployment.class,
				() -> this.apps.patchNamespacedDeploymentStatus("status-patch", "crud",
						new V1Patch("{\"status\":{\"readyReplicas\":1},\"spec\":{\"replicas\":9}}"))
					.buildCall(null),
				V1Patch.PATCH_FORMAT_JSON_MERGE_PATCH, server.apiClient());
		assertThat(patched.getStatus().getReadyReplicas()).isEqualTo(1);
		assertThat(patched.getSpec().getReplicas()).isEqualTo(1);
		assertThat(patched.getMetadata().getGeneration()).isEqualTo(1L);
	}

	@Test
	void deleteCollectionDeletesTheSelectedObjectsAndAnswersTheirList() throws Exception {
		this.core.createNamespacedConfigMap("purge", configMap("keep", Map.of())).execute();
		for (String name : List.of("x1", "x2")) {
			this.core.createNamespacedConfigMap("purge",
					configMap(name, Map.of()).metadata(new V1ObjectMeta().name(name).labels(Map.of("purge", "yes"))))
				.execute();
		}
		// kube-apiserver answers with the list of what it deleted (client-java's typed call expects a Status and
		// fails on that list against a real cluster too, so read the body)
		JsonObject deleted;
		try (okhttp3.Response response = this.core.deleteCollectionNamespacedConfigMap("purge")
			.labelSelector("purge=yes")
			.buildCall(null)
			.execute()) {
			assertThat(response.code()).isEqualTo(200);
			deleted = JsonParser.parseString(response.body().string()).getAsJsonObject();
		}
		assertThat(deleted.get("kind").getAsString()).isEqualTo("ConfigMapList");
		assertThat(deleted.getAsJsonArray("items").asList())
			.extracting((item) -> item.getAsJsonObject().getAsJsonObject("metadata").get("name").getAsString())
			.containsExactly("x1", "x2");
		assertThat(this.core.listNamespacedConfigMap("purge").execute().getItems())
			.extracting((cm) -> cm.getMetadata().getName())
			.containsExactly("keep");
	}

	@Test
	void dryRunRequestsAnswerButChangeNothing() throws ApiException {
		String before = server.resourceVersion();
		V1ConfigMap answered = this.core.createNamespacedConfigMap("crud", configMap("dry", Map.of("a", "b")))
			.dryRun("All")
			.execute();
		assertThat(answered.getMetadata().getUid()).isNotBlank();
		assertThat(server.resourceVersion()).isEqualTo(before);
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.readNamespacedConfigMap("dry", "crud").execute())
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(404));
		this.core.createNamespacedConfigMap("crud", configMap("dry", Map.of())).execute();
		this.core.deleteNamespacedConfigMap("dry", "crud").dryRun("All").execute();
		assertThat(this.core.readNamespacedConfigMap("dry", "crud").execute().getMetadata().getName()).isEqualTo("dry");
	}

	@Test
	void emptyMetadataCollectionsAreOmittedAsKubeApiserverDoes() throws Exception {
		V1ConfigMap created = server.create(configMap("empty-meta", Map.of())
			.metadata(new V1ObjectMeta().name("empty-meta").namespace("crud").labels(Map.of()).finalizers(List.of())));
		assertThat(created.getMetadata().getLabels()).isNullOrEmpty();
		try (okhttp3.Response response = server.apiClient().getHttpClient().newCall(new okhttp3.Request.Builder()
			.url(server.url() + "/api/v1/namespaces/crud/configmaps/empty-meta")
			.build()).execute()) {
			assertThat(response.body().string()).doesNotContain("\"labels\"").doesNotContain("\"finalizers\"");
		}
	}

	@Test
	void bodyNamespaceMustMatchThePath() {
		V1ConfigMap other = configMap("ns", Map.of()).metadata(new V1ObjectMeta().name("ns").namespace("other"));
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.createNamespacedConfigMap("crud", other).execute())
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(400));
	}

	private static V1ConfigMap configMap(String name, Map<String, String> data) {
		return new V1ConfigMap().metadata(new V1ObjectMeta().name(name)).data(data);
	}

	static V1Deployment deployment(String name, int replicas) {
		return new V1Deployment().metadata(new V1ObjectMeta().name(name))
			.spec(new V1DeploymentSpec().replicas(replicas)
				.selector(new V1LabelSelector().matchLabels(Map.of("app", name)))
				.template(new V1PodTemplateSpec().metadata(new V1ObjectMeta().labels(Map.of("app", name)))
					.spec(new V1PodSpec().containers(List.of(new V1Container().name("app").image("nginx"))))));
	}

}
