package io.github.informer.sample.cluster;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.github.informer.test.FakeKubernetesApiServer;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Node;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * A tiny scheduler, kubelet and deployment controller for the embedded cluster, so the demo has something to watch:
 * every tick it makes one change, in this order of priority: bind a pending pod to the least busy node and run it,
 * delete a failed pod, create a missing replica (pending), delete a surplus one, or else crash a random running pod.
 * Then it writes every deployment's replica counts. Deployments applied with kubectl get pods too.
 */
final class SimulatedWorkload implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(SimulatedWorkload.class);

	private static final String SUFFIX_CHARACTERS = "bcdfghjklmnpqrstvwxz2456789";

	private final FakeKubernetesApiServer server;

	private final Duration interval;

	private final Random random;

	private @Nullable ScheduledExecutorService executor;

	SimulatedWorkload(FakeKubernetesApiServer server, Duration interval, Random random) {
		this.server = server;
		this.interval = interval;
		this.random = random;
	}

	@Override
	public synchronized void start() {
		if (this.executor != null || this.interval.isZero()) {
			return;
		}
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "sample-workload");
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.interval.toMillis();
		executor.scheduleWithFixedDelay(this::tickSafely, millis, millis, TimeUnit.MILLISECONDS);
		this.executor = executor;
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService executor = this.executor;
		if (executor == null) {
			return;
		}
		this.executor = null;
		executor.shutdownNow();
		try {
			executor.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	private void tickSafely() {
		try {
			tick();
		}
		catch (RuntimeException ex) {
			// A user's kubectl edit can race with a tick (409); the next tick sees the new state.
			logger.debug("Simulated workload tick failed: {}", ex.toString());
		}
	}

	/** Makes one change and updates the deployments' status. */
	synchronized void tick() {
		List<V1Pod> pods = this.server.list(V1Pod.class, null);
		List<V1Deployment> deployments = this.server.list(V1Deployment.class, null);
		List<V1Pod> owned = new ArrayList<>();
		for (V1Deployment deployment : deployments) {
			owned.addAll(podsOf(deployment, pods));
		}
		if (!schedulePendingPod(owned, pods) && !deleteFailedPod(owned) && !reconcileReplicas(deployments, pods)) {
			crashRunningPod(owned);
		}
		updateDeploymentStatus(this.server.list(V1Pod.class, null), deployments);
	}

	private boolean schedulePendingPod(List<V1Pod> owned, List<V1Pod> pods) {
		V1Pod pending = first(owned,
				(pod) -> Workloads.PENDING.equals(phase(pod)) && pod.getSpec().getNodeName() == null);
		String node = leastBusyNode(pods);
		if (pending == null || node == null) {
			return false;
		}
		this.server.update(Workloads.running(pending, node, now()));
		logger.debug("Simulated: scheduled {} on {}", pending.getMetadata().getName(), node);
		return true;
	}

	private boolean deleteFailedPod(List<V1Pod> owned) {
		V1Pod failed = first(owned, (pod) -> Workloads.FAILED.equals(phase(pod)));
		if (failed == null) {
			return false;
		}
		this.server.delete("v1", "Pod", failed.getMetadata().getNamespace(), failed.getMetadata().getName());
		return true;
	}

	private boolean reconcileReplicas(List<V1Deployment> deployments, List<V1Pod> pods) {
		for (V1Deployment deployment : deployments) {
			List<V1Pod> current = podsOf(deployment, pods);
			int desired = replicas(deployment);
			if (current.size() < desired) {
				this.server.create(newPod(deployment));
				return true;
			}
			if (current.size() > desired) {
				V1Pod surplus = current.stream()
					.min(Comparator.comparing((V1Pod pod) -> !Workloads.PENDING.equals(phase(pod))))
					.orElseThrow();
				this.server.delete("v1", "Pod", surplus.getMetadata().getNamespace(),
						surplus.getMetadata().getName());
				return true;
			}
		}
		return false;
	}

	private void crashRunningPod(List<V1Pod> owned) {
		List<V1Pod> running = owned.stream().filter((pod) -> Workloads.RUNNING.equals(phase(pod))).toList();
		if (!running.isEmpty()) {
			V1Pod victim = running.get(this.random.nextInt(running.size()));
			this.server.update(Workloads.failed(victim, now()));
		}
	}

	private void updateDeploymentStatus(List<V1Pod> pods, List<V1Deployment> deployments) {
		for (V1Deployment deployment : deployments) {
			List<V1Pod> current = podsOf(deployment, pods);
			int available = (int) current.stream().filter((pod) -> Workloads.RUNNING.equals(phase(pod))).count();
			Integer before = (deployment.getStatus() != null) ? deployment.getStatus().getAvailableReplicas() : null;
			Integer replicasBefore = (deployment.getStatus() != null) ? deployment.getStatus().getReplicas() : null;
			if (Objects.equals(before, available) && Objects.equals(replicasBefore, current.size())) {
				continue;
			}
			Workloads.setAvailability(deployment, current.size(), available);
			this.server.update(deployment);
		}
	}

	private V1Pod newPod(V1Deployment deployment) {
		V1PodTemplateSpec template = deployment.getSpec().getTemplate();
		String name = deployment.getMetadata().getName() + "-" + templateHash(deployment) + "-" + suffix();
		V1Pod pod = new V1Pod().apiVersion("v1")
			.kind("Pod")
			.metadata(new V1ObjectMeta().name(name)
				.namespace(deployment.getMetadata().getNamespace())
				.labels((template.getMetadata() != null) ? template.getMetadata().getLabels() : null))
			.spec(template.getSpec());
		return Workloads.pending(pod);
	}

	private @Nullable String leastBusyNode(List<V1Pod> pods) {
		List<V1Node> nodes = this.server.list(V1Node.class, null);
		return nodes.stream()
			.map((node) -> node.getMetadata().getName())
			.min(Comparator.comparingLong((String node) -> pods.stream()
				.filter((pod) -> node.equals(pod.getSpec().getNodeName()))
				.count()).thenComparing(Comparator.naturalOrder()))
			.orElse(null);
	}

	private static List<V1Pod> podsOf(V1Deployment deployment, List<V1Pod> pods) {
		Map<String, String> selector = deployment.getSpec().getSelector().getMatchLabels();
		String namespace = deployment.getMetadata().getNamespace();
		if (selector == null || selector.isEmpty()) {
			return List.of();
		}
		return pods.stream()
			.filter((pod) -> namespace.equals(pod.getMetadata().getNamespace()))
			.filter((pod) -> pod.getMetadata().getLabels() != null
					&& pod.getMetadata().getLabels().entrySet().containsAll(selector.entrySet()))
			.toList();
	}

	private static @Nullable V1Pod first(List<V1Pod> pods, Predicate<V1Pod> predicate) {
		return pods.stream().filter(predicate).findFirst().orElse(null);
	}

	private static int replicas(V1Deployment deployment) {
		Integer replicas = deployment.getSpec().getReplicas();
		return (replicas != null) ? replicas : 1;
	}

	private static @Nullable String phase(V1Pod pod) {
		return (pod.getStatus() != null) ? pod.getStatus().getPhase() : null;
	}

	private static String templateHash(V1Deployment deployment) {
		return Integer.toHexString(Objects.hashCode(deployment.getSpec().getTemplate()) & 0xfffffff);
	}

	private String suffix() {
		StringBuilder suffix = new StringBuilder();
		for (int i = 0; i < 5; i++) {
			suffix.append(SUFFIX_CHARACTERS.charAt(this.random.nextInt(SUFFIX_CHARACTERS.length())));
		}
		return suffix.toString();
	}

	private static OffsetDateTime now() {
		return OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
	}

}
