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
 * The official JavaScript client ({@code @kubernetes/client-node} 1.4.0) against the server, through
 * {@code src/test/node/conformance.mjs} with the kubeconfig the server writes (which client-node accepts for http
 * only with {@code insecure-skip-tls-verify}): default namespaces, the scale subresource and access reviews.
 * Skipped (with a message) unless node is on PATH and {@code npm install} has run in {@code src/test/node}.
 */
@EnabledIfClientNode
@ExtendWith(FakeKubernetesApiServerExtension.class)
class ClientNodeTests {

	private static FakeKubernetesApiServer server;

	private static Path kubeconfig;

	@BeforeAll
	static void writeKubeconfig(FakeKubernetesApiServer fake, @TempDir Path directory) {
		server = fake;
		kubeconfig = server.writeKubeconfig(directory.resolve("node.kubeconfig"));
	}

	@Test
	void loadsTheKubeconfigAndListsTheDefaultNamespaces() throws Exception {
		ExternalClients.assertDefaultNamespaces(run("namespaces"));
	}

	@Test
	void readsPatchesAndReplacesTheScaleOfADeployment() throws Exception {
		ExternalClients.assertScale(run("scale"), "app=js-web", 2, 4, 7);
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
		Path node = ExternalClients.nodeWithClientNode().orElseThrow();
		return ExternalClients.runScenario(
				List.of(node.toString(), "conformance.mjs", kubeconfig.toAbsolutePath().toString(), scenario),
				ExternalClients.NODE_DIRECTORY);
	}

}
