package io.github.informer.leader.process;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.RecordedRequest;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1ObjectMeta;

/**
 * Measures leader failover across processes ({@link ElectionReplica} JVMs on one API server): the time from SIGKILL
 * of the leader, and from SIGTERM (graceful shutdown, the Lease released), to the new leader's {@code acquireTime};
 * and the requests each replica sends while idle. Run by {@code -Pleader-failover} in informer-benchmarks:
 * {@code <runs> <lease-duration> <renew-deadline> <retry-period>} (default {@code 10 3s 2s 500ms}); prints one line
 * per run and the medians.
 */
public final class LeaderFailoverBenchmark {

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	private final List<String> durations;

	private final FakeKubernetesApiServer server;

	private final List<ReplicaProcess> replicas = new ArrayList<>();

	private int started;

	private LeaderFailoverBenchmark(List<String> durations) {
		this.durations = durations;
		this.server = new FakeKubernetesApiServer().start();
		this.server.create(new V1ConfigMap().apiVersion("v1")
			.kind("ConfigMap")
			.metadata(new V1ObjectMeta().namespace("election").name("object-1"))
			.data(Map.of("tick", "1")));
	}

	public static void main(String[] args) throws Exception {
		int runs = (args.length > 0) ? Integer.parseInt(args[0]) : 10;
		List<String> durations = (args.length > 3) ? List.of(args[1], args[2], args[3]) : List.of("3s", "2s", "500ms");
		LeaderFailoverBenchmark benchmark = new LeaderFailoverBenchmark(durations);
		try {
			benchmark.run(runs);
		}
		finally {
			benchmark.replicas.forEach(ReplicaProcess::close);
			benchmark.server.close();
		}
		System.exit(0);
	}

	private void run(int runs) {
		System.out.println("Leader failover, " + runs + " runs each, lease-duration / renew-deadline / retry-period "
				+ String.join(" / ", this.durations) + ", 3 replicas, " + Runtime.getRuntime().availableProcessors()
				+ " CPUs, load average " + loadAverage());
		for (int i = 0; i < 3; i++) {
			start();
		}
		ReplicaProcess leader = awaitNewLeader(null);
		idleRequests(leader);
		List<Long> kills = new ArrayList<>();
		for (int run = 1; run <= runs; run++) {
			awaitStandbys();
			Instant killed = Instant.now();
			leader.kill();
			this.replicas.remove(leader);
			ReplicaProcess next = awaitNewLeader(leader);
			long millis = Duration.between(killed, acquireTime()).toMillis();
			kills.add(millis);
			System.out.println("SIGKILL run " + run + ": " + next.identity() + " acquired " + millis + " ms after "
					+ "the kill");
			leader = next;
			start();
		}
		List<Long> graceful = new ArrayList<>();
		List<Long> afterRelease = new ArrayList<>();
		for (int run = 1; run <= runs; run++) {
			awaitStandbys();
			Instant terminated = Instant.now();
			leader.terminate();
			ReplicaProcess next = awaitNewLeader(leader);
			V1Lease lease = lease();
			long millis = Duration.between(terminated, lease.getSpec().getAcquireTime().toInstant()).toMillis();
			graceful.add(millis);
			long sinceRelease = releaseToAcquire(leader);
			afterRelease.add(sinceRelease);
			System.out.println("SIGTERM run " + run + ": " + next.identity() + " acquired " + millis + " ms after "
					+ "the signal, " + sinceRelease + " ms after the old leader stopped (and released)");
			leader.waitForExit(TIMEOUT);
			this.replicas.remove(leader);
			leader = next;
			start();
		}
		System.out.println("RESULT failover after SIGKILL: median " + median(kills) + " ms (min " + min(kills)
				+ ", max " + max(kills) + ")");
		System.out.println("RESULT failover after SIGTERM: median " + median(graceful) + " ms from the signal, "
				+ median(afterRelease) + " ms from the old leader stopping and releasing (max " + max(afterRelease) + ")");
	}

	/** Over 30 s of an idle, settled election: requests to the Lease per second, by kind. */
	private void idleRequests(ReplicaProcess leader) {
		awaitStandbys();
		this.server.clearRequests();
		Instant from = Instant.now();
		awaitUntil(() -> Duration.between(from, Instant.now()).compareTo(Duration.ofSeconds(30)) >= 0);
		double seconds = Duration.between(from, Instant.now()).toMillis() / 1000.0;
		List<RecordedRequest> leases = this.server.requests()
			.stream()
			.filter((request) -> request.path().contains("/leases"))
			.toList();
		long writes = leases.stream().filter((request) -> !request.method().equals("GET")).count();
		long reads = leases.stream().filter((request) -> request.method().equals("GET")).count();
		System.out.printf("RESULT idle, %.0f s, 3 replicas: Lease writes %.2f/s (all by the leader %s, standbys "
				+ "write nothing), Lease reads %.2f/s (standbys, %.2f/s each)%n", seconds, writes / seconds,
				leader.identity(), reads / seconds, reads / seconds / 2);
	}

	private void start() {
		this.started++;
		ReplicaProcess replica = ReplicaProcess.start("replica-" + this.started, this.server.url(), this.durations,
				Path.of("target", "leader-failover"));
		this.replicas.add(replica);
	}

	/** Every live replica has started (its caches synced and its elector running). */
	private void awaitStandbys() {
		awaitUntil(() -> this.replicas.stream().allMatch((replica) -> !replica.times("started").isEmpty()));
	}

	private ReplicaProcess awaitNewLeader(ReplicaProcess previous) {
		awaitUntil(() -> {
			String holder = holder();
			return !holder.isEmpty() && (previous == null || !holder.equals(previous.identity()));
		});
		String holder = holder();
		return this.replicas.stream().filter((replica) -> replica.identity().equals(holder)).findFirst().orElseThrow();
	}

	private long releaseToAcquire(ReplicaProcess previous) {
		// The release record is not kept once the next leader wrote; the previous leader logged when it released.
		List<Long> revoked = previous.times("revoked");
		Instant revokedAt = Instant.ofEpochMilli(revoked.get(revoked.size() - 1));
		return Duration.between(revokedAt, acquireTime()).toMillis();
	}

	private Instant acquireTime() {
		return lease().getSpec().getAcquireTime().toInstant();
	}

	private String holder() {
		V1Lease lease = lease();
		String holder = (lease != null) ? lease.getSpec().getHolderIdentity() : null;
		return (holder != null) ? holder : "";
	}

	private V1Lease lease() {
		return this.server.get(V1Lease.class, "election", "election-replica").orElse(null);
	}

	private static void awaitUntil(BooleanSupplier condition) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		Object monitor = new Object();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("Timed out after " + TIMEOUT);
			}
			synchronized (monitor) {
				try {
					monitor.wait(20);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
			}
		}
	}

	private static long median(List<Long> values) {
		List<Long> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private static long min(List<Long> values) {
		return values.stream().mapToLong(Long::longValue).min().orElse(0);
	}

	private static long max(List<Long> values) {
		return values.stream().mapToLong(Long::longValue).max().orElse(0);
	}

	private static String loadAverage() {
		return String.format("%.2f", ManagementFactory.getOperatingSystemMXBean()
			.getSystemLoadAverage());
	}

}
