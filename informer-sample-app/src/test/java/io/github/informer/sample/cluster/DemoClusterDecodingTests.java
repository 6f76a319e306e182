package io.github.informer.sample.cluster;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.github.informer.client.ResourceType;
import io.github.informer.decoder.DecodedList;
import io.github.informer.decoder.DecoderType;
import io.github.informer.decoder.ModelDecoder;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.JSON;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every object the sample seeds, as the in-JVM API server serves it in a list, decodes with both of the starter's
 * decoders to what client-java's {@code JSON} decodes from the same bytes.
 */
class DemoClusterDecodingTests {

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	@Test
	void everyDemoObjectAsServedDecodesEqualToClientJava(FakeKubernetesApiServer server) throws Exception {
		List<KubernetesObject> objects = DemoCluster.objects();
		server.seed(objects);
		Map<String, Class<? extends KubernetesObject>> kinds = new LinkedHashMap<>();
		objects.forEach((object) -> kinds.put(object.getApiVersion() + " " + object.getKind(), object.getClass()));
		HttpClient http = HttpClient.newHttpClient();
		int decoded = 0;
		int served = 0;
		for (Map.Entry<String, Class<? extends KubernetesObject>> kind : kinds.entrySet()) {
			String[] apiVersionKind = kind.getKey().split(" ");
			String base = apiVersionKind[0].contains("/") ? "/apis/" + apiVersionKind[0] : "/api/v1";
			String body = http
				.send(HttpRequest.newBuilder(URI.create(server.url() + base + "/"
						+ ResourceType.guessPlural(apiVersionKind[1]))).build(), HttpResponse.BodyHandlers.ofString())
				.body();
			List<JsonElement> items = JsonParser.parseString(body).getAsJsonObject().getAsJsonArray("items").asList();
			assertThat(items).as(kind.getKey()).isNotEmpty();
			served += items.size();
			for (DecoderType decoder : DecoderType.values()) {
				DecodedList<? extends KubernetesObject> list = ModelDecoder.of(kind.getValue(), decoder)
					.decodeList(new StringReader(body));
				assertThat(list.items()).hasSameSizeAs(items);
				for (int i = 0; i < items.size(); i++) {
					Object expected = JSON.getGson().fromJson(items.get(i), kind.getValue());
					assertThat(JSON.serialize(list.items().get(i))).as(kind.getKey() + " " + decoder.value())
						.isEqualTo(JSON.serialize(expected));
					assertThat(list.items().get(i)).isEqualTo(expected);
					decoded++;
				}
			}
		}
		// every seeded object, and what the server serves besides (its default namespaces)
		assertThat(served).isGreaterThanOrEqualTo(objects.size());
		assertThat(decoded).isEqualTo(2 * served);
	}

}
