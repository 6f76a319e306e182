package io.github.informer.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import io.github.informer.benchmarks.run.Report;
import org.jspecify.annotations.Nullable;

/**
 * Runs every benchmark scenario and prints the table: the starter and hand-wired client-java (the reference) against
 * the same API server, which runs in its own JVM, each measured run in a fresh JVM, the two sides alternating, several
 * repetitions, medians and the ratio starter / reference. Writes {@code results.md} and {@code results.json}.
 * <p>
 * Options: {@code --quick} (a tenth of the sizes, one repetition: a smoke run), {@code --scale N} (every size divided
 * by N), {@code --reps N},
 * {@code --scenarios sync-pods-100k,sync-configmaps-100k,sync-pods-10k,list-strategy-100k,list-strategy-10k,events,
 * controllers,startup}, {@code --out DIR},
 * {@code --reference-100k-reps N} (the reference's 100k-Pod runs fail with an OutOfMemoryError; default 1).
 */
public final class BenchmarkRunner {

	static final String REFERENCE_MAIN = "io.github.informer.benchmarks.run.ReferenceRun";

	static final String STARTER_MAIN = "io.github.informer.benchmarks.run.StarterRun";

	static final String DECODE_MAIN = "io.github.informer.benchmarks.run.DecodeRun";

	static final String STARTUP_MAIN = "io.github.informer.benchmarks.run.StartupRun";

	static final String SERVER_MAIN = "io.github.informer.benchmarks.server.BenchmarkApiServer";

	/** In the order they run: the long, robust 100k syncs first; the figures most sensitive to load last. */
	private static final List<String> ALL = List.of("sync-pods-100k", "sync-configmaps-100k", "sync-pods-10k",
			"list-strategy-100k", "list-strategy-10k", "events", "controllers", "startup");

	private final RunnerOptions options;

	private final ResultTable table = new ResultTable();

	private final String classPath = System.getProperty("java.class.path");

	private int runCount;

	BenchmarkRunner(RunnerOptions options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		RunnerOptions options = RunnerOptions.parse(args);
		BenchmarkRunner runner = new BenchmarkRunner(options);
		ResultTable table = runner.runAll();
		table.write(options.out());
		System.out.println();
		System.out.println(table.markdown());
		System.out.println("Written: " + options.out().resolve("results.md") + ", " + options.out().resolve("results.json"));
		System.exit(0);
	}

	ResultTable runAll() throws Exception {
		Instant started = Instant.now();
		Machine.describe(this.table, this.options);
		this.table.condition("loadAverageAtStart", Machine.loadAverage());
		for (String scenario : ALL) {
			if (!this.options.scenarios().contains(scenario)) {
				continue;
			}
			log("== " + scenario);
			switch (scenario) {
				case "sync-pods-10k" -> syncPods10k();
				case "sync-pods-100k" -> syncPods100k();
				case "sync-configmaps-100k" -> syncConfigMaps100k();
				case "list-strategy-100k" -> new ListStrategyScenario(this, this.options.scaled(100_000),
						this.options.reps()).run();
				case "list-strategy-10k" -> new ListStrategyScenario(this, this.options.scaled(10_000),
						this.options.sync10kReps()).run();
				case "events" -> new EventScenarios(this).run();
				case "controllers" -> new ControllerScenario(this).run();
				case "startup" -> new StartupScenario(this).run();
				default -> throw new IllegalStateException(scenario);
			}
		}
		this.table.condition("loadAverageAtEnd", Machine.loadAverage());
		this.table.condition("durationSeconds", Duration.between(started, Instant.now()).toSeconds());
		return this.table;
	}

	private void syncPods10k() throws Exception {
		int count = this.options.scaled(10_000);
		String name = "sync-pods-" + label(count);
		// issue 13's targets: 0.40x the reference's sync time; heap no worse than before the streaming decoder
		// (6,352 vs 11,136 bytes per Pod: 0.5704x)
		SyncScenario scenario = new SyncScenario(this, new SyncScenario.Setup(name, "pods", count, "-Xmx2g", "-Xmx2g",
				0, Target.atMost(0.40), Target.atMost(0.571), null));
		scenario.run(this.options.sync10kReps(), this.options.sync10kReps(), true);
	}

	private void syncPods100k() throws Exception {
		int count = this.options.scaled(100_000);
		String name = "sync-pods-" + label(count);
		SyncScenario scenario = new SyncScenario(this, new SyncScenario.Setup(name, "pods", count, "-Xmx2g", "-Xmx4g",
				500, Target.succeedsWhereReferenceFails(), null, Target.atMost(0.45)));
		scenario.run(this.options.reps(), this.options.reference100kReps(), false);
	}

	private void syncConfigMaps100k() throws Exception {
		int count = this.options.scaled(100_000);
		String name = "sync-configmaps-" + label(count);
		SyncScenario scenario = new SyncScenario(this, new SyncScenario.Setup(name, "configmaps", count, "-Xmx2g",
				"-Xmx2g", 0, null, null, null));
		scenario.run(this.options.reps(), this.options.reps(), false);
	}

	static String label(int count) {
		return (count % 1000 == 0) ? (count / 1000) + "k" : Integer.toString(count);
	}

	RunnerOptions options() {
		return this.options;
	}

	ResultTable table() {
		return this.table;
	}

	String classPath() {
		return this.classPath;
	}

	/** Starts the API server JVM seeded with {@code seed} ({@code resource namespace count} triples). */
	ForkedJvm startServer(String name, String heap, List<String> seed) throws IOException {
		return ForkedJvm.start(this.classPath,
				List.of(heap, "-Dsun.net.httpserver.nodelay=true", "-Dkubernetes.client.includeManagedFields=true"),
				SERVER_MAIN, seed, logFile(name + "-server"));
	}

	/** The server's URL once it has seeded its objects. */
	static String awaitUrl(ForkedJvm server) throws InterruptedException {
		String url = server.await("BENCH-SERVER", Duration.ofMinutes(5));
		if (url == null) {
			throw new IllegalStateException("The API server JVM did not start: " + server.exitDescription() + " (see "
					+ server.log() + ")");
		}
		return url;
	}

	/** Starts one measured JVM. */
	ForkedJvm startMeasured(String logName, List<String> jvmOptions, String mainClass, List<String> args)
			throws IOException {
		List<String> options = new ArrayList<>(jvmOptions);
		options.add("-XX:+ExitOnOutOfMemoryError");
		return ForkedJvm.start(this.classPath, options, mainClass, args, logFile(logName));
	}

	/** The figures a measured JVM reported, or a map with only "failure" saying why there are none. */
	static Map<String, Object> awaitResult(ForkedJvm jvm, Duration timeout) throws InterruptedException {
		String json = jvm.await(Report.RESULT.trim(), timeout);
		if (json == null) {
			Map<String, Object> failure = new LinkedHashMap<>();
			String description = jvm.exitDescription();
			failure.put("failure", description.equals("timed out")
					? "no result within " + timeout.toSeconds() + " s" : description);
			failure.put("log", jvm.log().toString());
			return failure;
		}
		return new Gson().fromJson(json, new TypeToken<Map<String, Object>>() {
		}.getType());
	}

	/** Runs one measured JVM to its result; keeps the figures in the table's raw runs. */
	Map<String, Object> measure(String scenario, String side, List<String> jvmOptions, String mainClass,
			List<String> args, Duration timeout) throws Exception {
		return measure(scenario, side, jvmOptions, mainClass, args, timeout, Map::of);
	}

	/**
	 * Runs one measured JVM to its result, adds the figures {@code after} gives once it has ended (such as the API
	 * server's own counters), and keeps them all in the table's raw runs.
	 */
	Map<String, Object> measure(String scenario, String side, List<String> jvmOptions, String mainClass,
			List<String> args, Duration timeout, AfterRun after) throws Exception {
		long start = System.nanoTime();
		Map<String, Object> figures;
		try (ForkedJvm jvm = startMeasured(scenario + "-" + side + "-" + (++this.runCount), jvmOptions, mainClass,
				args)) {
			figures = awaitResult(jvm, timeout);
		}
		figures.put("processMillis", (System.nanoTime() - start) / 1e6);
		figures.putAll(after.figures());
		this.table.run(scenario, side, figures);
		log("   " + side + " " + figures);
		return figures;
	}

	/** Adds the value of {@code figure} (or the run's failure) to {@code summary}. */
	static void collect(Summary summary, Map<String, Object> figures, String figure) {
		Object failure = figures.get("failure");
		Object value = figures.get(figure);
		if (failure != null) {
			summary.fail(failure.toString());
		}
		else if (value instanceof Number number) {
			summary.add(number.doubleValue());
		}
	}

	Path logFile(String name) {
		return this.options.out().resolve("logs").resolve(name + ".log");
	}

	static void log(String message) {
		System.out.println(message);
		System.out.flush();
	}

	/** Figures taken once a measured JVM has ended. */
	@FunctionalInterface
	interface AfterRun {

		Map<String, Object> figures() throws Exception;

	}

	/** Command-line options. */
	record RunnerOptions(int scale, int reps, int sync10kReps, int reference100kReps, Set<String> scenarios, Path out) {

		static RunnerOptions parse(String[] args) {
			boolean quick = false;
			int scale = 1;
			@Nullable Integer reps = null;
			int reference100kReps = 1;
			Set<String> scenarios = Set.copyOf(ALL);
			Path out = Path.of("target", "benchmarks");
			for (int i = 0; i < args.length; i++) {
				switch (args[i]) {
					case "" -> {
					}
					case "--quick" -> quick = true;
					case "--scale" -> scale = Integer.parseInt(args[++i]);
					case "--reps" -> reps = Integer.parseInt(args[++i]);
					case "--reference-100k-reps" -> reference100kReps = Integer.parseInt(args[++i]);
					case "--scenarios" -> scenarios = Set.copyOf(Arrays.asList(args[++i].split(",")));
					case "--out" -> out = Path.of(args[++i]);
					default -> throw new IllegalArgumentException("Unknown option '" + args[i]
							+ "': use --quick, --scale N, --reps N, --reference-100k-reps N, --scenarios " + String.join(",", ALL)
							+ ", --out DIR");
				}
			}
			for (String scenario : scenarios) {
				if (!ALL.contains(scenario)) {
					throw new IllegalArgumentException("Unknown scenario '" + scenario + "': use " + ALL);
				}
			}
			if (quick) {
				scale = Math.max(scale, 10);
			}
			int defaultReps = quick ? 1 : 3;
			// the 10k-Pod sync has the tightest target (1.05x) and the widest spread under load: 5 unless told
			int sync10kReps = (reps != null) ? reps : (quick ? 1 : 5);
			return new RunnerOptions(scale, (reps != null) ? reps : defaultReps, sync10kReps, reference100kReps, scenarios,
					out.toAbsolutePath());
		}

		/** The size of a scenario: as given, or divided by the scale (10 for a quick run). */
		int scaled(int count) {
			return Math.max(1, count / this.scale);
		}


	}

}
