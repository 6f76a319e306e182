package io.github.informer.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration processor's metadata ships in the jar, with a description and the default of every key.
 */
class InformerPropertiesMetadataTests {

	@Test
	void everyPropertyHasADescriptionAndTheDocumentedDefault() throws IOException {
		Map<String, JsonObject> properties = new HashMap<>();
		try (InputStream stream = InformerProperties.class.getClassLoader()
			.getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
			assertThat(stream).isNotNull();
			JsonObject metadata = JsonParser.parseReader(new InputStreamReader(stream, StandardCharsets.UTF_8))
				.getAsJsonObject();
			for (JsonElement property : metadata.getAsJsonArray("properties")) {
				JsonObject object = property.getAsJsonObject();
				properties.put(object.get("name").getAsString(), object);
			}
		}
		assertThat(properties).containsKeys("kubernetes.informers.enabled", "kubernetes.informers.client.url",
				"kubernetes.informers.client.kubeconfig", "kubernetes.informers.client.context",
				"kubernetes.informers.client.token-refresh", "kubernetes.informers.client.verify-ssl",
				"kubernetes.informers.namespaces", "kubernetes.informers.resync", "kubernetes.informers.list-page-size",
				"kubernetes.informers.memory.intern-strings",
				"kubernetes.informers.memory.drop-last-applied-configuration",
				"kubernetes.informers.startup.wait-for-sync", "kubernetes.informers.startup.sync-timeout",
				"kubernetes.informers.startup.fail-on-timeout", "kubernetes.informers.resources",
				"kubernetes.informers.handlers");
		properties.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith("kubernetes.informers."))
			.forEach((entry) -> assertThat(entry.getValue().has("description")).as(entry.getKey()).isTrue());
		assertThat(properties.get("kubernetes.informers.list-page-size").get("defaultValue").getAsInt()).isEqualTo(500);
		assertThat(properties.get("kubernetes.informers.startup.sync-timeout").get("defaultValue").getAsString())
			.isEqualTo("2m");
		assertThat(properties.get("kubernetes.informers.client.token-refresh").get("defaultValue").getAsString())
			.isEqualTo("1m");
		assertThat(properties.get("kubernetes.informers.resources").get("type").getAsString())
			.contains("InformerProperties$Resource");
	}

}
