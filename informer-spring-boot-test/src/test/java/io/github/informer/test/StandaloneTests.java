package io.github.informer.test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The standalone main in its own JVM: prints its URL, writes a working kubeconfig, loads a seed file. */
class StandaloneTests {

	private static final Pattern LISTENING = Pattern.compile("FakeKubernetesApiServer listening on (http://\\S+)");

	@TempDir
	Path directory;

	@Test
	void mainPrintsItsUrlWritesAKubeconfigAndSeeds() throws Exception {
		Path seed = this.directory.resolve("objects.yaml");
		Files.writeString(seed, """
				apiVersion: v1
				kind: Namespace
				metadata: {name: demo}
				---
				apiVersion: v1
				kind: ConfigMap
				metadata: {name: settings, namespace: demo}
				data: {color: blue}
				""");
		Path kubeconfig = this.directory.resolve("fake.kubeconfig");
		Process process = java("--port", "0", "--kubeconfig", kubeconfig.toString(), "--seed", seed.toString());
		try (BufferedReader out = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String url = null;
			List<String> lines = new ArrayList<>();
			for (String line = out.readLine(); line != null && url == null; line = out.readLine()) {
				lines.add(line);
				Matcher matcher = LISTENING.matcher(line);
				if (matcher.find()) {
					url = matcher.group(1);
				}
			}
			assertThat(url).as("output: %s", lines).isNotNull();
			assertThat(lines).anyMatch((line) -> line.contains("Seeded 2 objects"));
			ApiClient client = ClientBuilder
				.kubeconfig(KubeConfig.loadKubeConfig(Files.newBufferedReader(kubeconfig)))
				.build();
			assertThat(client.getBasePath()).isEqualTo(url);
			assertThat(new CoreV1Api(client).readNamespacedConfigMap("settings", "demo").execute().getData())
				.containsEntry("color", "blue");
		}
		finally {
			process.destroy();
			process.waitFor(10, TimeUnit.SECONDS);
		}
	}

	@Test
	void badArgumentsPrintTheUsageAndExitWith2() throws Exception {
		Process process = java("--port", "not-a-number");
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isEqualTo(2);
		assertThat(output).contains("--port must be a number").contains("usage:");
	}

	private static Process java(String... args) throws Exception {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), FakeKubernetesApiServer.class.getName()));
		command.addAll(List.of(args));
		return new ProcessBuilder(command).redirectErrorStream(true).start();
	}

}
