package io.github.informer.test;

import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official Python client ({@code python3-kubernetes}) against the server, through
 * {@code src/test/python/conformance.py} with the kubeconfig the server writes: default namespaces, the scale
 * subresource, access reviews, a server-side Table, discovery categories, a watch ({@code watch=True}), a dry-run
 * delete and a field selector's 400. Skipped (with a message) when no python3 can import {@code kubernetes}.
 */
@EnabledIfPythonClient
@ExtendWith(FakeKubernetesApiServerExtension.class)
class PythonClientTests {

	private static final Path SCRIPT = Path.of("src", "test", "python", "conformance.py");

	private static FakeKubernetesApiServer server;

	private static Path kubeconfig;

	@BeforeAll
	static void writeKubeconfig(FakeKubernetesApiServer fake, @TempDir Path directory) {
		server = fake;
		kubeconfig = server.writeKubeconfig(directory.resolve("python.kubeconfig"));
	}

	@Test
	void listsTheDefaultNamespacesWithTheirLabelAndFinalizer() throws Exception {
		ExternalClients.assertDefaultNamespaces(run("namespaces"));
	}

	@Test
	void readsPatchesAndReplacesTheScaleOfADeployment() throws Exception {
		ExternalClients.assertScale(run("scale"), "app=py-web", 1, 3, 6);
	}

	@Test
	void accessReviewsFollowForbid() throws Exception {
		server.forbid("secrets", "py-denied");
		try {
			JsonObject access = run("access").getAsJsonObject();
			assertThat(access.get("denied").getAsBoolean()).isFalse();
			assertThat(access.get("open").getAsBoolean()).isTrue();
			assertThat(access.getAsJsonArray("ruleResources").toString()).contains("\"configmaps\"")
				.doesNotContain("\"secrets\"");
		}
		finally {
			server.allow("secrets", "py-denied");
		}
	}

	@Test
	void asksForAServerSideTable() throws Exception {
		JsonObject table = run("table").getAsJsonObject();
		assertThat(table.get("kind").getAsString()).isEqualTo("Table");
		assertThat(table.getAsJsonArray("columns").toString()).isEqualTo("[\"Name\",\"Status\",\"Age\"]");
		assertThat(table.getAsJsonArray("rows").get(0).toString()).isEqualTo("[\"default\",\"Active\"]");
	}

	@Test
	void discoveryCarriesCategoriesAndScaleSubresources() throws Exception {
		JsonObject discovery = run("discovery").getAsJsonObject();
		assertThat(discovery.getAsJsonArray("all").toString())
			.isEqualTo("[\"daemonsets\",\"deployments\",\"replicasets\",\"statefulsets\"]");
		assertThat(discovery.getAsJsonArray("scale").toString())
			.isEqualTo("[\"deployments/scale\",\"replicasets/scale\",\"statefulsets/scale\"]");
	}

	@Test
	void watchStreamsBecauseWatchTrueReadsAsTrue() throws Exception {
		assertThat(run("watch").getAsJsonObject().getAsJsonArray("events").toString())
			.isEqualTo("[\"ADDED watched\"]");
		assertThat(server.requests()).anyMatch((request) -> request.path().equals("/api/v1/namespaces/py-watch/configmaps")
				&& "True".equals(request.query().get("watch")));
	}

	@Test
	void aDryRunInTheDeleteOptionsBodyKeepsTheObject() throws Exception {
		assertThat(run("dry-run-delete").getAsJsonObject().getAsJsonArray("kept").toString()).isEqualTo("[\"kept\"]");
	}

	@Test
	void anUnsupportedFieldSelectorIsTheRealBadRequest() throws Exception {
		JsonObject answer = run("field-selector").getAsJsonObject();
		assertThat(answer.get("status").getAsInt()).isEqualTo(400);
		assertThat(answer.get("message").getAsString())
			.isEqualTo("\"data.i\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
	}

	private static JsonElement run(String scenario) throws Exception {
		Path python = ExternalClients.pythonWithKubernetes().orElseThrow();
		return ExternalClients.runScenario(List.of(python.toString(), SCRIPT.toString(), kubeconfig.toString(), scenario),
				null);
	}

}
