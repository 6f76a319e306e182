package io.github.informer.leader.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An {@link ElectionReplica} in its own JVM, started from this JVM's class path; its output goes to a log file and
 * its {@code REPLICA} lines are kept. Signals: SIGKILL, SIGSTOP / SIGCONT, SIGTERM (a graceful Spring shutdown).
 */
final class ReplicaProcess implements AutoCloseable {

	private final String identity;

	private final Process process;

	private final List<String> lines = new CopyOnWriteArrayList<>();

	private ReplicaProcess(String identity, Process process, Path log) {
		this.identity = identity;
		this.process = process;
		Thread pump = new Thread(() -> pump(log), "replica-output-" + identity);
		pump.setDaemon(true);
		pump.start();
	}

	/**
	 * Start a replica.
	 * @param identity its identity and User-Agent
	 * @param serverUrl the API server
	 * @param durations lease-duration, renew-deadline and retry-period, such as {@code 3s 2s 500ms}
	 * @param logDirectory where its output goes
	 * @return the running replica
	 */
	static ReplicaProcess start(String identity, String serverUrl, List<String> durations, Path logDirectory) {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-cp", System.getProperty("java.class.path"),
				ElectionReplica.class.getName(), "--kubernetes.informers.client.url=" + serverUrl,
				"--kubernetes.informers.leader-election.identity=" + identity,
				"--kubernetes.informers.leader-election.lease-duration=" + durations.get(0),
				"--kubernetes.informers.leader-election.renew-deadline=" + durations.get(1),
				"--kubernetes.informers.leader-election.retry-period=" + durations.get(2)));
		try {
			Files.createDirectories(logDirectory);
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			return new ReplicaProcess(identity, process, logDirectory.resolve(identity + ".log"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String identity() {
		return this.identity;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** The epoch millis of every {@code REPLICA <what>} line so far. */
	List<Long> times(String what) {
		String prefix = "REPLICA " + what + " ";
		return this.lines.stream().filter((line) -> line.startsWith(prefix))
			.map((line) -> Long.parseLong(line.substring(prefix.length()).trim()))
			.toList();
	}

	void kill() {
		signal("-KILL");
		waitForExit(Duration.ofSeconds(30));
	}

	void pause() {
		signal("-STOP");
	}

	void resume() {
		signal("-CONT");
	}

	/** SIGTERM: Spring's shutdown hook closes the context (the Lease is released) and the JVM exits. */
	void terminate() {
		signal("-TERM");
	}

	boolean waitForExit(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void signal(String signal) {
		try {
			Process kill = new ProcessBuilder("kill", signal, Long.toString(this.process.pid())).inheritIO().start();
			if (!kill.waitFor(30, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill " + signal + " " + this.process.pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			this.process.destroyForcibly();
			waitForExit(Duration.ofSeconds(30));
		}
	}

	private void pump(Path log) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
				Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.startsWith("REPLICA ")) {
					this.lines.add(line);
				}
				out.write(line);
				out.write('\n');
				out.flush();
			}
		}
		catch (IOException ex) {
			// the process ended
		}
	}

	@Override
	public String toString() {
		return this.identity + " (pid " + this.process.pid() + ")";
	}

}
