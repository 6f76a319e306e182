package io.github.informer.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * A child JVM on this JVM's class path: the API server or one measured run. Its protocol lines (starting with
 * {@code BENCH-}) are queued for the runner; everything else it prints goes to its log file.
 */
final class ForkedJvm implements AutoCloseable {

	private static final String END = "BENCH-EXIT";

	private final Process process;

	private final PrintWriter stdin;

	private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

	private final Path log;

	private ForkedJvm(Process process, Path log) {
		this.process = process;
		this.log = log;
		this.stdin = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
		Thread reader = new Thread(this::pump, "bench-" + log.getFileName());
		reader.setDaemon(true);
		reader.start();
	}

	/** Starts {@code mainClass} with {@code jvmOptions} on the given class path; output is logged to {@code log}. */
	static ForkedJvm start(String classPath, List<String> jvmOptions, String mainClass, List<String> args, Path log)
			throws IOException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(classPath);
		command.add(mainClass);
		command.addAll(args);
		Files.createDirectories(log.getParent());
		Files.writeString(log, String.join(" ", command).replace(classPath, "<classpath>") + "\n");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		return new ForkedJvm(process, log);
	}

	/**
	 * The next protocol line starting with {@code prefix} (without it), or {@code null} if the JVM exited or the
	 * timeout passed first; see {@link #exitDescription()}.
	 */
	@Nullable String await(String prefix, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			long left = deadline - System.nanoTime();
			String line = (left > 0) ? this.lines.poll(left, TimeUnit.NANOSECONDS) : null;
			if (line == null || line.equals(END)) {
				if (line != null) {
					this.lines.add(END);
				}
				return null;
			}
			if (line.startsWith(prefix)) {
				return line.substring(prefix.length()).trim();
			}
		}
	}

	void send(String line) {
		this.stdin.println(line);
	}

	/** Why there was no answer: the exit code (3 is an OutOfMemoryError with -XX:+ExitOnOutOfMemoryError), or a timeout. */
	String exitDescription() {
		if (this.process.isAlive()) {
			return "timed out";
		}
		int code = this.process.exitValue();
		return (code == 3) ? "OutOfMemoryError" : "exited with code " + code;
	}

	/** The file this JVM's output goes to. */
	Path log() {
		return this.log;
	}

	/** Stops the JVM's threads (SIGSTOP), e.g. so a backlog of watch events builds up while the server writes. */
	void pause() throws IOException, InterruptedException {
		signal("-STOP");
	}

	/** Lets a paused JVM run again (SIGCONT). */
	void resume() throws IOException, InterruptedException {
		signal("-CONT");
	}

	private void signal(String signal) throws IOException, InterruptedException {
		Process kill = new ProcessBuilder("kill", signal, Long.toString(this.process.pid())).inheritIO().start();
		if (kill.waitFor() != 0) {
			throw new IllegalStateException("kill " + signal + " " + this.process.pid() + " failed");
		}
	}

	boolean waitForExit(Duration timeout) throws InterruptedException {
		return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private void pump() {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
				Writer out = Files.newBufferedWriter(this.log, StandardCharsets.UTF_8,
						java.nio.file.StandardOpenOption.APPEND)) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.startsWith("BENCH-")) {
					this.lines.add(line);
				}
				out.write(line);
				out.write('\n');
				out.flush();
			}
		}
		catch (IOException ex) {
			// the process ended; the runner sees END
		}
		finally {
			try {
				this.process.waitFor(5, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.lines.add(END);
		}
	}

}
