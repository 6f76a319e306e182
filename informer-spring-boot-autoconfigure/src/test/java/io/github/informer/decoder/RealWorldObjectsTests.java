package io.github.informer.decoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1CustomResourceDefinition;
import io.kubernetes.client.openapi.models.V1JSONSchemaProps;
import io.kubernetes.client.openapi.models.V1ReplicationController;
import io.kubernetes.client.util.ModelMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Objects as a real API server serves them (written after kubectl's and kube-apiserver's test data: managedFields
 * with fieldsV1, the last-applied annotation, {@code creationTimestamp: null} in templates, micro-second times,
 * quantities, int-or-string ports, base64 data; a CustomResourceDefinition with a full OpenAPI schema: defaults of
 * every JSON type, int-or-string, enums, validations, nested and free-form schemas) decode with the streaming decoder
 * and the client-java one exactly as client-java's {@code JSON} decodes them.
 */
class RealWorldObjectsTests {

	@Test
	void everyFixtureDecodesEqualToClientJava() throws IOException {
		List<String> failures = new ArrayList<>();
		List<JsonObject> items = fixtures();
		assertThat(items).hasSizeGreaterThanOrEqualTo(13);
		for (JsonObject item : items) {
			Class<?> type = ModelMapper.getApiTypeClass(item.get("apiVersion").getAsString(),
					item.get("kind").getAsString());
			assertThat(type).as(item.get("kind").getAsString()).isNotNull();
			// 1: client-java decoded it (a real object has every required field), and both decoders compared
			assertThat(ModelDecoderEqualityTests.compare(type, item.toString(), failures))
				.as(item.get("kind").getAsString())
				.isEqualTo(1);
		}
		assertThat(failures).isEmpty();
	}

	@Test
	void managedFieldsAreDroppedAsClientJavaDropsThem() throws IOException {
		JsonObject controller = fixture("ReplicationController");
		assertThat(controller.getAsJsonObject("metadata").getAsJsonArray("managedFields")).hasSize(2);
		for (DecoderType decoder : DecoderType.values()) {
			V1ReplicationController decoded = ModelDecoder.of(V1ReplicationController.class, decoder)
				.decode(new StringReader(controller.toString()));
			// without -Dkubernetes.client.includeManagedFields=true: client-java's exclusion leaves the initial list
			assertThat(decoded.getMetadata().getManagedFields()).as(decoder.value()).isEmpty();
			assertThat(decoded.getMetadata().getAnnotations())
				.containsKey("kubectl.kubernetes.io/last-applied-configuration");
		}
	}

	@Test
	void theSchemaOfACustomResourceDefinitionKeepsItsFreeFormValues() throws IOException {
		JsonObject definition = fixture("CustomResourceDefinition");
		V1CustomResourceDefinition decoded = ModelDecoder.of(V1CustomResourceDefinition.class, DecoderType.STREAMING)
			.decode(new StringReader(definition.toString()));
		V1JSONSchemaProps spec = decoded.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema()
			.getProperties()
			.get("spec");
		assertThat(spec.getProperties().get("replicas").getDefault()).isEqualTo(2.0);
		assertThat(spec.getProperties().get("port").getDefault()).isEqualTo("http");
		assertThat(spec.getProperties().get("port").getxKubernetesIntOrString()).isTrue();
		assertThat(spec.getProperties().get("tier").getEnum()).containsExactly("free", "pro", "enterprise");
		assertThat(spec.getProperties().get("settings").getAdditionalProperties()).isEqualTo(true);
		assertThat(spec.getProperties().get("labels").getAdditionalProperties()).isInstanceOf(java.util.Map.class);
		assertThat(spec.getxKubernetesValidations()).singleElement()
			.satisfies((rule) -> assertThat(rule.getRule()).isEqualTo("self.replicas <= 50"));
	}

	private static JsonObject fixture(String kind) throws IOException {
		return fixtures().stream()
			.filter((item) -> item.get("kind").getAsString().equals(kind))
			.findFirst()
			.orElseThrow();
	}

	static List<JsonObject> fixtures() throws IOException {
		try (InputStream stream = RealWorldObjectsTests.class.getResourceAsStream("real-world-objects.json")) {
			JsonElement list = JsonParser.parseReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
			List<JsonObject> items = new ArrayList<>();
			list.getAsJsonObject().getAsJsonArray("items").forEach((item) -> items.add(item.getAsJsonObject()));
			return items;
		}
	}

}
