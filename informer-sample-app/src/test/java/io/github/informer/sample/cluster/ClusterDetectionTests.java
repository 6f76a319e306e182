package io.github.informer.sample.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the sample looks for a configured cluster before deciding to start the embedded one. */
class ClusterDetectionTests {

	@TempDir
	Path directory;

	private final MockEnvironment environment = new MockEnvironment();

	@Test
	void nothingConfiguredMeansNoCluster() {
		assertThat(detection(Map.of()).configuredCluster(this.environment)).isNull();
	}

	@Test
	void clientUrlPropertyIsACluster() {
		this.environment.setProperty("kubernetes.informers.client.url", "https://10.0.0.1:6443");
		assertThat(detection(Map.of()).configuredCluster(this.environment))
			.isEqualTo("kubernetes.informers.client.url (https://10.0.0.1:6443)");
	}

	@Test
	void kubeconfigPropertyIsACluster() {
		this.environment.setProperty("kubernetes.informers.client.kubeconfig", "/etc/kube/config");
		assertThat(detection(Map.of()).configuredCluster(this.environment)).contains("client.kubeconfig");
	}

	@Test
	void existingFileInKubeconfigVariableIsACluster() throws IOException {
		Path file = Files.writeString(this.directory.resolve("config"), "apiVersion: v1\n");
		String variable = this.directory.resolve("missing") + File.pathSeparator + file;
		assertThat(detection(Map.of("KUBECONFIG", variable)).configuredCluster(this.environment))
			.isEqualTo("$KUBECONFIG (" + file + ")");
	}

	@Test
	void kubeconfigVariableNamingOnlyMissingFilesIsNoCluster() {
		String variable = this.directory.resolve("missing").toString();
		assertThat(detection(Map.of("KUBECONFIG", variable)).configuredCluster(this.environment)).isNull();
	}

	@Test
	void kubeConfigInHomeIsACluster() throws IOException {
		Path kube = Files.createDirectories(this.directory.resolve("home/.kube"));
		Files.writeString(kube.resolve("config"), "apiVersion: v1\n");
		assertThat(detection(Map.of()).configuredCluster(this.environment)).startsWith("kubeconfig ");
	}

	@Test
	void inClusterNeedsTheServiceHostAndTheToken() throws IOException {
		Map<String, String> inCluster = Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1");
		assertThat(detection(inCluster).configuredCluster(this.environment)).isNull();
		Files.writeString(this.directory.resolve("token"), "token");
		assertThat(detection(inCluster).configuredCluster(this.environment))
			.isEqualTo("the in-cluster service account");
	}

	private ClusterDetection detection(Map<String, String> variables) {
		return new ClusterDetection(variables, this.directory.resolve("home"), this.directory.resolve("token"));
	}

}
