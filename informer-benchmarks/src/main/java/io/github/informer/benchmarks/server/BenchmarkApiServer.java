package io.github.informer.benchmarks.server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.informer.test.FakeKubernetesApiServer;
import io.kubernetes.client.openapi.models.V1Pod;

/**
 * The API server JVM of the benchmarks: a {@link FakeKubernetesApiServer} in its own process (so it shares neither
 * heap nor GC with the measured informer), seeded in bulk through its Java API, driven by a line protocol on stdin.
 * <p>
 * Arguments: {@code pods <namespace> <count>} and {@code configmaps <namespace> <count>}, repeated. Prints
 * {@code BENCH-SERVER <url>} when seeded. Commands (one line each, answered by one {@code BENCH-...} line):
 * <ul>
 * <li>{@code update <namespace> <count> <perSecond>}: {@code count} writes to the namespace's Pods, round robin, at
 * {@code perSecond} writes per second (0: as fast as the server takes them), each stamped with the wall-clock time
 * of the write in the {@value BenchmarkObjects#WRITTEN_AT} annotation; answers {@code BENCH-DONE <count> <millis>};</li>
 * <li>{@code cost-reset}: collects garbage and starts counting what serving costs this JVM (bytes allocated, peak
 * heap, GC time); answers {@code BENCH-COST-RESET};</li>
 * <li>{@code cost}: answers {@code BENCH-COST <json>} with those figures since the reset ({@link ServingCost});</li>
 * <li>{@code quit}: stops the server and exits.</li>
 * </ul>
 */
public final class BenchmarkApiServer {

	private static final int BATCH = 50;

	private final FakeKubernetesApiServer server;

	private final Map<String, List<V1Pod>> pods = new HashMap<>();

	private BenchmarkApiServer(FakeKubernetesApiServer server) {
		this.server = server;
	}

	public static void main(String[] args) throws Exception {
		PrintStream out = System.out;
		// history enough for a paused informer to catch up from its resourceVersion if its watch ended meanwhile
		FakeKubernetesApiServer server = FakeKubernetesApiServer.builder().eventHistorySize(50_000).build().start();
		BenchmarkApiServer benchmark = new BenchmarkApiServer(server);
		BenchmarkObjects objects = new BenchmarkObjects(42);
		for (int i = 0; i + 2 < args.length; i += 3) {
			String namespace = args[i + 1];
			int count = Integer.parseInt(args[i + 2]);
			switch (args[i]) {
				case "pods" -> server.seed(objects.pods(namespace, count));
				case "configmaps" -> server.seed(objects.configMaps(namespace, count));
				default -> throw new IllegalArgumentException("Unknown resource '" + args[i] + "': use pods or configmaps");
			}
		}
		out.println("BENCH-SERVER " + server.url());
		out.flush();
		ServingCost cost = new ServingCost();
		BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
			String[] command = line.trim().split("\\s+");
			if (command[0].equals("cost-reset")) {
				cost.reset();
				out.println("BENCH-COST-RESET");
			}
			else if (command[0].equals("cost")) {
				out.println("BENCH-COST " + cost.report());
			}
			else if (command[0].equals("update") && command.length == 4) {
				long millis = benchmark.update(command[1], Integer.parseInt(command[2]), Integer.parseInt(command[3]));
				out.println("BENCH-DONE " + command[2] + " " + millis);
			}
			else {
				out.println("BENCH-ERROR unknown command '" + line + "'");
			}
			out.flush();
		}
		server.close();
		System.exit(0);
	}

	/**
	 * Writes {@code count} stamped updates at {@code perSecond} (0: unthrottled); returns the time it took. Writes go
	 * through the server's bulk {@code seed}, which makes a watch event of each object like any write but skips
	 * decoding a copy to return: unthrottled, the Pods are written in batches of {@value #BATCH}, each stamped when
	 * its batch is written.
	 */
	private long update(String namespace, int count, int perSecond) {
		List<V1Pod> targets = this.pods.computeIfAbsent(namespace, (ns) -> this.server.list(V1Pod.class, ns));
		if (targets.isEmpty()) {
			throw new IllegalStateException("No Pods in namespace '" + namespace + "' to update");
		}
		long intervalNanos = (perSecond > 0) ? TimeUnit.SECONDS.toNanos(1) / perSecond : 0;
		int batch = (perSecond > 0) ? 1 : BATCH;
		long start = System.nanoTime();
		List<V1Pod> writes = new ArrayList<>(batch);
		for (int i = 0; i < count; i += batch) {
			if (intervalNanos > 0) {
				long due = start + i * intervalNanos;
				for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
					LockSupport.parkNanos(wait);
				}
			}
			writes.clear();
			String stamp = Long.toString(epochMicros());
			for (int j = i; j < Math.min(count, i + batch); j++) {
				V1Pod pod = targets.get(j % targets.size());
				pod.getMetadata().setResourceVersion(null);
				pod.getMetadata().putAnnotationsItem(BenchmarkObjects.WRITTEN_AT, stamp);
				writes.add(pod);
			}
			this.server.seed(writes);
		}
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
	}

	private static long epochMicros() {
		Instant now = Instant.now();
		return TimeUnit.SECONDS.toMicros(now.getEpochSecond()) + now.getNano() / 1000;
	}

}
