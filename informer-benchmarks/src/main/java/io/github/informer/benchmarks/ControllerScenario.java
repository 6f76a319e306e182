package io.github.informer.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Controllers: the starter's {@code @KubernetesReconciler} work queue against the loop users write by hand on
 * client-java 27 (a {@code ResourceEventHandler} feeding a {@code LinkedBlockingQueue} and worker threads), since
 * client-java-extended's {@code DefaultRateLimitingQueue} and {@code ControllerBuilder} are not published for
 * client-java 27 and do not resolve here. Both reconcile the same 1,000 Pods; each reconcile reads the Pod from the
 * cache and then waits 500 microseconds, an API call's worth of time.
 * <ul>
 * <li>burst: 10,000 updates (10 per Pod) written while the measured JVM is paused (SIGSTOP), so they arrive as one
 * backlog when it resumes, with 1, 2 and 4 workers: reconciles per second, updates per reconcile (de-duplication),
 * time from the first update seen until every key is reconciled;</li>
 * <li>latency: 10,000 updates at 1,000 per second with 2 workers: server write to reconcile start, p50 and p99.</li>
 * </ul>
 */
final class ControllerScenario {

	private static final String MAIN = "io.github.informer.benchmarks.run.ControllerRun";

	private static final String NAMESPACE = "controllers";

	private static final int PODS = 1000;

	private static final int WORK_MICROS = 500;

	private final BenchmarkRunner runner;

	ControllerScenario(BenchmarkRunner runner) {
		this.runner = runner;
	}

	void run() throws Exception {
		BenchmarkRunner.RunnerOptions options = this.runner.options();
		int burst = options.scaled(10_000);
		int warmup = options.scaled(3000);
		try (ForkedJvm server = this.runner.startServer("controllers", "-Xmx2g",
				List.of("pods", NAMESPACE, Integer.toString(PODS)))) {
			String url = BenchmarkRunner.awaitUrl(server);
			for (int workers : new int[] { 1, 2, 4 }) {
				List<Map<String, Object>> reference = new ArrayList<>();
				List<Map<String, Object>> starter = new ArrayList<>();
				for (int rep = 0; rep < options.reps(); rep++) {
					boolean referenceFirst = rep % 2 == 0;
					for (int turn = 0; turn < 2; turn++) {
						boolean isReference = (turn == 0) == referenceFirst;
						(isReference ? reference : starter).add(measure(server, url, "controller-burst-" + workers,
								isReference, workers, warmup, burst, 0));
					}
				}
				String note = String.format(Locale.ROOT,
						"%,d updates to %,d Pods written while the JVM was paused, then delivered as a backlog (after "
								+ "%,d warm-up updates), %d worker(s), 500 us of work per reconcile; reference: "
								+ "hand-written client-java queue and workers",
						burst, PODS, warmup, workers);
				ResultTable table = this.runner.table();
				String scenario = "controller-burst-" + workers;
				table.add(new ResultRow(scenario, "reconciles per second, " + workers + " worker(s)", "reconciles/s",
						SyncScenario.summary(reference, "reconcilesPerSecond"),
						SyncScenario.summary(starter, "reconcilesPerSecond"), null, Target.atLeast(1.0), note));
				table.add(new ResultRow(scenario, "updates per reconcile (de-duplication)", "updates/reconcile",
						SyncScenario.summary(reference, "updatesPerReconcile"),
						SyncScenario.summary(starter, "updatesPerReconcile"), null, null, note));
				table.add(new ResultRow(scenario, "time from the first update to every key reconciled", "ms",
						SyncScenario.summary(reference, "convergeMillis"),
						SyncScenario.summary(starter, "convergeMillis"), null, null, note));
			}
			int steady = options.scaled(10_000);
			List<Map<String, Object>> reference = new ArrayList<>();
			List<Map<String, Object>> starter = new ArrayList<>();
			for (int rep = 0; rep < options.reps(); rep++) {
				boolean referenceFirst = rep % 2 == 0;
				for (int turn = 0; turn < 2; turn++) {
					boolean isReference = (turn == 0) == referenceFirst;
					(isReference ? reference : starter).add(measure(server, url, "controller-latency-1000-per-s",
							isReference, 2, warmup, steady, 1000));
				}
			}
			String note = String.format(Locale.ROOT,
					"%,d updates at 1,000 per second to %,d Pods, 2 workers, 500 us of work per reconcile; from the "
							+ "server's write to the reconcile start (watch delivery + queue wait)",
					steady, PODS);
			this.runner.table()
				.add(new ResultRow("controller-latency-1000-per-s", "write to reconcile latency p50", "ms",
						SyncScenario.summary(reference, "latencyP50Millis"),
						SyncScenario.summary(starter, "latencyP50Millis"), null, null, note));
			this.runner.table()
				.add(new ResultRow("controller-latency-1000-per-s", "write to reconcile latency p99", "ms",
						SyncScenario.summary(reference, "latencyP99Millis"),
						SyncScenario.summary(starter, "latencyP99Millis"), null, Target.atMost(1.1), note));
			server.send("quit");
			server.waitForExit(Duration.ofSeconds(30));
		}
	}

	private Map<String, Object> measure(ForkedJvm server, String url, String scenario, boolean reference, int workers,
			int warmup, int updates, int rate) throws Exception {
		String side = reference ? "reference" : "starter";
		List<String> args = List.of("--side", side, "--url", url, "--namespace", NAMESPACE, "--workers",
				Integer.toString(workers), "--warmup", Integer.toString(warmup), "--updates", Integer.toString(updates),
				"--work-micros", Integer.toString(WORK_MICROS));
		long start = System.nanoTime();
		Map<String, Object> figures;
		try (ForkedJvm jvm = this.runner.startMeasured(scenario + "-" + side + "-" + System.nanoTime(),
				List.of("-Xmx1g"), MAIN, args)) {
			String ready = jvm.await("BENCH-READY", Duration.ofMinutes(3));
			if (ready == null) {
				figures = BenchmarkRunner.awaitResult(jvm, Duration.ofSeconds(1));
			}
			else {
				server.send("update " + NAMESPACE + " " + warmup + " 0");
				server.await("BENCH-DONE", Duration.ofMinutes(5));
				jvm.await("BENCH-WARM", Duration.ofMinutes(3));
				boolean burst = rate == 0;
				if (burst) {
					// as events-max-rate: the burst arrives as one backlog, so the queue sees it at once
					jvm.pause();
				}
				server.send("update " + NAMESPACE + " " + updates + " " + rate);
				server.await("BENCH-DONE", Duration.ofMinutes(5));
				if (burst) {
					jvm.resume();
				}
				figures = BenchmarkRunner.awaitResult(jvm, Duration.ofMinutes(3));
			}
		}
		figures.put("processMillis", (System.nanoTime() - start) / 1e6);
		this.runner.table().run(scenario, side, figures);
		BenchmarkRunner.log("   " + scenario + " " + side + " " + figures);
		return figures;
	}

}
