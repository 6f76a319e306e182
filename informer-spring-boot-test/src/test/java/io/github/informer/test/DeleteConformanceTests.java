package io.github.informer.test;

import java.lang.reflect.Type;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapList;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1DeleteOptions;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobList;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1OwnerReference;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.util.Watch;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import io.kubernetes.client.util.generic.KubernetesApiResponse;
import io.kubernetes.client.util.generic.options.DeleteOptions;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * DELETE and DELETECOLLECTION with their DeleteOptions, from the body as client-java and kubectl send them or
 * from the query: dryRun, preconditions, propagationPolicy (with the garbage collector's part: orphaned,
 * foreground and background dependents), grace periods of pods, and the 422 for invalid options.
 */
class DeleteConformanceTests {

	private static final Type POD_EVENT = new TypeToken<Watch.Response<V1Pod>>() {
	}.getType();

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension(
			FakeKubernetesApiServer.builder().bookmarkInterval(Duration.ZERO)).perTest();

	private FakeKubernetesApiServer server;

	private ApiClient client;

	private CoreV1Api core;

	private GenericKubernetesApi<V1ConfigMap, V1ConfigMapList> configMaps;

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		this.server = server;
		this.client = this.server.apiClient();
		this.core = new CoreV1Api(this.client);
		this.configMaps = new GenericKubernetesApi<>(V1ConfigMap.class, V1ConfigMapList.class, "", "v1", "configmaps",
				this.client);
	}

	@Test
	void dryRunInTheDeleteOptionsBodyDeletesNothing() throws ApiException {
		this.server.create(configMap("kept", Map.of()));
		String before = this.server.resourceVersion();
		V1Status answer = this.core.deleteNamespacedConfigMap("kept", "gc")
			.body(new V1DeleteOptions().dryRun(List.of("All")))
			.execute();
		assertThat(answer.getStatus()).isEqualTo("Success");
		assertThat(this.server.get(V1ConfigMap.class, "gc", "kept")).isPresent();
		assertThat(this.server.resourceVersion()).isEqualTo(before);
	}

	@Test
	void dryRunInTheQueryDeletesNothingEither() throws ApiException {
		this.server.create(configMap("kept", Map.of()));
		this.core.deleteNamespacedConfigMap("kept", "gc").dryRun("All").execute();
		assertThat(this.server.get(V1ConfigMap.class, "gc", "kept")).isPresent();
	}

	@Test
	void deleteCollectionHonoursDryRunInTheBodyAndAnswersTheListItWouldDelete() throws Exception {
		this.server.create(configMap("one", Map.of()));
		this.server.create(configMap("two", Map.of()));
		JsonObject answer = send("DELETE", "/api/v1/namespaces/gc/configmaps", "{\"dryRun\":[\"All\"]}");
		assertThat(answer.get("kind").getAsString()).isEqualTo("ConfigMapList");
		assertThat(answer.getAsJsonArray("items")).hasSize(2);
		assertThat(this.server.list(V1ConfigMap.class, "gc")).hasSize(2);
		send("DELETE", "/api/v1/namespaces/gc/configmaps", "{\"propagationPolicy\":\"Background\"}");
		assertThat(this.server.list(V1ConfigMap.class, "gc")).isEmpty();
	}

	@Test
	void invalidDeleteOptionsAreRejectedWithTheRealMessages() {
		this.server.create(configMap("target", Map.of()));
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.deleteNamespacedConfigMap("target", "gc")
				.body(new V1DeleteOptions().propagationPolicy("Sideways"))
				.execute())
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(422);
				assertThat(status(ex).get("message").getAsString()).isEqualTo("DeleteOptions.meta.k8s.io \"\" is invalid:"
						+ " propagationPolicy: Unsupported value: \"Sideways\": supported values: \"Foreground\","
						+ " \"Background\", \"Orphan\", \"nil\"");
				assertThat(status(ex).getAsJsonObject("details").get("kind").getAsString()).isEqualTo("DeleteOptions");
			});
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.deleteNamespacedConfigMap("target", "gc")
				.body(new V1DeleteOptions().dryRun(List.of("Maybe")))
				.execute())
			.satisfies((ex) -> assertThat(status(ex).get("message").getAsString())
				.isEqualTo("DeleteOptions.meta.k8s.io \"\" is invalid: dryRun: Unsupported value: []string{\"Maybe\"}:"
						+ " supported values: \"All\""));
		assertThat(this.server.get(V1ConfigMap.class, "gc", "target")).isPresent();
	}

	@Test
	void foregroundDeletionDeletesTheDependentsBeforeTheOwner() throws Exception {
		V1ConfigMap owner = this.server.create(configMap("owner", Map.of()));
		this.server.create(configMap("child-a", Map.of()).metadata(ownedBy(owner, "child-a")));
		this.server.create(configMap("child-b", Map.of()).metadata(ownedBy(owner, "child-b")));
		try (WatchRecorder watch = watchConfigMaps()) {
			KubernetesApiResponse<V1ConfigMap> answer = this.configMaps.delete("gc", "owner",
					deleteOptions("Foreground"));
			assertThat(answer.getObject().getMetadata().getFinalizers()).containsExactly("foregroundDeletion");
			assertThat(answer.getObject().getMetadata().getDeletionTimestamp()).isNotNull();
			await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(watch.types()).hasSize(4));
			assertThat(watch.types()).containsExactly("MODIFIED owner", "DELETED child-a", "DELETED child-b",
					"DELETED owner");
		}
		assertThat(this.server.list(V1ConfigMap.class, "gc")).isEmpty();
	}

	@Test
	void aDryRunCascadeChangesNeitherTheOwnerNorItsDependents() {
		V1ConfigMap owner = this.server.create(configMap("owner", Map.of()));
		this.server.create(configMap("child", Map.of()).metadata(ownedBy(owner, "child")));
		String before = this.server.resourceVersion();
		DeleteOptions dryRun = deleteOptions("Foreground");
		dryRun.setDryRun(List.of("All"));
		KubernetesApiResponse<V1ConfigMap> answer = this.configMaps.delete("gc", "owner", dryRun);
		assertThat(answer.getObject().getMetadata().getFinalizers()).containsExactly("foregroundDeletion");
		assertThat(this.server.list(V1ConfigMap.class, "gc")).hasSize(2);
		assertThat(this.server.resourceVersion()).isEqualTo(before);
	}

	@Test
	void anOwnershipCycleIsCollectedToo() {
		V1ConfigMap first = this.server.create(configMap("first", Map.of()));
		V1ConfigMap second = this.server.create(configMap("second", Map.of()).metadata(ownedBy(first, "second")));
		first.getMetadata().addOwnerReferencesItem(new V1OwnerReference().apiVersion("v1").kind("ConfigMap")
			.name("second").uid(second.getMetadata().getUid()));
		this.server.update(first);
		assertThat(this.configMaps.delete("gc", "first", deleteOptions("Foreground")).getHttpStatusCode())
			.isEqualTo(200);
		assertThat(this.server.list(V1ConfigMap.class, "gc")).isEmpty();
	}

	@Test
	void orphanPropagationKeepsTheDependentsWithoutTheOwnerReference() throws Exception {
		V1ConfigMap owner = this.server.create(configMap("owner", Map.of()));
		this.server.create(configMap("child", Map.of()).metadata(ownedBy(owner, "child")));
		try (WatchRecorder watch = watchConfigMaps()) {
			KubernetesApiResponse<V1ConfigMap> answer = this.configMaps.delete("gc", "owner", deleteOptions("Orphan"));
			assertThat(answer.getObject().getMetadata().getFinalizers()).containsExactly("orphan");
			await().atMost(Duration.ofSeconds(20)).until(() -> watch.types().size() == 3);
			assertThat(watch.types()).containsExactly("MODIFIED owner", "MODIFIED child", "DELETED owner");
		}
		V1ConfigMap child = this.server.get(V1ConfigMap.class, "gc", "child").orElseThrow();
		assertThat(child.getMetadata().getOwnerReferences()).isNullOrEmpty();
	}

	@Test
	void backgroundDeletionCollectsDependentsThatHaveNoOtherOwner() throws Exception {
		V1ConfigMap owner = this.server.create(configMap("owner", Map.of()));
		V1ConfigMap other = this.server.create(configMap("other", Map.of()));
		this.server.create(configMap("only-child", Map.of()).metadata(ownedBy(owner, "only-child")));
		V1ObjectMeta shared = ownedBy(owner, "shared-child");
		shared.addOwnerReferencesItem(new V1OwnerReference().apiVersion("v1").kind("ConfigMap").name("other")
			.uid(other.getMetadata().getUid()));
		this.server.create(configMap("shared-child", Map.of()).metadata(shared));
		try (WatchRecorder watch = watchConfigMaps()) {
			assertThat(this.core.deleteNamespacedConfigMap("owner", "gc").execute().getStatus()).isEqualTo("Success");
			await().atMost(Duration.ofSeconds(20)).until(() -> watch.types().size() == 3);
			assertThat(watch.types()).containsExactly("DELETED owner", "DELETED only-child", "MODIFIED shared-child");
		}
		assertThat(this.server.get(V1ConfigMap.class, "gc", "shared-child").orElseThrow().getMetadata()
			.getOwnerReferences()).singleElement()
			.satisfies((reference) -> assertThat(reference.getName()).isEqualTo("other"));
	}

	@Test
	void batchV1JobsOrphanTheirPodsByDefaultAsKubeApiserverKeepsItForOldClients() {
		GenericKubernetesApi<V1Job, V1JobList> jobs = new GenericKubernetesApi<>(V1Job.class, V1JobList.class, "batch",
				"v1", "jobs", this.client);
		V1Job job = this.server.create(new V1Job().metadata(new V1ObjectMeta().name("once").namespace("gc")));
		this.server.create(new V1Pod().metadata(new V1ObjectMeta().name("once-pod").namespace("gc")
			.addOwnerReferencesItem(new V1OwnerReference().apiVersion("batch/v1").kind("Job").name("once")
				.uid(job.getMetadata().getUid()))));
		KubernetesApiResponse<V1Job> answer = jobs.delete("gc", "once");
		assertThat(answer.getHttpStatusCode()).isEqualTo(200);
		assertThat(answer.getObject().getMetadata().getFinalizers()).containsExactly("orphan");
		assertThat(this.server.get(V1Job.class, "gc", "once")).isEmpty();
		assertThat(this.server.get(V1Pod.class, "gc", "once-pod").orElseThrow().getMetadata().getOwnerReferences())
			.isNullOrEmpty();
	}

	@Test
	void aPodWithAGracePeriodIsMarkedThenDeleted() throws Exception {
		this.server.create(pod("graceful", 30L));
		try (WatchRecorder watch = new WatchRecorder(this.client,
				this.core.listNamespacedPod("gc").watch(true).resourceVersion(this.server.resourceVersion())
					.buildCall(null), POD_EVENT)) {
			V1Pod answer = this.core.deleteNamespacedPod("graceful", "gc").execute();
			assertThat(answer.getMetadata().getDeletionGracePeriodSeconds()).isEqualTo(30L);
			assertThat(answer.getMetadata().getDeletionTimestamp())
				.isAfter(OffsetDateTime.now().plusSeconds(20));
			await().atMost(Duration.ofSeconds(20)).until(() -> watch.events().size() == 2);
			assertThat(watch.events()).extracting((event) -> event.split(" ")[0]).containsExactly("MODIFIED",
					"DELETED");
		}
		assertThat(this.server.get(V1Pod.class, "gc", "graceful")).isEmpty();
	}

	@Test
	void gracePeriodSecondsZeroInTheBodyDeletesAPodAtOnce() throws Exception {
		this.server.create(pod("forced", 30L));
		try (WatchRecorder watch = new WatchRecorder(this.client,
				this.core.listNamespacedPod("gc").watch(true).resourceVersion(this.server.resourceVersion())
					.buildCall(null), POD_EVENT)) {
			V1Pod answer = this.core.deleteNamespacedPod("forced", "gc")
				.body(new V1DeleteOptions().gracePeriodSeconds(0L))
				.execute();
			assertThat(answer.getMetadata().getDeletionTimestamp()).isNull();
			await().atMost(Duration.ofSeconds(20)).until(() -> watch.events().size() == 1);
			assertThat(watch.events().get(0)).startsWith("DELETED forced");
		}
	}

	@Test
	void aCascadingDeleteThatWaitsForFinalizersIsAccepted() throws Exception {
		this.server.create(configMap("held", Map.of()).metadata(new V1ObjectMeta().name("held").namespace("gc")
			.finalizers(List.of("example.com/hold"))));
		try (Response response = raw("DELETE", "/api/v1/namespaces/gc/configmaps/held", "{\"orphanDependents\":false}")) {
			assertThat(response.code()).isEqualTo(202);
		}
		assertThat(this.server.get(V1ConfigMap.class, "gc", "held").orElseThrow().getMetadata().getDeletionTimestamp())
			.isNotNull();
	}

	@Test
	void preconditionsInTheBodyApplyToDeleteCollectionItems() throws Exception {
		this.server.create(configMap("one", Map.of()));
		try (Response response = raw("DELETE", "/api/v1/namespaces/gc/configmaps",
				"{\"preconditions\":{\"uid\":\"not-this-one\"}}")) {
			assertThat(response.code()).isEqualTo(409);
		}
		assertThat(this.server.list(V1ConfigMap.class, "gc")).hasSize(1);
	}

	private WatchRecorder watchConfigMaps() throws ApiException {
		return new WatchRecorder(this.client, this.core.listNamespacedConfigMap("gc")
			.watch(true)
			.resourceVersion(this.server.resourceVersion())
			.buildCall(null));
	}

	private JsonObject send(String method, String path, String body) throws Exception {
		try (Response response = raw(method, path, body)) {
			assertThat(response.code()).as("%s %s", method, path).isEqualTo(200);
			return JsonParser.parseString(response.body().string()).getAsJsonObject();
		}
	}

	private Response raw(String method, String path, String body) throws Exception {
		Request request = new Request.Builder().url(this.server.url() + path)
			.method(method, RequestBody.create(body, MediaType.get("application/json")))
			.build();
		return this.client.getHttpClient().newCall(request).execute();
	}

	private static JsonObject status(ApiException ex) {
		return JsonParser.parseString(ex.getResponseBody()).getAsJsonObject();
	}

	private static DeleteOptions deleteOptions(String propagationPolicy) {
		DeleteOptions options = new DeleteOptions();
		options.setPropagationPolicy(propagationPolicy);
		return options;
	}

	private static V1ObjectMeta ownedBy(V1ConfigMap owner, String name) {
		return new V1ObjectMeta().name(name).namespace("gc").addOwnerReferencesItem(new V1OwnerReference()
			.apiVersion("v1").kind("ConfigMap").name(owner.getMetadata().getName()).uid(owner.getMetadata().getUid())
			.blockOwnerDeletion(true));
	}

	private static V1Pod pod(String name, long terminationGracePeriodSeconds) {
		return new V1Pod().metadata(new V1ObjectMeta().name(name).namespace("gc"))
			.spec(new V1PodSpec().nodeName("node-1").terminationGracePeriodSeconds(terminationGracePeriodSeconds)
				.containers(List.of(new V1Container().name("app").image("app:1"))));
	}

	private static V1ConfigMap configMap(String name, Map<String, String> data) {
		return new V1ConfigMap().metadata(new V1ObjectMeta().name(name).namespace("gc")).data(data);
	}

}
