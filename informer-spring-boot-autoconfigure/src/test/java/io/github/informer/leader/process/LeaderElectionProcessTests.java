package io.github.informer.leader.process;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.github.informer.leader.process.ElectionHistory.LeaseWrite;
import io.github.informer.test.FakeKubernetesApiException;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three replicas in separate JVMs (an {@link ElectionReplica} each: a leader-only handler that writes its identity
 * into ConfigMaps whose {@code tick} this test keeps changing) on one API server, with 3 s / 2 s / 500 ms: the
 * leader is killed (SIGKILL), frozen past its lease (SIGSTOP) and resumed, cut off from the API server alone, and
 * shut down gracefully. Safety is checked from the server's side at the end: in the Lease's and the ConfigMaps'
 * history (one resourceVersion order), no replica wrote outside its own tenure.
 */
class LeaderElectionProcessTests {

	static final List<String> DURATIONS = List.of("3s", "2s", "500ms");

	private static final Duration LEASE_DURATION = Duration.ofSeconds(3);

	private static final Duration RENEW_DEADLINE = Duration.ofSeconds(2);

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private static final Path LOGS = Path.of("target", "leader-election-replicas");

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension(
			FakeKubernetesApiServer.builder().eventHistorySize(2_000_000)).perTest();

	private FakeKubernetesApiServer server;

	private final List<ReplicaProcess> replicas = new ArrayList<>();

	private ScheduledExecutorService ticker;

	private ScheduledExecutorService leaseWatcher;

	/** When this test (the server's JVM, one clock) first saw each version of the Lease, polled every 10 ms. */
	private final Map<Long, Instant> leaseVersionsSeen = new ConcurrentHashMap<>();

	@BeforeEach
	void startTicker(FakeKubernetesApiServer server) {
		this.server = server;
		// resourceVersion 1, so that a replay from 1 sees every ConfigMap from its creation
		this.server.create(configMap("default", "first"));
		for (int i = 1; i <= 3; i++) {
			this.server.create(configMap("election", "object-" + i));
		}
		this.ticker = Executors.newSingleThreadScheduledExecutor();
		this.ticker.scheduleWithFixedDelay(this::tick, 100, 100, TimeUnit.MILLISECONDS);
		this.leaseWatcher = Executors.newSingleThreadScheduledExecutor();
		this.leaseWatcher.scheduleWithFixedDelay(() -> {
			V1Lease lease = lease();
			if (lease != null) {
				this.leaseVersionsSeen.putIfAbsent(Long.parseLong(lease.getMetadata().getResourceVersion()),
						Instant.now());
			}
		}, 10, 10, TimeUnit.MILLISECONDS);
	}

	@AfterEach
	void stopAll() {
		this.ticker.shutdownNow();
		this.leaseWatcher.shutdownNow();
		this.replicas.forEach(ReplicaProcess::close);
	}

	@Test
	void exactlyOneReplicaActsThroughKillFreezePartitionAndShutdown() {
		for (int i = 1; i <= 3; i++) {
			start("replica-" + i);
		}
		ReplicaProcess first = awaitLeaderWriting(null);

		// SIGKILL: no release; a standby takes over once the record has not changed for its leaseDurationSeconds.
		Instant killedAt = Instant.now();
		first.kill();
		ReplicaProcess second = awaitLeaderWriting(first);
		Duration killFailover = Duration.between(killedAt, lease().getSpec().getAcquireTime().toInstant());
		start("replica-4");

		// SIGSTOP past the lease: a standby takes over; once resumed, the frozen leader must not write again.
		second.pause();
		ReplicaProcess third = awaitLeaderWriting(second);
		second.resume();
		await().atMost(TIMEOUT).until(() -> !second.times("revoked").isEmpty());
		awaitWrites(third, 10);

		// The API server stops answering the leader alone: it stops by itself before renew-deadline.
		int revokedBefore = third.times("revoked").size();
		this.server.unreachable(third.identity());
		await().atMost(TIMEOUT).until(() -> third.times("revoked").size() > revokedBefore);
		Instant partitionRevokedAt = Instant.ofEpochMilli(third.times("revoked").get(revokedBefore));
		ReplicaProcess fourth = awaitLeaderWriting(third);
		this.server.reachable(third.identity());

		// Graceful shutdown: the Lease is released, the next leader does not wait for it to expire.
		fourth.terminate();
		assertThat(fourth.waitForExit(TIMEOUT)).isTrue();
		ReplicaProcess fifth = awaitLeaderWriting(fourth);
		awaitWrites(fifth, 5);
		this.ticker.shutdownNow();

		ElectionHistory history = ElectionHistory.read(this.server.url());
		assertThat(history.writesOutsideTenure()).isEmpty();
		assertThat(history.replicaWrites()).extracting(ElectionHistory.ObjectWrite::writer)
			.contains(first.identity(), second.identity(), third.identity(), fourth.identity(), fifth.identity());
		LeaseWrite secondTerm = history.acquisition(second.identity(), 0);
		LeaseWrite thirdTerm = history.acquisition(third.identity(), secondTerm.resourceVersion());
		LeaseWrite fourthTerm = history.acquisition(fourth.identity(), thirdTerm.resourceVersion());
		// The frozen leader never wrote after the acquisition that replaced it (until it was elected again, if so).
		LeaseWrite secondAgain = history.acquisition(second.identity(), thirdTerm.resourceVersion());
		long secondAgainVersion = (secondAgain != null) ? secondAgain.resourceVersion() : Long.MAX_VALUE;
		assertThat(history.replicaWrites()).filteredOn((write) -> write.writer().equals(second.identity()))
			.isNotEmpty()
			.noneMatch((write) -> write.resourceVersion() > thirdTerm.resourceVersion()
					&& write.resourceVersion() < secondAgainVersion);
		// Partitioned: its revoked listeners had returned before renew-deadline since its last renewal.
		LeaseWrite lastRenewal = history.lastRenewal(third.identity(), fourthTerm.resourceVersion());
		assertThat(partitionRevokedAt).isBefore(lastRenewal.renewTime().plus(RENEW_DEADLINE));
		// Released on shutdown (holder cleared, 1 s) and taken over well within a lease-duration.
		LeaseWrite release = history.leaseWrites()
			.stream()
			.filter((write) -> write.holder().isEmpty() && write.durationSeconds() == 1)
			.reduce((a, b) -> b)
			.orElseThrow();
		assertThat(release.resourceVersion()).isGreaterThan(fourthTerm.resourceVersion());
		LeaseWrite afterRelease = history.acquisition(fifth.identity(), release.resourceVersion());
		Duration gracefulFailover = Duration.between(seen(release), seen(afterRelease));
		assertThat(gracefulFailover.isNegative()).isFalse();
		assertThat(gracefulFailover).isLessThan(LEASE_DURATION);
		// Transitions as client-go counts them: one per new holder (a release keeps the count).
		assertThat(lease().getSpec().getLeaseTransitions()).isEqualTo(4);
		System.out.println("Failover after SIGKILL: " + killFailover.toMillis() + " ms; after a graceful shutdown: "
				+ gracefulFailover.toMillis() + " ms (lease-duration 3s, renew-deadline 2s, retry-period 500ms)");
	}

	/** When the test first saw a Lease version, or a later one if that version lasted less than a poll. */
	private Instant seen(LeaseWrite write) {
		return this.leaseVersionsSeen.entrySet()
			.stream()
			.filter((entry) -> entry.getKey() >= write.resourceVersion())
			.min(Map.Entry.comparingByKey())
			.orElseThrow()
			.getValue();
	}

	private ReplicaProcess start(String identity) {
		ReplicaProcess replica = ReplicaProcess.start(identity, this.server.url(), DURATIONS, LOGS);
		this.replicas.add(replica);
		return replica;
	}

	/** Waits for a leader other than {@code previous} whose writes reach the objects, and returns it. */
	private ReplicaProcess awaitLeaderWriting(ReplicaProcess previous) {
		await().atMost(TIMEOUT).until(() -> {
			String holder = holder();
			return !holder.isEmpty() && (previous == null || !holder.equals(previous.identity()));
		});
		ReplicaProcess leader = this.replicas.stream()
			.filter((replica) -> replica.identity().equals(holder()))
			.findFirst()
			.orElseThrow();
		awaitWrites(leader, 3);
		return leader;
	}

	private void awaitWrites(ReplicaProcess writer, int ticks) {
		Map<String, Integer> start = new HashMap<>();
		for (int i = 1; i <= 3; i++) {
			start.put("object-" + i, tick("object-" + i));
		}
		await().atMost(TIMEOUT).until(() -> {
			for (int i = 1; i <= 3; i++) {
				V1ConfigMap object = object("object-" + i);
				String seen = object.getData().get("seen");
				if (!writer.identity().equals(object.getData().get("writer")) || seen == null
						|| Integer.parseInt(seen) < start.get("object-" + i) + ticks) {
					return false;
				}
			}
			return true;
		});
	}

	private String holder() {
		String holder = Optional.ofNullable(lease()).map((lease) -> lease.getSpec().getHolderIdentity()).orElse("");
		return (holder != null) ? holder : "";
	}

	private V1Lease lease() {
		return this.server.get(V1Lease.class, "election", "election-replica").orElse(null);
	}

	private V1ConfigMap object(String name) {
		return this.server.get(V1ConfigMap.class, "election", name).orElseThrow();
	}

	private int tick(String name) {
		return Integer.parseInt(object(name).getData().get("tick"));
	}

	/** Changes every object's {@code tick}: the work the leader answers. */
	private void tick() {
		for (int i = 1; i <= 3; i++) {
			try {
				V1ConfigMap object = object("object-" + i);
				object.getData().put("tick", Integer.toString(Integer.parseInt(object.getData().get("tick")) + 1));
				this.server.update(object);
			}
			catch (FakeKubernetesApiException ex) {
				// 409: a replica wrote in between; the next round ticks again
			}
		}
	}

	private static V1ConfigMap configMap(String namespace, String name) {
		return new V1ConfigMap().apiVersion("v1")
			.kind("ConfigMap")
			.metadata(new V1ObjectMeta().namespace(namespace).name(name))
			.data(new HashMap<>(Map.of("tick", "0")));
	}

}
