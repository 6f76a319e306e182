package io.github.informer.test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finds and runs the real clients the conformance tests drive as subprocesses (kubectl, the official Python
 * client, {@code @kubernetes/client-node}), and the conditions that skip a test class with a message when its
 * client is absent ({@link EnabledIfKubectl}, {@link EnabledIfPythonClient}, {@link EnabledIfClientNode}).
 */
final class ExternalClients {

	/** Where {@code npm install} puts client-node for the tests (git-ignored; see the README). */
	static final Path NODE_DIRECTORY = Path.of("src", "test", "node");

	private ExternalClients() {
	}

	/**
	 * A python3 that can {@code import kubernetes} (looked for once): Debian's {@code python3-kubernetes} installs
	 * into {@code /usr/bin/python3}, which another python3 earlier on PATH (pyenv, a venv) cannot see.
	 */
	static Optional<Path> pythonWithKubernetes() {
		return PythonHolder.PYTHON;
	}

	private static Optional<Path> findPythonWithKubernetes() {
		List<Optional<Path>> candidates = List.of(ExecutableCondition.onPath("python3"),
				Optional.of(Path.of("/usr/bin/python3")));
		for (Optional<Path> candidate : candidates) {
			if (candidate.isPresent() && Files.isExecutable(candidate.get())) {
				try {
					if (run(List.of(candidate.get().toString(), "-c", "import kubernetes"), null).exitCode() == 0) {
						return candidate;
					}
				}
				catch (IOException ex) {
					// not runnable: try the next one
				}
			}
		}
		return Optional.empty();
	}

	/** node, when {@code npm install} has put client-node into {@link #NODE_DIRECTORY}. */
	static Optional<Path> nodeWithClientNode() {
		if (!Files.isDirectory(NODE_DIRECTORY.resolve("node_modules/@kubernetes/client-node"))) {
			return Optional.empty();
		}
		return ExecutableCondition.onPath("node");
	}

	/**
	 * Runs a conformance script's scenario (it prints one JSON document as its last line) and returns that
	 * document, asserting that the script succeeded.
	 */
	static JsonElement runScenario(List<String> command, @Nullable Path directory) throws IOException {
		List<String> lines = run(command, directory).assertSucceeded(command).output().lines().toList();
		return JsonParser.parseString(lines.get(lines.size() - 1));
	}

	/** Runs a command to its end (at most two minutes), with stderr merged into the output. */
	static Result run(List<String> command, @Nullable Path directory) throws IOException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		if (directory != null) {
			builder.directory(directory.toFile());
		}
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		try {
			assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s still running", command).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IOException("interrupted while running " + command, ex);
		}
		return new Result(process.exitValue(), output);
	}

	/**
	 * What the clients' {@code namespaces} scenario prints for a fresh server: the four default namespaces, each with
	 * its {@code kubernetes.io/metadata.name} label and the {@code kubernetes} finalizer.
	 */
	static void assertDefaultNamespaces(JsonElement printed) {
		JsonArray namespaces = printed.getAsJsonArray();
		assertThat(namespaces).extracting((namespace) -> namespace.getAsJsonObject().get("name").getAsString())
			.containsExactly("default", "kube-node-lease", "kube-public", "kube-system");
		for (JsonElement namespace : namespaces) {
			JsonObject object = namespace.getAsJsonObject();
			assertThat(object.get("label").getAsString()).isEqualTo(object.get("name").getAsString());
			assertThat(object.getAsJsonArray("finalizers").get(0).getAsString()).isEqualTo("kubernetes");
		}
	}

	/**
	 * What the clients' {@code scale} scenario prints: the Scale of a Deployment as read, after a patch and after a
	 * replace, and the replicas stored in the end (the replaced ones).
	 */
	static void assertScale(JsonElement printed, String selector, int read, int patched, int replaced) {
		JsonObject scale = printed.getAsJsonObject();
		assertThat(scale.get("kind").getAsString()).isEqualTo("Scale");
		assertThat(scale.get("selector").getAsString()).isEqualTo(selector);
		assertThat(scale.get("read").getAsInt()).isEqualTo(read);
		assertThat(scale.get("patched").getAsInt()).isEqualTo(patched);
		assertThat(scale.get("replaced").getAsInt()).isEqualTo(replaced);
		assertThat(scale.get("stored").getAsInt()).isEqualTo(replaced);
	}

	/** Looks for the Python client once per test run: every check starts a python3. */
	private static final class PythonHolder {

		static final Optional<Path> PYTHON = findPythonWithKubernetes();

	}

	/** The condition of {@link EnabledIfPythonClient}. */
	static final class PythonClientCondition extends ExecutableCondition {

		PythonClientCondition() {
			super("python3 with the kubernetes package",
					"no python3 with the kubernetes package (apt-get install python3-kubernetes)",
					ExternalClients::pythonWithKubernetes);
		}

	}

	/** The condition of {@link EnabledIfClientNode}. */
	static final class ClientNodeCondition extends ExecutableCondition {

		ClientNodeCondition() {
			super("node with @kubernetes/client-node",
					"node or @kubernetes/client-node is missing"
							+ " (npm install in informer-spring-boot-test/src/test/node)",
					ExternalClients::nodeWithClientNode);
		}

	}

	/** What a finished client printed and how it exited. */
	record Result(int exitCode, String output) {

		Result assertSucceeded(List<String> command) {
			assertThat(this.exitCode).as("%s failed:%n%s", String.join(" ", command), this.output).isZero();
			return this;
		}

	}

}
