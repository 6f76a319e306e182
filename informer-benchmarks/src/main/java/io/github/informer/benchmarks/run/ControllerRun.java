package io.github.informer.benchmarks.run;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import io.github.informer.benchmarks.server.BenchmarkObjects;
import io.github.informer.controller.Controllers;
import io.github.informer.controller.KubernetesReconciler;
import io.github.informer.controller.ReconcileRequest;
import io.github.informer.controller.ReconcileResult;
import io.github.informer.controller.Reconciler;
import io.github.informer.registry.Informers;
import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.informer.cache.Lister;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodList;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.generic.GenericKubernetesApi;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/**
 * One controller side of the {@code controllers} scenario: 1,000 Pods reconciled by {@code --workers} workers, each
 * reconcile reading the Pod from the cache and then waiting {@code --work-micros} (an API call's worth of time).
 * <ul>
 * <li>{@code --side starter}: a {@code @KubernetesReconciler} on the starter's work queue (de-duplicating, a key never
 * on two workers).</li>
 * <li>{@code --side reference}: the loop users write by hand on client-java 27 today, since client-java-extended's
 * controller framework is not published for it: a {@code ResourceEventHandler} putting keys on a
 * {@code LinkedBlockingQueue} that {@code --workers} threads take from.</li>
 * </ul>
 * Prints READY once synced and idle, WARM once the warm-up updates are reconciled (figures reset), then the result once
 * the measured updates are: reconciles, reconciles per second, updates per reconcile (de-duplication), the time from
 * the first measured update seen to idle, and the latency from the server's write to the reconcile start.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class ControllerRun {

	static final String WARM = "BENCH-WARM";

	public static void main(String[] args) throws Exception {
		Arguments arguments = new Arguments(args);
		int workers = arguments.getInt("workers");
		Recorder recorder = new Recorder(arguments.getInt("updates"), arguments.getInt("work-micros"));
		Report report = new Report().put("side", arguments.get("side")).put("workers", workers);
		if ("starter".equals(arguments.get("side"))) {
			starter(arguments, workers, recorder, report);
		}
		else {
			reference(arguments, workers, recorder, report);
		}
		report.print(System.out);
		System.exit(0);
	}

	private static void starter(Arguments arguments, int workers, Recorder recorder, Report report) throws Exception {
		SpringApplication application = new SpringApplication(ControllerRun.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("logging.level.root", "WARN");
		properties.put("kubernetes.informers.client.url", arguments.get("url"));
		properties.put("kubernetes.informers.resources.pods.api-version", "v1");
		properties.put("kubernetes.informers.resources.pods.kind", "Pod");
		properties.put("kubernetes.informers.resources.pods.namespaces", arguments.get("namespace"));
		properties.put("kubernetes.informers.controllers.bench.workers", workers);
		application.setDefaultProperties(properties);
		application.addInitializers((context) -> ((GenericApplicationContext) context).registerBean(
				BenchReconciler.class, () -> new BenchReconciler(context, recorder)));
		try (ConfigurableApplicationContext context = application.run()) {
			Informers informers = context.getBean(Informers.class);
			Controllers controllers = context.getBean(Controllers.class);
			informers.<V1Pod>informer("pods").addEventHandler(recorder.updateCounter());
			BooleanSupplier idle = () -> {
				Controllers.Status status = controllers.status("bench");
				return status.depth() == 0 && status.processing() == 0 && status.waiting() == 0;
			};
			measure(arguments, recorder, idle, report);
		}
	}

	private static void reference(Arguments arguments, int workers, Recorder recorder, Report report)
			throws Exception {
		ApiClient client = new ClientBuilder().setBasePath(arguments.get("url")).build();
		SharedInformerFactory factory = new SharedInformerFactory(client);
		GenericKubernetesApi<V1Pod, V1PodList> api = new GenericKubernetesApi<>(V1Pod.class, V1PodList.class, "", "v1",
				"pods", client);
		SharedIndexInformer<V1Pod> informer = factory.sharedIndexInformerFor(api, V1Pod.class, 0,
				arguments.get("namespace"));
		Lister<V1Pod> lister = new Lister<>(informer.getIndexer());
		LinkedBlockingQueue<ReconcileRequest> queue = new LinkedBlockingQueue<>();
		AtomicInteger busy = new AtomicInteger();
		informer.addEventHandler(new ResourceEventHandler<>() {

			@Override
			public void onAdd(V1Pod pod) {
				queue.add(ReconcileRequest.of(pod));
			}

			@Override
			public void onUpdate(V1Pod oldPod, V1Pod newPod) {
				queue.add(ReconcileRequest.of(newPod));
			}

			@Override
			public void onDelete(V1Pod pod, boolean deletedFinalStateUnknown) {
				queue.add(ReconcileRequest.of(pod));
			}

		});
		informer.addEventHandler(recorder.updateCounter());
		for (int i = 0; i < workers; i++) {
			Thread worker = new Thread(() -> {
				while (true) {
					ReconcileRequest request;
					try {
						request = queue.take();
					}
					catch (InterruptedException ex) {
						return;
					}
					busy.incrementAndGet();
					try {
						recorder.reconcile(lister.namespace(request.namespace()).get(request.name()));
					}
					finally {
						busy.decrementAndGet();
					}
				}
			}, "reference-worker-" + i);
			worker.setDaemon(true);
			worker.start();
		}
		factory.startAllRegisteredInformers();
		measure(arguments, recorder, () -> queue.isEmpty() && busy.get() == 0, report);
		factory.stopAllRegisteredInformers();
	}

	private static void measure(Arguments arguments, Recorder recorder, BooleanSupplier idle, Report report) {
		int warmup = arguments.getInt("warmup");
		int updates = arguments.getInt("updates");
		awaitIdle(() -> recorder.reconciles.get() >= 1000 && idle.getAsBoolean());
		Report.ready(System.out);
		awaitIdle(() -> recorder.updatesSeen.get() >= warmup && idle.getAsBoolean());
		recorder.reset();
		System.out.println(WARM);
		System.out.flush();
		boolean complete = awaitIdle(() -> recorder.updatesSeen.get() >= updates && idle.getAsBoolean());
		long idleAt = System.nanoTime();
		report.put("complete", complete);
		recorder.report(report, idleAt);
	}

	private static boolean awaitIdle(BooleanSupplier condition) {
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		// idle twice 2 ms apart, so a key between the queue and a worker is not taken for idle
		int idleChecks = 0;
		while (System.nanoTime() < deadline) {
			idleChecks = condition.getAsBoolean() ? idleChecks + 1 : 0;
			if (idleChecks >= 2) {
				return true;
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
		}
		return false;
	}

	/** The starter side's reconciler: the same body as the reference's workers. */
	@KubernetesReconciler(name = "bench", informer = "pods")
	static final class BenchReconciler implements Reconciler<V1Pod> {

		private final ConfigurableApplicationContext context;

		private final Recorder recorder;

		private volatile Lister<V1Pod> lister;

		BenchReconciler(ConfigurableApplicationContext context, Recorder recorder) {
			this.context = context;
			this.recorder = recorder;
		}

		@Override
		public ReconcileResult reconcile(ReconcileRequest request) {
			Lister<V1Pod> pods = this.lister;
			if (pods == null) {
				pods = this.context.getBean(Informers.class).lister("pods");
				this.lister = pods;
			}
			this.recorder.reconcile(pods.namespace(request.namespace()).get(request.name()));
			return ReconcileResult.done();
		}

	}

	/** Counts updates and reconciles and records the write-to-reconcile latency; shared by both sides. */
	static final class Recorder {

		final AtomicInteger updatesSeen = new AtomicInteger();

		final AtomicInteger reconciles = new AtomicInteger();

		private final long[] latencyMicros;

		private final AtomicInteger latencies = new AtomicInteger();

		private final long workNanos;

		private final AtomicLong firstUpdateNanos = new AtomicLong();

		private volatile boolean measuring;

		Recorder(int updates, int workMicros) {
			this.latencyMicros = new long[updates * 2];
			this.workNanos = TimeUnit.MICROSECONDS.toNanos(workMicros);
		}

		ResourceEventHandler<V1Pod> updateCounter() {
			return new ResourceEventHandler<>() {

				@Override
				public void onAdd(V1Pod pod) {
				}

				@Override
				public void onUpdate(V1Pod oldPod, V1Pod newPod) {
					if (Recorder.this.measuring) {
						Recorder.this.firstUpdateNanos.compareAndSet(0, System.nanoTime());
					}
					Recorder.this.updatesSeen.incrementAndGet();
				}

				@Override
				public void onDelete(V1Pod pod, boolean deletedFinalStateUnknown) {
				}

			};
		}

		void reconcile(V1Pod pod) {
			this.reconciles.incrementAndGet();
			if (this.measuring && pod != null) {
				Map<String, String> annotations = pod.getMetadata().getAnnotations();
				String stamp = (annotations != null) ? annotations.get(BenchmarkObjects.WRITTEN_AT) : null;
				if (stamp != null) {
					Instant now = Instant.now();
					long nowMicros = TimeUnit.SECONDS.toMicros(now.getEpochSecond()) + now.getNano() / 1000;
					int index = this.latencies.getAndIncrement();
					if (index < this.latencyMicros.length) {
						this.latencyMicros[index] = nowMicros - Long.parseLong(stamp);
					}
				}
			}
			// the reconcile's own work: the time an API call would take
			LockSupport.parkNanos(this.workNanos);
		}

		void reset() {
			this.updatesSeen.set(0);
			this.reconciles.set(0);
			this.latencies.set(0);
			this.firstUpdateNanos.set(0);
			this.measuring = true;
		}

		void report(Report report, long idleAt) {
			int reconciled = this.reconciles.get();
			int updates = this.updatesSeen.get();
			double seconds = (idleAt - this.firstUpdateNanos.get()) / 1e9;
			report.put("updates", updates);
			report.put("reconciles", reconciled);
			report.put("convergeMillis", seconds * 1000);
			report.put("reconcilesPerSecond", (seconds > 0) ? reconciled / seconds : 0.0);
			report.put("updatesPerReconcile", (reconciled > 0) ? (double) updates / reconciled : 0.0);
			int n = Math.min(this.latencies.get(), this.latencyMicros.length);
			long[] sorted = Arrays.copyOf(this.latencyMicros, n);
			Arrays.sort(sorted);
			report.put("latencyP50Millis", EventRecorder.percentile(sorted, 0.50) / 1000.0);
			report.put("latencyP99Millis", EventRecorder.percentile(sorted, 0.99) / 1000.0);
		}

	}

}
