package io.github.informer.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the figures were measured on: CPU, memory, JDK, client-java, load. */
final class Machine {

	private Machine() {
	}

	static void describe(ResultTable table, BenchmarkRunner.RunnerOptions options) {
		table.condition("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
		table.condition("cores", Runtime.getRuntime().availableProcessors());
		table.condition("memory", firstValue(Path.of("/proc/meminfo"), "MemTotal"));
		table.condition("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		table.condition("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		table.condition("client-java", clientJavaVersion(System.getProperty("java.class.path")));
		table.condition("repetitions", options.reps() + " per side (sync-pods-10k: " + options.sync10kReps() + ")");
		table.condition("scale", (options.scale() > 1) ? "sizes divided by " + options.scale() : "full sizes");
	}

	/** The 1, 5 and 15 minute load averages, as {@code uptime} prints them. */
	static String loadAverage() {
		try {
			List<String> fields = List.of(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+"));
			return String.join(" ", fields.subList(0, 3));
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	static String clientJavaVersion(String classPath) {
		Matcher matcher = Pattern.compile("client-java-(\\d+\\.\\d+\\.\\d+)\\.jar").matcher(classPath);
		return matcher.find() ? matcher.group(1) : "unknown";
	}

	private static String firstValue(Path file, String key) {
		try {
			for (String line : Files.readAllLines(file)) {
				if (line.startsWith(key)) {
					return line.substring(line.indexOf(':') + 1).trim();
				}
			}
		}
		catch (IOException ex) {
			// not Linux: say so below
		}
		return "unknown";
	}

}
