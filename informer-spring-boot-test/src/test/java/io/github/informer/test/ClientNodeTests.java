package io.github.informer.test;

import java.nio.file.Path;
import java.util.List;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The official JavaScript client ({@code @kubernetes/client-node} 1.4.0) against the server, through
 * {@code src/test/node/conformance.mjs} with the kubeconfig the server writes (which client-node accepts for http
 * only with {@code insecure-skip-tls-verify}): default namespaces, the scale subresource and access reviews.
 * Skipped (with a message) unless node is on PATH and {@code npm install} has run in {@code src/test/node}.
 */
class ClientNodeTests {

	private static Path node;

	private static FakeKubernetesApiServer server;

	@TempDir
	static Path directory;

	private static Path kubeconfig;

	@BeforeAll
	static void start() {
		node = ExternalClients.nodeWithClientNode().orElse(null);
		assumeTrue(node != null, "node or @kubernetes/client-node is missing (npm install in"
				+ " informer-spring-boot-test/src/test/node): skipping the client-node conformance tests");
		server = new FakeKubernetesApiServer().start();
		kubeconfig = server.writeKubeconfig(directory.resolve("node.kubeconfig"));
	}

	@AfterAll
	static void stop() {
		if (server != null) {
			server.close();
		}
	}

	@Test
	void loadsTheKubeconfigAndListsTheDefaultNamespaces() throws Exception {
		JsonArray namespaces = run("namespaces").getAsJsonArray();
		assertThat(namespaces).extracting((namespace) -> namespace.getAsJsonObject().get("name").getAsString())
			.containsExactly("default", "kube-node-lease", "kube-public", "kube-system");
		for (JsonElement namespace : namespaces) {
			JsonObject object = namespace.getAsJsonObject();
			assertThat(object.get("label").getAsString()).isEqualTo(object.get("name").getAsString());
			assertThat(object.getAsJsonArray("finalizers").get(0).getAsString()).isEqualTo("kubernetes");
		}
	}

	@Test
	void readsPatchesAndReplacesTheScaleOfADeployment() throws Exception {
		JsonObject scale = run("scale").getAsJsonObject();
		assertThat(scale.get("kind").getAsString()).isEqualTo("Scale");
		assertThat(scale.get("selector").getAsString()).isEqualTo("app=js-web");
		assertThat(scale.get("read").getAsInt()).isEqualTo(2);
		assertThat(scale.get("patched").getAsInt()).isEqualTo(4);
		assertThat(scale.get("replaced").getAsInt()).isEqualTo(7);
		assertThat(scale.get("stored").getAsInt()).isEqualTo(7);
	}

	@Test
	void accessReviewsFollowForbidAndTheReviewOfSelfNamesTheUser() throws Exception {
		server.forbid("configmaps", "js-denied");
		try {
			JsonObject access = run("access").getAsJsonObject();
			assertThat(access.get("denied").getAsBoolean()).isFalse();
			assertThat(access.get("open").getAsBoolean()).isTrue();
			assertThat(access.get("user").getAsString()).isEqualTo("system:anonymous");
		}
		finally {
			server.allow("configmaps", "js-denied");
		}
	}

	private static JsonElement run(String scenario) throws Exception {
		List<String> command = List.of(node.toString(), "conformance.mjs", kubeconfig.toAbsolutePath().toString(),
				scenario);
		String output = ExternalClients.run(command, ExternalClients.NODE_DIRECTORY).assertSucceeded(command)
			.output();
		List<String> lines = output.lines().toList();
		return JsonParser.parseString(lines.get(lines.size() - 1));
	}

}
