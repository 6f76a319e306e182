package io.github.informer.benchmarks.run;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.informer.annotation.EventType;
import io.github.informer.annotation.InformerHandler;
import io.github.informer.registry.InformerRegistry;
import io.github.informer.registry.Informers;
import io.github.informer.registry.ManagedInformer;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1Pod;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.support.GenericApplicationContext;

/**
 * The starter side: a Spring Boot application with the starter at its default settings, the informer declared in
 * properties, and (mode {@code events}) one {@code @InformerHandler} method. Measured like the reference: the clock
 * starts in a lifecycle bean that runs just before the starter's registry starts its informers.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class StarterRun {

	public static void main(String[] args) {
		Arguments arguments = new Arguments(args);
		BenchmarkResource resource = BenchmarkResource.of(arguments.get("resource"));
		boolean events = "events".equals(arguments.get("mode"));
		SyncProbe probe = new SyncProbe();
		EventRecorder recorder = new EventRecorder(events ? arguments.getInt("warmup") : 0, events ? arguments.getInt("events") : 0);
		SpringApplication application = new SpringApplication(StarterRun.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setBannerMode(Banner.Mode.OFF);
		application.setDefaultProperties(properties(arguments, resource));
		application.addInitializers((context) -> {
			GenericApplicationContext generic = (GenericApplicationContext) context;
			generic.registerBean(ClockStart.class, () -> new ClockStart(probe));
			if (events) {
				generic.registerBean(PodUpdateHandler.class, () -> new PodUpdateHandler(recorder));
			}
		});
		Report report = new Report().put("side", "starter");
		try (ConfigurableApplicationContext context = application.run()) {
			ManagedInformer<KubernetesObject> informer = context.getBean(Informers.class).get(resource.plural());
			boolean synced = probe.awaitSynced(informer::hasSynced, ReferenceRun.syncTimeout(arguments), report);
			if (synced && events) {
				Report.ready(System.out);
				report.put("complete", recorder.await(Duration.ofMinutes(3)));
				recorder.report(report);
			}
			else if (synced) {
				probe.reportHeap(report, informer.indexer(), () -> informer.informer().stop(), resource.fieldSteps());
			}
			report.print(System.out);
		}
		System.exit(0);
	}

	/**
	 * The starter at its defaults; only what to watch, and no blocking start-up wait (the probe times the sync).
	 * {@code --properties a=b,c=d} adds properties, to see what a setting costs.
	 */
	private static Map<String, Object> properties(Arguments arguments, BenchmarkResource resource) {
		String prefix = "kubernetes.informers.resources." + resource.plural() + ".";
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("logging.level.root", "WARN");
		properties.put("kubernetes.informers.client.url", arguments.get("url"));
		properties.put("kubernetes.informers.startup.wait-for-sync", "false");
		properties.put(prefix + "api-version", "v1");
		properties.put(prefix + "kind", resource.kind());
		properties.put(prefix + "namespaces", arguments.get("namespace"));
		String extra = arguments.get("properties", "");
		for (String pair : extra.split(",")) {
			if (!pair.isBlank()) {
				properties.put(pair.substring(0, pair.indexOf('=')).trim(), pair.substring(pair.indexOf('=') + 1).trim());
			}
		}
		return properties;
	}

	/** Starts the probe's clock (after its heap baseline) just before the registry starts the informers. */
	static final class ClockStart implements SmartLifecycle {

		private final SyncProbe probe;

		private volatile boolean running;

		ClockStart(SyncProbe probe) {
			this.probe = probe;
		}

		@Override
		public void start() {
			this.probe.markStart();
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

		@Override
		public int getPhase() {
			return InformerRegistry.PHASE - 1;
		}

	}

	/** The measured handler: the same body as the reference's hand-written {@code ResourceEventHandler}. */
	public static class PodUpdateHandler {

		private final EventRecorder recorder;

		PodUpdateHandler(EventRecorder recorder) {
			this.recorder = recorder;
		}

		@InformerHandler(informer = "pods", events = EventType.UPDATED)
		public void onUpdate(V1Pod oldPod, V1Pod newPod) {
			this.recorder.updated(newPod);
		}

	}

}
