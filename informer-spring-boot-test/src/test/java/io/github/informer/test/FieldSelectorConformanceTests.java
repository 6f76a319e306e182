package io.github.informer.test;

import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.BatchV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1CustomResourceDefinition;
import io.kubernetes.client.openapi.models.V1CustomResourceDefinitionNames;
import io.kubernetes.client.openapi.models.V1CustomResourceDefinitionSpec;
import io.kubernetes.client.openapi.models.V1CustomResourceDefinitionVersion;
import io.kubernetes.client.openapi.models.V1CustomResourceValidation;
import io.kubernetes.client.openapi.models.V1EventSource;
import io.kubernetes.client.openapi.models.V1Job;
import io.kubernetes.client.openapi.models.V1JobStatus;
import io.kubernetes.client.openapi.models.V1JSONSchemaProps;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1NodeSpec;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1ObjectReference;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodStatus;
import io.kubernetes.client.openapi.models.V1ReplicationController;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1SelectableField;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceSpec;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.kubernetes.client.util.generic.options.ListOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Field selectors per kind as kube-apiserver supports them: the fields each kind's conversion accepts, the values
 * (with their defaults) it matches, the exact 400 for any other field on list, watch and deletecollection, and a
 * custom resource's {@code selectableFields}.
 */
@ExtendWith(FakeKubernetesApiServerExtension.class)
class FieldSelectorConformanceTests {

	private static FakeKubernetesApiServer server;

	private static ApiClient client;

	private final CoreV1Api core = new CoreV1Api(client);

	@BeforeAll
	static void seed(FakeKubernetesApiServer fake) {
		server = fake;
		client = server.apiClient();
		server.create(new V1Pod().metadata(meta("running"))
			.spec(new V1PodSpec().nodeName("node-1").restartPolicy("Always").hostNetwork(true))
			.status(new V1PodStatus().phase("Running").podIP("10.0.0.7")));
		server.create(new V1Pod().metadata(meta("pending")).status(new V1PodStatus().phase("Pending")));
		server.create(new V1Node().metadata(new V1ObjectMeta().name("cordoned"))
			.spec(new V1NodeSpec().unschedulable(true)));
		server.create(new V1Node().metadata(new V1ObjectMeta().name("ready")));
		server.create(new V1Secret().metadata(meta("token")).type("kubernetes.io/service-account-token"));
		server.create(new V1Secret().metadata(meta("plain")).type("Opaque"));
		server.create(new V1Service().metadata(meta("lb")).spec(new V1ServiceSpec().type("LoadBalancer")));
		server.create(new V1Job().metadata(meta("done")).status(new V1JobStatus().succeeded(1)));
		server.create(new V1Job().metadata(meta("fresh")));
		server.create(new V1ReplicationController().metadata(meta("rc")));
		server.create(new CoreV1Event().metadata(meta("scheduled"))
			.involvedObject(new V1ObjectReference().kind("Pod").name("running"))
			.reason("Scheduled")
			.type("Normal")
			.source(new V1EventSource().component("default-scheduler")));
		server.create(new CoreV1Event().metadata(meta("pulled"))
			.involvedObject(new V1ObjectReference().kind("Pod").name("pending"))
			.reason("Pulled")
			.type("Warning")
			.reportingComponent("kubelet"));
		server.create(new V1Namespace().metadata(new V1ObjectMeta().name("fields")));
		server.create(new V1ConfigMap().metadata(meta("settings")).data(Map.of("i", "1")));
	}

	@ParameterizedTest(name = "pods: {0} selects [{1}]")
	@CsvSource(delimiter = ';', value = { "status.phase=Running; running", "status.phase!=Running; pending",
			"spec.nodeName=node-1; running", "spec.host=node-1; running", "spec.hostNetwork=false; pending",
			"spec.hostNetwork=true; running", "spec.restartPolicy=Always; running", "status.podIP=10.0.0.7; running",
			"status.podIPs=; pending,running", "metadata.name=pending,metadata.namespace=fields; pending" })
	void podsSelectOnTheFieldsKubeApiserverSupports(String selector, String expected) throws ApiException {
		assertThat(this.core.listNamespacedPod("fields").fieldSelector(selector).execute().getItems())
			.extracting((pod) -> pod.getMetadata().getName())
			.containsExactly(expected.split(","));
	}

	@Test
	void theOtherKindsOfTheTableSelectOnTheirFieldsWithTheirDefaults() throws ApiException {
		assertThat(this.core.listNode().fieldSelector("spec.unschedulable=false").execute().getItems())
			.extracting((node) -> node.getMetadata().getName())
			.containsExactly("ready");
		assertThat(this.core.listNamespacedSecret("fields").fieldSelector("type=Opaque").execute().getItems())
			.extracting((secret) -> secret.getMetadata().getName())
			.containsExactly("plain");
		assertThat(this.core.listNamespacedService("fields").fieldSelector("spec.type=LoadBalancer").execute()
			.getItems()).hasSize(1);
		assertThat(new BatchV1Api(client).listNamespacedJob("fields").fieldSelector("status.successful=0").execute()
			.getItems()).extracting((job) -> job.getMetadata().getName()).containsExactly("fresh");
		assertThat(this.core.listNamespacedReplicationController("fields").fieldSelector("status.replicas=0")
			.execute()
			.getItems()).hasSize(1);
		assertThat(this.core.listNamespacedEvent("fields").fieldSelector("involvedObject.name=running,type=Normal")
			.execute()
			.getItems()).extracting((event) -> event.getMetadata().getName()).containsExactly("scheduled");
		assertThat(this.core.listNamespacedEvent("fields").fieldSelector("source=kubelet").execute().getItems())
			.extracting((event) -> event.getMetadata().getName())
			.containsExactly("pulled");
		assertThat(this.core.listNamespace().fieldSelector("status.phase=Active,metadata.name=fields").execute()
			.getItems()).hasSize(1);
	}

	@ParameterizedTest(name = "{0} {1} is a 400: {2}")
	@CsvSource(delimiter = '|', value = {
			"configmaps| data.i=1| \"data.i\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"",
			"pods| status.hostIP=10.0.0.1| field label not supported: status.hostIP",
			"nodes| metadata.namespace=x| field label not supported: metadata.namespace",
			"secrets| data.x=1| field label not supported: data.x",
			"jobs| spec.parallelism=1| field label \"spec.parallelism\" not supported for Job",
			"replicasets| status.replicas=1| \"status.replicas\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"",
			"deployments| spec.paused=true| \"spec.paused\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"",
			"pods| status.phase| invalid selector: 'status.phase'; can't understand 'status.phase'",
			"configmaps| metadata.name=a=b| invalid field selector: unescaped character in value: 61",
			"configmaps| metadata.name=a\\x| invalid field selector: invalid escape sequence: \\x",
			"configmaps| metadata.name =settings| \"metadata.name \" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"",
			"configmaps| spec.z=1,data.i=1| \"data.i\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"" })
	void unsupportedFieldsAreTheRealBadRequest(String resource, String selector, String message) {
		ThrowingSupplier<Object> list = switch (resource) {
			case "configmaps" -> () -> this.core.listNamespacedConfigMap("fields").fieldSelector(selector).execute();
			case "pods" -> () -> this.core.listNamespacedPod("fields").fieldSelector(selector).execute();
			case "nodes" -> () -> this.core.listNode().fieldSelector(selector).execute();
			case "secrets" -> () -> this.core.listNamespacedSecret("fields").fieldSelector(selector).execute();
			case "jobs" -> () -> new BatchV1Api(client).listNamespacedJob("fields").fieldSelector(selector).execute();
			case "replicasets" -> () -> new AppsV1Api(client).listNamespacedReplicaSet("fields")
				.fieldSelector(selector)
				.execute();
			default -> () -> new AppsV1Api(client).listNamespacedDeployment("fields").fieldSelector(selector).execute();
		};
		assertThatExceptionOfType(ApiException.class).isThrownBy(list::get).satisfies((ex) -> {
			assertThat(ex.getCode()).isEqualTo(400);
			JsonObject status = JsonParser.parseString(ex.getResponseBody()).getAsJsonObject();
			assertThat(status.get("reason").getAsString()).isEqualTo("BadRequest");
			assertThat(status.get("message").getAsString()).isEqualTo(message);
		});
	}

	@Test
	void watchAndDeleteCollectionRejectUnsupportedFieldsToo() {
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.listNamespacedConfigMap("fields").watch(true).fieldSelector("data.i=1")
				.execute())
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(400));
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.deleteCollectionNamespacedConfigMap("fields").fieldSelector("data.i=1")
				.execute())
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(400));
		assertThat(server.get(V1ConfigMap.class, "fields", "settings")).isPresent();
	}

	@Test
	void customResourcesSelectOnTheirDefinitionsSelectableFields() throws ApiException {
		server.create(new V1CustomResourceDefinition().metadata(new V1ObjectMeta().name("shirts.stable.example.com"))
			.spec(new V1CustomResourceDefinitionSpec().group("stable.example.com")
				.scope("Namespaced")
				.names(new V1CustomResourceDefinitionNames().plural("shirts").singular("shirt").kind("Shirt"))
				.versions(List.of(new V1CustomResourceDefinitionVersion().name("v1").served(true).storage(true)
					.selectableFields(List.of(new V1SelectableField().jsonPath(".spec.color")))
					.schema(new V1CustomResourceValidation().openAPIV3Schema(
							new V1JSONSchemaProps().type("object").xKubernetesPreserveUnknownFields(true)))))));
		DynamicKubernetesApi shirts = new DynamicKubernetesApi("stable.example.com", "v1", "shirts", client);
		shirts.create(shirt("blue-m", "blue", "M")).throwsApiException();
		shirts.create(shirt("red-l", "red", "L")).throwsApiException();
		ListOptions blue = new ListOptions();
		blue.setFieldSelector("spec.color=blue");
		assertThat(shirts.list("fields", blue).throwsApiException().getObject().getItems())
			.extracting(DynamicKubernetesObject::getMetadata)
			.extracting(V1ObjectMeta::getName)
			.containsExactly("blue-m");
		ListOptions size = new ListOptions();
		size.setFieldSelector("spec.size=M");
		assertThat(shirts.list("fields", size).getStatus().getMessage()).isEqualTo("field label not supported: spec.size");
	}

	private static DynamicKubernetesObject shirt(String name, String color, String size) {
		return new DynamicKubernetesObject(JsonParser.parseString("""
				{"apiVersion": "stable.example.com/v1", "kind": "Shirt",
				 "metadata": {"name": "%s", "namespace": "fields"}, "spec": {"color": "%s", "size": "%s"}}
				""".formatted(name, color, size)).getAsJsonObject());
	}

	private static V1ObjectMeta meta(String name) {
		return new V1ObjectMeta().name(name).namespace("fields");
	}

}
