package io.github.informer.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapList;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** list: label and field selectors, limit/continue on the first page's snapshot, and resourceVersion semantics. */
class ListConformanceTests {

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension(
			FakeKubernetesApiServer.builder().eventHistorySize(100)).perTest();

	private FakeKubernetesApiServer server;

	private CoreV1Api core;

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		this.server = server;
		this.core = new CoreV1Api(this.server.apiClient());
		this.server.seed(List.of(configMap("a", "ns1", Map.of("app", "web", "tier", "front", "rank", "1")),
				configMap("b", "ns1", Map.of("app", "web", "tier", "back", "rank", "5")),
				configMap("c", "ns1", Map.of("app", "db")), configMap("d", "ns2", Map.of("app", "web")),
				configMap("e", "ns2", Map.of())));
	}

	@ParameterizedTest(name = "{0} selects {1}")
	@CsvSource(delimiter = ';', value = { "app=web; a,b,d", "app==web; a,b,d", "app!=web; c,e", "app in (web,db); a,b,c,d",
			"app notin (web); c,e", "tier; a,b", "!tier; c,d,e", "app=web,tier=back; b", "app in (web),!tier; d",
			"rank>2; b", "rank<2; a", "' app = web , tier in ( front ) '; a",
			// as kube-apiserver: () is the one empty value, a trailing comma in the list adds it
			"app notin (); a,b,c,d,e", "'app in (web,)'; a,b,d", "'tier in (,back)'; b" })
	void labelSelectorsUseTheFullSyntax(String selector, String expected) throws ApiException {
		V1ConfigMapList list = this.core.listConfigMapForAllNamespaces().labelSelector(selector).execute();
		assertThat(names(list)).containsExactly(expected.split(","));
	}

	// kube-apiserver answers labels.Parse's error as is: "unable to parse requirement: ..." only for errors inside a
	// requirement, not for what comes between requirements (see informer-kubernetes-selectors' LabelSelectorTests)
	@ParameterizedTest(name = "malformed selector {0} is a 400")
	@CsvSource(delimiter = '#', quoteCharacter = '`', value = {
			"app in web#unable to parse requirement: found 'web' expected: '('",
			"=web#found '=', expected: !, identifier, or 'end of string'",
			"app=we b#found 'b', expected: ',' or 'end of string'",
			"app in (a b)#unable to parse requirement: found 'b', expected: ',' or ')'",
			"rank>x#unable to parse requirement: values[0]: Invalid value: \"x\": for 'Gt', 'Lt' operators, the "
					+ "value must be an integer",
			"a,,b#found ',', expected: identifier after ','" })
	void malformedLabelSelectorsAreBadRequests(String selector, String message) {
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.listConfigMapForAllNamespaces().labelSelector(selector).execute())
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(400);
				JsonObject status = JsonParser.parseString(ex.getResponseBody()).getAsJsonObject();
				assertThat(status.get("reason").getAsString()).isEqualTo("BadRequest");
				assertThat(status.get("message").getAsString()).isEqualTo(message);
			});
	}

	@Test
	void fieldSelectorsMatchNameNamespaceAndSimpleFields() throws ApiException {
		assertThat(names(this.core.listConfigMapForAllNamespaces().fieldSelector("metadata.name=b").execute()))
			.containsExactly("b");
		assertThat(names(this.core.listConfigMapForAllNamespaces().fieldSelector("metadata.namespace==ns2").execute()))
			.containsExactly("d", "e");
		assertThat(names(this.core.listConfigMapForAllNamespaces()
			.fieldSelector("metadata.namespace!=ns2,metadata.name!=a")
			.execute())).containsExactly("b", "c");
		this.server.create(pod("running", "Running", "node-1"));
		this.server.create(pod("pending", "Pending", ""));
		assertThat(this.core.listNamespacedPod("ns1").fieldSelector("status.phase=Running").execute().getItems())
			.extracting((pod) -> pod.getMetadata().getName())
			.containsExactly("running");
		assertThat(this.core.listNamespacedPod("ns1").fieldSelector("spec.nodeName=").execute().getItems())
			.extracting((pod) -> pod.getMetadata().getName())
			.containsExactly("pending");
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.listNamespacedPod("ns1").fieldSelector("status.phase").execute())
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(400));
	}

	@Test
	void namespacedListsOnlyListTheirNamespace() throws ApiException {
		assertThat(names(this.core.listNamespacedConfigMap("ns2").execute())).containsExactly("d", "e");
		assertThat(names(this.core.listNamespacedConfigMap("ns3").execute())).isEmpty();
	}

	@Test
	void pagesFollowTheFirstPagesSnapshotDespiteConcurrentWrites() throws ApiException {
		V1ConfigMapList first = this.core.listConfigMapForAllNamespaces().limit(2).execute();
		assertThat(names(first)).containsExactly("a", "b");
		String snapshot = first.getMetadata().getResourceVersion();
		assertThat(first.getMetadata().getContinue()).isNotBlank();
		this.server.delete("v1", "ConfigMap", "ns1", "c");
		this.server.update(configMap("d", "ns2", Map.of("app", "changed")));
		this.server.create(configMap("bb", "ns1", Map.of()));
		this.server.create(configMap("f", "ns2", Map.of()));
		List<V1ConfigMap> rest = new ArrayList<>();
		String token = first.getMetadata().getContinue();
		while (token != null && !token.isEmpty()) {
			V1ConfigMapList page = this.core.listConfigMapForAllNamespaces().limit(2)._continue(token).execute();
			assertThat(page.getMetadata().getResourceVersion()).isEqualTo(snapshot);
			rest.addAll(page.getItems());
			token = page.getMetadata().getContinue();
		}
		assertThat(rest).extracting((cm) -> cm.getMetadata().getName()).containsExactly("c", "d", "e");
		assertThat(rest.get(1).getMetadata().getLabels()).containsEntry("app", "web");
		assertThat(names(this.core.listConfigMapForAllNamespaces().execute())).containsExactly("a", "b", "bb", "d",
				"e", "f");
	}

	@Test
	void pagesWithSelectorsAreFilledWithMatches() throws ApiException {
		V1ConfigMapList first = this.core.listConfigMapForAllNamespaces().labelSelector("app=web").limit(2).execute();
		assertThat(names(first)).containsExactly("a", "b");
		V1ConfigMapList second = this.core.listConfigMapForAllNamespaces()
			.labelSelector("app=web")
			.limit(2)
			._continue(first.getMetadata().getContinue())
			.execute();
		assertThat(names(second)).containsExactly("d");
		assertThat(second.getMetadata().getContinue()).isNull();
	}

	@Test
	void aContinueTokenOlderThanTheHistoryIs410Expired() throws ApiException {
		V1ConfigMapList first = this.core.listConfigMapForAllNamespaces().limit(1).execute();
		this.server.create(configMap("later", "ns1", Map.of()));
		this.server.compactHistory();
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.listConfigMapForAllNamespaces()
				.limit(1)
				._continue(first.getMetadata().getContinue())
				.execute())
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(410);
				assertThat(ex.getResponseBody()).contains("\"reason\":\"Expired\"");
			});
	}

	@Test
	void anInvalidContinueTokenIsABadRequest() {
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.listConfigMapForAllNamespaces()._continue("not-a-token").execute())
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(400));
	}

	@Test
	void resourceVersionUnsetAndZeroServeTheCurrentState() throws ApiException {
		this.server.create(configMap("new", "ns1", Map.of()));
		String current = this.server.resourceVersion();
		V1ConfigMapList unset = this.core.listNamespacedConfigMap("ns1").execute();
		V1ConfigMapList any = this.core.listNamespacedConfigMap("ns1").resourceVersion("0").execute();
		assertThat(unset.getMetadata().getResourceVersion()).isEqualTo(current);
		assertThat(any.getMetadata().getResourceVersion()).isEqualTo(current);
		assertThat(names(unset)).containsExactly("a", "b", "c", "new");
		assertThat(names(any)).containsExactly("a", "b", "c", "new");
	}

	@Test
	void anExactResourceVersionServesThatSnapshot() throws ApiException {
		String before = this.server.resourceVersion();
		this.server.create(configMap("new", "ns1", Map.of()));
		this.server.delete("v1", "ConfigMap", "ns1", "a");
		V1ConfigMapList exact = this.core.listNamespacedConfigMap("ns1")
			.resourceVersion(before)
			.resourceVersionMatch("Exact")
			.execute();
		assertThat(exact.getMetadata().getResourceVersion()).isEqualTo(before);
		assertThat(names(exact)).containsExactly("a", "b", "c");
		V1ConfigMapList legacyPaged = this.core.listNamespacedConfigMap("ns1").resourceVersion(before).limit(10)
			.execute();
		assertThat(names(legacyPaged)).containsExactly("a", "b", "c");
		V1ConfigMapList notOlderThan = this.core.listNamespacedConfigMap("ns1").resourceVersion(before).execute();
		assertThat(names(notOlderThan)).containsExactly("b", "c", "new");
	}

	@Test
	void anExactResourceVersionOutsideTheHistoryIs410() throws ApiException {
		String before = this.server.resourceVersion();
		this.server.create(configMap("new", "ns1", Map.of()));
		this.server.compactHistory();
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.listNamespacedConfigMap("ns1")
				.resourceVersion(before)
				.resourceVersionMatch("Exact")
				.execute())
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(410));
	}

	@Test
	void aResourceVersionFromTheFutureIsATimeout() {
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.listNamespacedConfigMap("ns1").resourceVersion("999999").execute())
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(504));
	}

	@Test
	void clusterScopedResourcesListWithoutNamespace() throws ApiException {
		this.server.create(new io.kubernetes.client.openapi.models.V1Namespace().metadata(new V1ObjectMeta().name("ns1")));
		assertThat(this.core.listNamespace().execute().getItems()).extracting((ns) -> ns.getMetadata().getName())
			.containsExactly("default", "kube-node-lease", "kube-public", "kube-system", "ns1");
	}

	@Test
	void itemsOfBuiltInKindsCarryNoKindOrApiVersionAsKubeApiserverWritesThem() throws Exception {
		JsonObject list = getJson("/api/v1/namespaces/ns1/configmaps");
		assertThat(list.get("kind").getAsString()).isEqualTo("ConfigMapList");
		assertThat(list.get("apiVersion").getAsString()).isEqualTo("v1");
		JsonArray items = list.getAsJsonArray("items");
		assertThat(items).hasSize(3);
		for (JsonElement item : items) {
			assertThat(item.getAsJsonObject().keySet()).doesNotContain("kind", "apiVersion")
				.contains("metadata", "data");
		}
		// a single object and the paged form of the list keep their shape
		JsonObject single = getJson("/api/v1/namespaces/ns1/configmaps/a");
		assertThat(single.get("kind").getAsString()).isEqualTo("ConfigMap");
		assertThat(single.get("apiVersion").getAsString()).isEqualTo("v1");
		JsonObject page = getJson("/api/v1/namespaces/ns1/configmaps?limit=2");
		assertThat(page.getAsJsonArray("items")).hasSize(2)
			.allSatisfy((item) -> assertThat(item.getAsJsonObject().keySet()).doesNotContain("kind", "apiVersion"));
		// client-java decodes such items; the model simply has no apiVersion/kind
		assertThat(this.core.listNamespacedConfigMap("ns1").execute().getItems())
			.allSatisfy((configMap) -> assertThat(configMap.getKind()).isNull());
	}

	@Test
	void itemsOfCustomResourcesKeepKindAndApiVersion() throws Exception {
		this.server.registerCustomResource("stable.example.org", "v1", "Gadget", "gadgets", true);
		JsonObject gadget = new JsonObject();
		gadget.addProperty("apiVersion", "stable.example.org/v1");
		gadget.addProperty("kind", "Gadget");
		JsonObject metadata = new JsonObject();
		metadata.addProperty("name", "g1");
		metadata.addProperty("namespace", "ns1");
		gadget.add("metadata", metadata);
		this.server.create(new DynamicKubernetesObject(gadget));
		JsonArray items = getJson("/apis/stable.example.org/v1/namespaces/ns1/gadgets").getAsJsonArray("items");
		assertThat(items).hasSize(1);
		assertThat(items.get(0).getAsJsonObject().get("kind").getAsString()).isEqualTo("Gadget");
		assertThat(items.get(0).getAsJsonObject().get("apiVersion").getAsString()).isEqualTo("stable.example.org/v1");
	}

	private JsonObject getJson(String path) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(this.server.url() + path)).build(), BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonParser.parseString(response.body()).getAsJsonObject();
	}

	private static List<String> names(V1ConfigMapList list) {
		return list.getItems().stream().map((item) -> item.getMetadata().getName()).toList();
	}

	private static V1ConfigMap configMap(String name, String namespace, Map<String, String> labels) {
		return new V1ConfigMap().metadata(new V1ObjectMeta().name(name).namespace(namespace).labels(labels))
			.data(Map.of("k", "v"));
	}

	private static V1Pod pod(String name, String phase, String node) {
		return new V1Pod().metadata(new V1ObjectMeta().name(name).namespace("ns1"))
			.spec(new V1PodSpec().nodeName(node.isEmpty() ? null : node)
				.containers(List.of(new io.kubernetes.client.openapi.models.V1Container().name("c").image("i"))))
			.status(new V1PodStatus().phase(phase));
	}

}
