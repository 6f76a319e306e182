package io.github.informer.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Events per second one handler can take, and the latency from the server's write to the handler call at a fixed
 * 1,000 writes per second: one {@code @InformerHandler} method against one hand-written {@code ResourceEventHandler},
 * both informing on the same 1,000 realistic Pods.
 * <p>
 * Throughput is measured on a backlog: the informer's JVM is paused (SIGSTOP) while the server writes the updates as
 * fast as it can (the server queues watch events without bound), then resumed, so the informer decodes and delivers
 * at its own maximum rate without sharing the two cores with the server's writes.
 */
final class EventScenarios {

	private static final String NAMESPACE = "events";

	private static final int PODS = 1000;

	private static final int RATE = 1000;

	private final BenchmarkRunner runner;

	EventScenarios(BenchmarkRunner runner) {
		this.runner = runner;
	}

	void run() throws Exception {
		BenchmarkRunner.RunnerOptions options = this.runner.options();
		int maxRateUpdates = options.scaled(20_000);
		int fixedRateUpdates = options.scaled(10_000);
		int warmup = options.scaled(3000);
		try (ForkedJvm server = this.runner.startServer("events", "-Xmx4g",
				List.of("pods", NAMESPACE, Integer.toString(PODS)))) {
			String url = BenchmarkRunner.awaitUrl(server);
			List<Map<String, Object>> maxReference = new ArrayList<>();
			List<Map<String, Object>> maxStarter = new ArrayList<>();
			List<Map<String, Object>> maxStarterNotInterning = new ArrayList<>();
			List<Map<String, Object>> fixedReference = new ArrayList<>();
			List<Map<String, Object>> fixedStarter = new ArrayList<>();
			for (int rep = 0; rep < options.reps(); rep++) {
				List<Variant> order = (rep % 2 == 0) ? List.of(Variant.REFERENCE, Variant.STARTER, Variant.NOT_INTERNING)
						: List.of(Variant.NOT_INTERNING, Variant.STARTER, Variant.REFERENCE);
				for (Variant variant : order) {
					List<Map<String, Object>> runs = switch (variant) {
						case REFERENCE -> maxReference;
						case STARTER -> maxStarter;
						case NOT_INTERNING -> maxStarterNotInterning;
					};
					runs.add(measure(server, url, "events-max-rate", variant, warmup, maxRateUpdates, 0, true));
				}
			}
			for (int rep = 0; rep < options.reps(); rep++) {
				boolean referenceFirst = rep % 2 == 0;
				for (int turn = 0; turn < 2; turn++) {
					boolean isReference = (turn == 0) == referenceFirst;
					(isReference ? fixedReference : fixedStarter)
						.add(measure(server, url, "latency-1000-per-s", isReference ? Variant.REFERENCE : Variant.STARTER,
								warmup, fixedRateUpdates, RATE, false));
				}
			}
			addRows(warmup, maxRateUpdates, fixedRateUpdates, maxReference, maxStarter, fixedReference, fixedStarter);
			this.runner.table()
				.add(new ResultRow("events-max-rate", "events per second, starter with memory.intern-strings=false",
						"events/s", SyncScenario.summary(maxReference, "eventsPerSecond"),
						SyncScenario.summary(maxStarterNotInterning, "eventsPerSecond"), null, null,
						"as in the first events-max-rate row; what interning each object costs the starter per event"));
			server.send("quit");
			server.waitForExit(Duration.ofSeconds(30));
		}
	}

	private void addRows(int warmup, int maxRateUpdates, int fixedRateUpdates, List<Map<String, Object>> maxReference,
			List<Map<String, Object>> maxStarter, List<Map<String, Object>> fixedReference,
			List<Map<String, Object>> fixedStarter) {
		ResultTable table = this.runner.table();
		String pods = String.format(Locale.ROOT, "%,d realistic Pods, one namespace, after %,d warm-up updates", PODS,
				warmup);
		String max = String.format(Locale.ROOT,
				"a backlog of %,d updates, written while the informer's JVM was paused, then delivered; %s",
				maxRateUpdates, pods);
		table.add(new ResultRow("events-max-rate", "events per second delivered to one handler", "events/s",
				SyncScenario.summary(maxReference, "eventsPerSecond"), SyncScenario.summary(maxStarter, "eventsPerSecond"),
				null, Target.atLeast(2.0), max + "; the server wrote them at " + rate(maxReference) + " (reference runs), "
						+ rate(maxStarter) + " (starter runs)"));
		String fixed = String.format(Locale.ROOT, "%,d updates at %,d per second; %s", fixedRateUpdates, RATE, pods);
		table.add(new ResultRow("latency-1000-per-s", "handler latency p50", "ms",
				SyncScenario.summary(fixedReference, "latencyP50Millis"),
				SyncScenario.summary(fixedStarter, "latencyP50Millis"), null, null, fixed));
		table.add(new ResultRow("latency-1000-per-s", "handler latency p99", "ms",
				SyncScenario.summary(fixedReference, "latencyP99Millis"),
				SyncScenario.summary(fixedStarter, "latencyP99Millis"), null, Target.atMost(0.5), fixed));
	}

	private static String rate(List<Map<String, Object>> runs) {
		Double median = SyncScenario.summary(runs, "serverWritesPerSecond").median();
		return (median != null) ? Summary.format(median) + "/s" : "-";
	}

	/** One measured JVM: synced, then the server writes, then the JVM reports what its handler saw. */
	private Map<String, Object> measure(ForkedJvm server, String url, String scenario, Variant variant, int warmup,
			int updates, int rate, boolean backlog) throws Exception {
		boolean reference = variant == Variant.REFERENCE;
		String side = variant.side;
		List<String> args = new ArrayList<>(List.of("--mode", "events", "--resource", "pods", "--namespace",
				NAMESPACE, "--url", url, "--warmup", Integer.toString(warmup), "--events", Integer.toString(updates)));
		if (variant == Variant.NOT_INTERNING) {
			args.addAll(List.of("--properties", "kubernetes.informers.memory.intern-strings=false"));
		}
		long start = System.nanoTime();
		Map<String, Object> figures;
		try (ForkedJvm jvm = this.runner.startMeasured(scenario + "-" + side + "-" + System.nanoTime(),
				List.of("-Xmx1g"), reference ? BenchmarkRunner.REFERENCE_MAIN : BenchmarkRunner.STARTER_MAIN, args)) {
			String ready = jvm.await("BENCH-READY", Duration.ofMinutes(3));
			if (ready == null) {
				figures = BenchmarkRunner.awaitResult(jvm, Duration.ofSeconds(1));
			}
			else {
				server.send("update " + NAMESPACE + " " + warmup + " " + rate);
				String warmed = server.await("BENCH-DONE", Duration.ofMinutes(5));
				if (backlog) {
					jvm.pause();
				}
				server.send("update " + NAMESPACE + " " + updates + " " + rate);
				String done = (warmed != null) ? server.await("BENCH-DONE", Duration.ofMinutes(5)) : null;
				if (backlog) {
					jvm.resume();
				}
				figures = BenchmarkRunner.awaitResult(jvm, Duration.ofMinutes(3));
				if (done != null) {
					double millis = Double.parseDouble(done.split(" ")[1]);
					figures.put("serverWriteMillis", millis);
					figures.put("serverWritesPerSecond", updates / Math.max(0.001, millis / 1000));
				}
			}
		}
		figures.put("processMillis", (System.nanoTime() - start) / 1e6);
		this.runner.table().run(scenario, side, figures);
		BenchmarkRunner.log("   " + scenario + " " + side + " " + figures);
		return figures;
	}

	/** Who is measured: the reference, the starter at its defaults, or the starter without string interning. */
	private enum Variant {

		REFERENCE("reference"), STARTER("starter"), NOT_INTERNING("starter-not-interning");

		private final String side;

		Variant(String side) {
			this.side = side;
		}

	}

}
