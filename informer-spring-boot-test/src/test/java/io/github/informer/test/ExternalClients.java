package io.github.informer.test;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Finds and runs the real clients the conformance tests drive as subprocesses (kubectl, the official Python
 * client, {@code @kubernetes/client-node}); each test class skips itself with a message when its client is absent.
 */
final class ExternalClients {

	/** Where {@code npm install} puts client-node for the tests (git-ignored; see the README). */
	static final Path NODE_DIRECTORY = Path.of("src", "test", "node");

	private ExternalClients() {
	}

	/** The executable of that name on PATH, if any. */
	static Optional<Path> onPath(String name) {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		for (String entry : path.split(File.pathSeparator)) {
			Path candidate = Path.of(entry, name);
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	/**
	 * A python3 that can {@code import kubernetes}: Debian's {@code python3-kubernetes} installs into
	 * {@code /usr/bin/python3}, which another python3 earlier on PATH (pyenv, a venv) cannot see.
	 */
	static Optional<Path> pythonWithKubernetes() {
		for (Optional<Path> candidate : List.of(onPath("python3"), Optional.of(Path.of("/usr/bin/python3")))) {
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
		return onPath("node");
	}

	/** Runs a command to its end (at most two minutes), with stderr merged into the output. */
	static Result run(List<String> command, Path directory) throws IOException {
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

	/** What a finished client printed and how it exited. */
	record Result(int exitCode, String output) {

		Result assertSucceeded(List<String> command) {
			assertThat(this.exitCode).as("%s failed:%n%s", String.join(" ", command), this.output).isZero();
			return this;
		}

	}

}
