package io.github.informer.test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.proto.IntStr;
import io.kubernetes.client.proto.Meta;
import io.kubernetes.client.proto.Resource;
import io.kubernetes.client.proto.Runtime;
import io.kubernetes.client.proto.V1;
import io.kubernetes.client.proto.V1Apps;
import io.kubernetes.client.proto.V1Coordination;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code application/vnd.kubernetes.protobuf} bodies as client-go's typed clients encode them (the {@code k8s\0}
 * envelope around a runtime.Unknown, the object in its generated message, zero values of non-pointer fields
 * written out), posted over HTTP: the server stores and answers the JSON kube-apiserver would.
 */
@ExtendWith(FakeKubernetesApiServerExtension.class)
class ProtobufBodiesTests {

	private static final byte[] MAGIC = { 0x6b, 0x38, 0x73, 0x00 };

	private static FakeKubernetesApiServer server;

	private static HttpClient http;

	@BeforeAll
	static void useServer(FakeKubernetesApiServer fake) {
		server = fake;
		http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
	}

	@Test
	void aConfigMapInProtobufIsStoredAsJsonWithBytesInBase64AndGoZeroValuesOmitted() throws Exception {
		V1.ConfigMap configMap = V1.ConfigMap.newBuilder()
			.setMetadata(Meta.ObjectMeta.newBuilder()
				.setName("proto")
				.setGenerateName("")
				.setNamespace("")
				.setCreationTimestamp(Meta.Time.newBuilder().build()))
			.putData("color", "blue")
			.putBinaryData("blob", ByteString.copyFrom(new byte[] { 1, 2, 3 }))
			.setImmutable(false)
			.build();
		HttpResponse<String> response = send("POST", "/api/v1/namespaces/proto/configmaps", "v1", "ConfigMap",
				configMap);
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		JsonObject answered = JsonParser.parseString(response.body()).getAsJsonObject();
		JsonObject metadata = answered.getAsJsonObject("metadata");
		assertThat(metadata.has("generateName")).isFalse();
		assertThat(metadata.get("namespace").getAsString()).isEqualTo("proto");
		assertThat(metadata.get("creationTimestamp").getAsString()).isNotEmpty();
		assertThat(answered.getAsJsonObject("binaryData").get("blob").getAsString()).isEqualTo("AQID");
		assertThat(answered.get("immutable").getAsBoolean()).as("a *bool keeps its false").isFalse();
		V1ConfigMap stored = server.get(V1ConfigMap.class, "proto", "proto").orElseThrow();
		assertThat(stored.getData()).containsEntry("color", "blue");
		assertThat(stored.getBinaryData().get("blob")).containsExactly(1, 2, 3);
	}

	@Test
	void intOrStringQuantityAndReplicasZeroConvertAsInJson() throws Exception {
		V1Apps.Deployment deployment = V1Apps.Deployment.newBuilder()
			.setMetadata(Meta.ObjectMeta.newBuilder().setName("zero"))
			.setSpec(V1Apps.DeploymentSpec.newBuilder()
				.setReplicas(0)
				.setMinReadySeconds(0)
				.setPaused(false)
				.setSelector(Meta.LabelSelector.newBuilder().putMatchLabels("app", "zero"))
				.setStrategy(V1Apps.DeploymentStrategy.newBuilder()
					.setType("RollingUpdate")
					.setRollingUpdate(V1Apps.RollingUpdateDeployment.newBuilder()
						.setMaxSurge(IntStr.IntOrString.newBuilder().setType(1).setStrVal("25%"))
						.setMaxUnavailable(IntStr.IntOrString.newBuilder().setType(0).setIntVal(1))))
				.setTemplate(V1.PodTemplateSpec.newBuilder()
					.setMetadata(Meta.ObjectMeta.newBuilder().putLabels("app", "zero"))
					.setSpec(V1.PodSpec.newBuilder()
						.addContainers(V1.Container.newBuilder()
							.setName("web")
							.setImage("nginx")
							.setStdin(false)
							.setResources(V1.ResourceRequirements.newBuilder()
								.putRequests("cpu", Resource.Quantity.newBuilder().setString("500m").build())
								.putLimits("memory", Resource.Quantity.newBuilder().setString("1Gi").build()))))))
			.setStatus(V1Apps.DeploymentStatus.newBuilder())
			.build();
		HttpResponse<String> response = send("POST", "/apis/apps/v1/namespaces/proto/deployments", "apps/v1",
				"Deployment", deployment);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonObject spec = JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("spec");
		assertThat(spec.get("replicas").getAsInt()).as("*int32 replicas keeps its 0").isZero();
		assertThat(spec.has("minReadySeconds")).as("int32 with omitempty").isFalse();
		assertThat(spec.has("paused")).isFalse();
		JsonObject rollingUpdate = spec.getAsJsonObject("strategy").getAsJsonObject("rollingUpdate");
		assertThat(rollingUpdate.get("maxSurge").getAsString()).isEqualTo("25%");
		assertThat(rollingUpdate.get("maxUnavailable").getAsJsonPrimitive().isNumber()).isTrue();
		V1Deployment stored = server.get(V1Deployment.class, "proto", "zero").orElseThrow();
		var container = stored.getSpec().getTemplate().getSpec().getContainers().get(0);
		assertThat(container.getResources().getRequests().get("cpu").toSuffixedString()).isEqualTo("500m");
		assertThat(container.getResources().getLimits().get("memory").toSuffixedString()).isEqualTo("1Gi");
		assertThat(container.getStdin()).isNull();
	}

	@Test
	void aServiceTargetPortByNameAndNumber() throws Exception {
		V1.Service service = V1.Service.newBuilder()
			.setMetadata(Meta.ObjectMeta.newBuilder().setName("svc"))
			.setSpec(V1.ServiceSpec.newBuilder()
				.setType("ClusterIP")
				.putSelector("app", "web")
				.addPorts(V1.ServicePort.newBuilder()
					.setName("http")
					.setProtocol("TCP")
					.setPort(80)
					.setNodePort(0)
					.setTargetPort(IntStr.IntOrString.newBuilder().setType(1).setStrVal("web")))
				.addPorts(V1.ServicePort.newBuilder()
					.setName("metrics")
					.setPort(9090)
					.setTargetPort(IntStr.IntOrString.newBuilder().setType(0).setIntVal(9091))))
			.build();
		assertThat(send("POST", "/api/v1/namespaces/proto/services", "v1", "Service", service).statusCode())
			.isEqualTo(201);
		V1Service stored = server.get(V1Service.class, "proto", "svc").orElseThrow();
		assertThat(stored.getSpec().getPorts().get(0).getTargetPort().getStrValue()).isEqualTo("web");
		assertThat(stored.getSpec().getPorts().get(0).getNodePort()).isNull();
		assertThat(stored.getSpec().getPorts().get(1).getTargetPort().getIntValue()).isEqualTo(9091);
	}

	@Test
	void timesAndMicroTimesBecomeRfc3339AndRawExtensionsEmbedTheirJson() throws Exception {
		V1Coordination.Lease lease = V1Coordination.Lease.newBuilder()
			.setMetadata(Meta.ObjectMeta.newBuilder().setName("leader"))
			.setSpec(V1Coordination.LeaseSpec.newBuilder()
				.setHolderIdentity("pod-a")
				.setLeaseDurationSeconds(15)
				.setAcquireTime(Meta.MicroTime.newBuilder().setSeconds(1_767_225_600L).setNanos(123_456_000))
				.setRenewTime(Meta.MicroTime.newBuilder().setSeconds(1_767_225_610L)))
			.build();
		HttpResponse<String> created = send("POST", "/apis/coordination.k8s.io/v1/namespaces/proto/leases",
				"coordination.k8s.io/v1", "Lease", lease);
		JsonObject spec = JsonParser.parseString(created.body()).getAsJsonObject().getAsJsonObject("spec");
		assertThat(spec.get("acquireTime").getAsString()).isEqualTo("2026-01-01T00:00:00.123456Z");
		assertThat(spec.get("renewTime").getAsString()).isEqualTo("2026-01-01T00:00:10.000000Z");
		V1.Event event = V1.Event.newBuilder()
			.setMetadata(Meta.ObjectMeta.newBuilder().setName("started"))
			.setInvolvedObject(V1.ObjectReference.newBuilder().setKind("Pod").setName("web"))
			.setReason("Started")
			.setFirstTimestamp(Meta.Time.newBuilder().setSeconds(1_767_225_600L))
			.setLastTimestamp(Meta.Time.newBuilder())
			.setCount(1)
			.build();
		JsonObject answered = JsonParser
			.parseString(send("POST", "/api/v1/namespaces/proto/events", "v1", "Event", event).body())
			.getAsJsonObject();
		assertThat(answered.get("firstTimestamp").getAsString()).isEqualTo("2026-01-01T00:00:00Z");
		assertThat(answered.has("lastTimestamp")).as("a zero Time").isFalse();
		V1Apps.ControllerRevision revision = V1Apps.ControllerRevision.newBuilder()
			.setMetadata(Meta.ObjectMeta.newBuilder().setName("web-1"))
			.setData(Runtime.RawExtension.newBuilder().setRaw(ByteString.copyFromUtf8("{\"spec\":{\"x\":1}}")))
			.setRevision(1)
			.build();
		JsonObject stored = JsonParser
			.parseString(send("POST", "/apis/apps/v1/namespaces/proto/controllerrevisions", "apps/v1",
					"ControllerRevision", revision)
				.body())
			.getAsJsonObject();
		assertThat(stored.getAsJsonObject("data").getAsJsonObject("spec").get("x").getAsInt()).isEqualTo(1);
	}

	@Test
	void anUpdateMayBeProtobufToo() throws Exception {
		send("POST", "/api/v1/namespaces/proto/configmaps", "v1", "ConfigMap", V1.ConfigMap.newBuilder()
			.setMetadata(Meta.ObjectMeta.newBuilder().setName("replaced"))
			.putData("n", "1")
			.build());
		HttpResponse<String> replaced = send("PUT", "/api/v1/namespaces/proto/configmaps/replaced", "v1",
				"ConfigMap", V1.ConfigMap.newBuilder()
					.setMetadata(Meta.ObjectMeta.newBuilder().setName("replaced"))
					.putData("n", "2")
					.build());
		assertThat(replaced.statusCode()).isEqualTo(200);
		assertThat(server.get(V1ConfigMap.class, "proto", "replaced").orElseThrow().getData()).containsEntry("n", "2");
	}

	@Test
	void aCustomResourceInProtobufIsUnsupportedMediaType() throws Exception {
		server.registerCustomResource("example.com", "v1", "Widget", "widgets", true);
		HttpResponse<String> response = send("POST", "/apis/example.com/v1/namespaces/proto/widgets",
				"example.com/v1", "Widget", V1.ConfigMap.newBuilder().build());
		assertThat(response.statusCode()).isEqualTo(415);
		JsonObject status = JsonParser.parseString(response.body()).getAsJsonObject();
		assertThat(status.get("reason").getAsString()).isEqualTo("UnsupportedMediaType");
		assertThat(status.get("message").getAsString()).contains("application/json");
	}

	@Test
	void aBodyWithoutTheEnvelopeIsABadRequest() throws Exception {
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.url()
				+ "/api/v1/namespaces/proto/configmaps"))
			.header("Content-Type", "application/vnd.kubernetes.protobuf")
			.POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] { 1, 2, 3 }))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("k8s\\\\x00");
	}

	@Test
	void durationsPrintAsGoPrintsThem() {
		assertThat(ProtobufBodies.goDuration(0)).isEqualTo("0s");
		assertThat(ProtobufBodies.goDuration(1_500_000_000L)).isEqualTo("1.5s");
		assertThat(ProtobufBodies.goDuration(3_600_000_000_000L)).isEqualTo("1h0m0s");
		assertThat(ProtobufBodies.goDuration(150_000_000_000L)).isEqualTo("2m30s");
		assertThat(ProtobufBodies.goDuration(300_000_000L)).isEqualTo("300ms");
		assertThat(ProtobufBodies.goDuration(-2_000L)).isEqualTo("-2µs");
	}

	private static HttpResponse<String> send(String method, String path, String apiVersion, String kind,
			Message object) throws IOException, InterruptedException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		body.write(MAGIC);
		Runtime.Unknown.newBuilder()
			.setTypeMeta(Runtime.TypeMeta.newBuilder().setApiVersion(apiVersion).setKind(kind))
			.setRaw(object.toByteString())
			.setContentEncoding("")
			.setContentType("")
			.build()
			.writeTo(body);
		HttpRequest request = HttpRequest.newBuilder(URI.create(server.url() + path))
			.header("Content-Type", "application/vnd.kubernetes.protobuf")
			.header("Accept", "application/vnd.kubernetes.protobuf, */*")
			.method(method, HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
