package io.github.informer.benchmarks;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Start-up of a minimal Spring Boot application with the starter and one synced informer (1,000 Pods) against the
 * same application without the starter (its auto-configuration jar removed from the class path), and with the
 * starter informing on an empty namespace (its fixed cost).
 */
final class StartupScenario {

	private static final String NAMESPACE = "startup";

	private static final String EMPTY = "startup-empty";

	private final BenchmarkRunner runner;

	StartupScenario(BenchmarkRunner runner) {
		this.runner = runner;
	}

	void run() throws Exception {
		try (ForkedJvm server = this.runner.startServer("startup", "-Xmx2g",
				List.of("pods", NAMESPACE, "1000", "pods", EMPTY, "0"))) {
			String url = BenchmarkRunner.awaitUrl(server);
			List<Map<String, Object>> without = new ArrayList<>();
			List<Map<String, Object>> with = new ArrayList<>();
			List<Map<String, Object>> withEmpty = new ArrayList<>();
			for (int rep = 0; rep < this.runner.options().reps(); rep++) {
				List<String> order = (rep % 2 == 0) ? List.of("without", "starter", "starter-empty")
						: List.of("starter-empty", "starter", "without");
				for (String variant : order) {
					switch (variant) {
						case "without" -> without.add(measure(url, variant, false, NAMESPACE));
						case "starter" -> with.add(measure(url, variant, true, NAMESPACE));
						default -> withEmpty.add(measure(url, variant, true, EMPTY));
					}
				}
			}
			ResultTable table = this.runner.table();
			String note = "minimal non-web Spring Boot app, -Xmx1g; reference column: the same app without the starter "
					+ "on the class path; starter column: with the starter, one Pod informer, 1,000 Pods, "
					+ "wait-for-sync on";
			table.add(new ResultRow("startup", "SpringApplication.run until ready", "ms",
					SyncScenario.summary(without, "contextMillis"), SyncScenario.summary(with, "contextMillis"), null,
					null, note));
			table.add(new ResultRow("startup", "SpringApplication.run until ready, informer on an empty namespace",
					"ms", SyncScenario.summary(without, "contextMillis"), SyncScenario.summary(withEmpty, "contextMillis"),
					null, null, "as above, but the informer's namespace has no objects: the fixed cost of the starter "
							+ "(client-java, ApiClient, auto-configuration, one list and watch)"));
			table.add(new ResultRow("startup", "JVM start until ready", "ms", SyncScenario.summary(without, "jvmMillis"),
					SyncScenario.summary(with, "jvmMillis"), null, null, "JVM uptime when run() returned; " + note));
			server.send("quit");
			server.waitForExit(Duration.ofSeconds(30));
		}
	}

	private Map<String, Object> measure(String url, String variant, boolean starter, String namespace)
			throws Exception {
		String classPath = starter ? this.runner.classPath() : withoutStarter(this.runner.classPath());
		List<String> args = List.of("--starter", Boolean.toString(starter), "--url", url, "--namespace", namespace);
		Map<String, Object> figures;
		try (ForkedJvm jvm = ForkedJvm.start(classPath, List.of("-Xmx1g"), BenchmarkRunner.STARTUP_MAIN, args,
				this.runner.logFile("startup-" + variant + "-" + System.nanoTime()))) {
			figures = BenchmarkRunner.awaitResult(jvm, Duration.ofMinutes(3));
		}
		this.runner.table().run("startup", variant, figures);
		BenchmarkRunner.log("   startup " + variant + " " + figures);
		return figures;
	}

	/** The class path without the starter's auto-configuration (its jar, or its classes in a reactor build). */
	static String withoutStarter(String classPath) {
		return Arrays.stream(classPath.split(File.pathSeparator))
			.filter((entry) -> !entry.contains("informer-spring-boot-autoconfigure"))
			.collect(Collectors.joining(File.pathSeparator));
	}

}
