package io.github.informer.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;

/**
 * The starter's two list strategies on the same API server JVM seeded with {@code count} realistic Pods in one
 * namespace: {@code list-strategy=list} (the paged list, 500 per page, then a watch) against
 * {@code list-strategy=watch-list} (one watch that streams the state first), sides alternating in each repetition.
 * Client side: time from start to synced, the highest heap in use until then, the heap retained per object, GC time.
 * API server side, from the server JVM's own counters between a reset just before each measured JVM starts and its
 * end ({@code BenchmarkApiServer}'s {@code cost-reset} / {@code cost}): bytes allocated by all its threads, the highest
 * heap in use above the retained heap at the reset, and its GC time. In the table the reference column is
 * {@code list} and the starter column {@code watch-list}.
 */
final class ListStrategyScenario {

	private static final String LIST = "list";

	private static final String WATCH_LIST = "watch-list";

	private static final double MIB = 1024.0 * 1024.0;

	private final BenchmarkRunner runner;

	private final int count;

	private final int reps;

	private final String name;

	private final List<Map<String, Object>> listed = new ArrayList<>();

	private final List<Map<String, Object>> streamed = new ArrayList<>();

	ListStrategyScenario(BenchmarkRunner runner, int count, int reps) {
		this.runner = runner;
		this.count = count;
		this.reps = reps;
		this.name = "list-strategy-" + BenchmarkRunner.label(count);
	}

	void run() throws Exception {
		String serverHeap = (this.count > 50_000) ? "-Xmx12g" : "-Xmx3g";
		try (ForkedJvm server = this.runner.startServer(this.name, serverHeap,
				List.of("pods", this.name, Integer.toString(this.count)))) {
			String url = BenchmarkRunner.awaitUrl(server);
			Duration timeout = Duration.ofSeconds(60 + this.count / 250);
			for (int rep = 0; rep < this.reps; rep++) {
				boolean listFirst = rep % 2 == 0;
				for (int turn = 0; turn < 2; turn++) {
					String strategy = ((turn == 0) == listFirst) ? LIST : WATCH_LIST;
					List<String> args = List.of("--mode", "sync", "--resource", "pods", "--namespace", this.name,
							"--url", url, "--properties", "kubernetes.informers.list-strategy=" + strategy);
					send(server, "cost-reset", "BENCH-COST-RESET");
					Map<String, Object> figures = this.runner.measure(this.name, strategy, List.of("-Xmx2g"),
							BenchmarkRunner.STARTER_MAIN, args, timeout, () -> serverCost(server, strategy));
					(strategy.equals(LIST) ? this.listed : this.streamed).add(figures);
				}
			}
			addRows(serverHeap);
			server.send("quit");
			server.waitForExit(Duration.ofSeconds(30));
		}
	}

	private static void send(ForkedJvm server, String command, String answer) throws InterruptedException {
		server.send(command);
		if (server.await(answer, Duration.ofMinutes(2)) == null) {
			throw new IllegalStateException("The API server JVM did not answer '" + command + "': "
					+ server.exitDescription() + " (see " + server.log() + ")");
		}
	}

	/** The API server JVM's figures of the run, and the run's strategy (the raw runs' side is "starter"). */
	private static Map<String, Object> serverCost(ForkedJvm server, String strategy) throws InterruptedException {
		server.send("cost");
		String json = server.await("BENCH-COST ", Duration.ofMinutes(1));
		if (json == null) {
			throw new IllegalStateException("The API server JVM did not report its cost: " + server.exitDescription());
		}
		Map<String, Object> cost = new Gson().fromJson(json, new TypeToken<Map<String, Object>>() {
		}.getType());
		double peak = ((Number) cost.get("serverPeakHeapBytes")).doubleValue();
		double start = ((Number) cost.get("serverHeapAtStartBytes")).doubleValue();
		cost.put("serverAllocatedMiB", ((Number) cost.get("serverAllocatedBytes")).doubleValue() / MIB);
		cost.put("serverPeakHeapAboveStartMiB", (peak - start) / MIB);
		cost.put("listStrategy", strategy);
		return cost;
	}

	private void addRows(String serverHeap) {
		ResultTable table = this.runner.table();
		String runs = String.format(Locale.ROOT, "runs: list %d, watch-list %d, sides alternating; %,d pods in one "
				+ "namespace; starter -Xmx2g at its defaults but the strategy; API server JVM %s", this.listed.size(),
				this.streamed.size(), this.count, serverHeap);
		String columns = "reference column: list-strategy=list (paged, 500 per page, then a watch); starter column: "
				+ "list-strategy=watch-list (one request)";
		table.add(row("time from start to synced", "ms", "syncMillis", runs + "; " + columns));
		table.add(row("client: highest heap in use during the sync", "MiB", "peakHeapDuringSyncMiB",
				"sampled every ms from the informer's start to synced (live objects and garbage not yet collected)"));
		table.add(row("client: heap retained per object after sync and full GC", "bytes", "heapGrowthPerObjectBytes",
				"used heap after sync minus used heap just before the informer started, both after System.gc()"));
		table.add(row("client: GC time during the sync", "ms", "gcMillisDuringSync",
				"collection time (all collectors) from the informer's start to synced"));
		table.add(row("API server: bytes allocated serving the run", "MiB", "serverAllocatedMiB",
				"all threads of the API server JVM (ThreadMXBean.getTotalThreadAllocatedBytes), from just before the "
						+ "measured JVM started to its end: discovery, the list pages or the watch-list, the watch"));
		table.add(row("API server: highest heap in use during the run, above the retained heap", "MiB",
				"serverPeakHeapAboveStartMiB", "sampled every ms; the window starts after System.gc(), so the "
						+ "baseline is the seeded objects; depends on when G1 collects, so allocation is the firmer figure"));
		table.add(row("API server: GC time during the run", "ms", "serverGcMillis",
				"collection time (all collectors) of the API server JVM in the same window"));
	}

	private ResultRow row(String figure, String unit, String key, String note) {
		return new ResultRow(this.name, figure, unit, SyncScenario.summary(this.listed, key),
				SyncScenario.summary(this.streamed, key), null, null, note);
	}

}
