package io.github.informer.client;

import java.util.ArrayList;
import java.util.List;

import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1APIGroup;
import io.kubernetes.client.openapi.models.V1APIGroupList;
import io.kubernetes.client.openapi.models.V1APIResource;
import io.kubernetes.client.openapi.models.V1APIResourceList;
import io.kubernetes.client.openapi.models.V1GroupVersionForDiscovery;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ResourceType}: the plural guessed before discovery matches what the API server's discovery says.
 */
class ResourceTypeTests extends FakeServerTestSupport {

	@Test
	void guessedPluralsMatchDiscoveryForEveryServedKind() throws Exception {
		List<String> paths = new ArrayList<>(List.of("/api/v1"));
		for (V1APIGroup group : get("/apis", V1APIGroupList.class).getGroups()) {
			for (V1GroupVersionForDiscovery version : group.getVersions()) {
				paths.add("/apis/" + version.getGroupVersion());
			}
		}
		List<String> checked = new ArrayList<>();
		for (String path : paths) {
			for (V1APIResource resource : get(path, V1APIResourceList.class).getResources()) {
				if (!resource.getName().contains("/")) {
					assertThat(ResourceType.guessPlural(resource.getKind())).as(path + " " + resource.getKind())
						.isEqualTo(resource.getName());
					checked.add(resource.getKind());
				}
			}
		}
		assertThat(checked).contains("Pod", "Endpoints", "Ingress", "NetworkPolicy", "Deployment", "Lease");
	}

	@Test
	void guessesEnglishPlurals() {
		assertThat(ResourceType.guessPlural("Gateway")).isEqualTo("gateways");
		assertThat(ResourceType.guessPlural("Policy")).isEqualTo("policies");
		assertThat(ResourceType.guessPlural("Ingress")).isEqualTo("ingresses");
		assertThat(ResourceType.guessPlural("Endpoints")).isEqualTo("endpoints");
	}

	private <T> T get(String path, Class<T> type) throws Exception {
		Request request = new Request.Builder().url(this.server.url() + path).build();
		try (Response response = this.server.apiClient().getHttpClient().newCall(request).execute()) {
			return JSON.deserialize(response.body().string(), type);
		}
	}

}
