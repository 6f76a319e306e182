package io.github.informer.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.informer.client.InformerAssembler;
import io.github.informer.client.KubernetesInformer;
import io.github.informer.client.ResourceType;
import io.github.informer.client.WatchStatus;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.ApiClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;

/**
 * Owns every informer, keyed by name (client-java's {@code SharedInformerFactory} keys by Java class and silently
 * drops a second informer of the same class). A {@link SmartLifecycle} in an early phase: informers start after all
 * singletons exist (so every handler is registered first) and before the web server takes traffic; {@link #start()}
 * waits for the caches per {@code kubernetes.informers.startup.*}; {@link #stop()} ends every informer thread within
 * the shutdown timeout.
 */
public class InformerRegistry implements SmartLifecycle, DisposableBean {

	/** Starts before the web server ({@code DEFAULT_PHASE - 2048}) and stops after it. */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Logger logger = LoggerFactory.getLogger(InformerRegistry.class);

	private final Map<String, ManagedInformer<?>> informers;

	private final String apiServer;

	private final Settings settings;

	private final Object syncMonitor = new Object();

	private volatile boolean running;

	private volatile boolean stopped;

	/**
	 * Create the registry and its (not yet started) informers.
	 * @param specs what each informer watches
	 * @param apiClient the client
	 * @param settings list, memory, backoff and startup settings
	 */
	public InformerRegistry(List<InformerSpec> specs, ApiClient apiClient, Settings settings) {
		this.settings = settings;
		this.apiServer = apiClient.getBasePath();
		InformerAssembler assembler = new InformerAssembler(apiClient,
				new InformerAssembler.Settings(settings.listPageSize(), settings.readTimeout(), settings.internStrings(),
						settings.dropLastAppliedConfiguration(), settings.backoffInitial(), settings.backoffMax()));
		Map<String, ManagedInformer<?>> created = new LinkedHashMap<>();
		for (InformerSpec spec : specs) {
			ManagedInformer<?> informer = create(spec, spec.apiType(), assembler);
			informer.onSynced(this::notifySynced);
			created.put(spec.name(), informer);
		}
		this.informers = Collections.unmodifiableMap(created);
	}

	private static <T extends KubernetesObject> ManagedInformer<T> create(InformerSpec spec, Class<T> apiType,
			InformerAssembler assembler) {
		ResourceType<T> resource = new ResourceType<>(spec.group(), spec.version(), spec.kind(), apiType,
				spec.plural());
		KubernetesInformer<T> informer = assembler.assemble(spec.name(), resource, spec.namespaces(),
				spec.labelSelector(), spec.fieldSelector(), spec.decoder(), spec.listStrategy(), spec.prune());
		if (!spec.indexes().isEmpty()) {
			Map<String, Function<T, List<String>>> indexers = new LinkedHashMap<>();
			spec.indexes().forEach((name, expression) -> indexers.put(name, new SpelIndexFunction<>(expression)));
			informer.addIndexers(indexers);
		}
		return new ManagedInformer<>(spec, informer);
	}

	/**
	 * Return every informer by name, in configuration order.
	 * @return the informers
	 */
	public Map<String, ManagedInformer<?>> informers() {
		return this.informers;
	}

	@Override
	public void start() {
		if (this.running) {
			return;
		}
		if (this.stopped) {
			// handed-out listers and informers refer to the stopped informers, so they cannot be replaced
			logger.warn("Informers cannot be started again once stopped; refresh a new application context instead");
			return;
		}
		this.running = true;
		this.informers.values().forEach(ManagedInformer::run);
		if (!this.settings.waitForSync() || this.informers.isEmpty()) {
			return;
		}
		Duration timeout = this.settings.syncTimeout();
		if (awaitSynced(timeout)) {
			return;
		}
		List<String> unsynced = describeUnsynced();
		if (this.settings.failOnTimeout()) {
			stop();
			throw new InformerSyncTimeoutException(this.apiServer, timeout, unsynced);
		}
		logger.warn("{} informer(s) did not sync within {} from API server {}; starting anyway, not ready, and "
				+ "retrying with backoff: {}", unsynced.size(), timeout, this.apiServer, String.join("; ", unsynced));
	}

	private List<String> describeUnsynced() {
		List<String> unsynced = new ArrayList<>();
		for (ManagedInformer<?> informer : this.informers.values()) {
			if (!informer.hasSynced()) {
				WatchStatus watch = informer.watchStatus();
				String error = (watch.lastError() != null) ? ", last error: " + watch.lastError().describe() : "";
				unsynced.add("'" + informer.name() + "' (" + informer.kind() + " " + informer.apiVersion() + ") "
						+ watch.state() + " after " + watch.consecutiveFailures() + " failed attempt(s)" + error);
			}
		}
		return unsynced;
	}

	/**
	 * Wait until every informer has synced.
	 * @param timeout how long to wait at most
	 * @return whether all had synced in time
	 */
	public boolean awaitSynced(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.syncMonitor) {
			while (!allSynced()) {
				long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
				if (remainingMillis <= 0) {
					return false;
				}
				try {
					this.syncMonitor.wait(remainingMillis);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return allSynced();
				}
			}
			return true;
		}
	}

	private boolean allSynced() {
		return this.informers.values().stream().allMatch(ManagedInformer::hasSynced);
	}

	private void notifySynced() {
		synchronized (this.syncMonitor) {
			this.syncMonitor.notifyAll();
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.stopped = true;
		this.informers.values().forEach(ManagedInformer::beginStop);
		long deadline = System.nanoTime() + this.settings.shutdownTimeout().toNanos();
		List<String> lingering = new ArrayList<>();
		for (ManagedInformer<?> informer : this.informers.values()) {
			Duration remaining = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
			if (!informer.awaitStop(remaining)) {
				lingering.add(informer.name());
			}
		}
		if (!lingering.isEmpty()) {
			logger.warn("Informer threads of {} did not end within {} (a handler that ignores interruption?)",
					lingering, this.settings.shutdownTimeout());
		}
	}

	@Override
	public void destroy() {
		stop();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Not pauseable: informers cannot be restarted, and a paused test context (Spring Framework 7 pauses cached
	 * contexts between test classes and restarts them on reuse) must come back with its caches working: so the registry
	 * keeps running while its context is paused.
	 */
	@Override
	public boolean isPauseable() {
		return false;
	}

	/**
	 * How the registry lists, caches, retries, starts and stops.
	 *
	 * @param listPageSize objects per list page, 0 for unpaged
	 * @param internStrings whether cached objects share repeated strings
	 * @param dropLastAppliedConfiguration whether to drop the last-applied annotation before caching
	 * @param backoffInitial the delay after a first failure
	 * @param backoffMax the longest delay between attempts
	 * @param waitForSync whether {@link #start()} waits for the caches
	 * @param syncTimeout how long it waits
	 * @param failOnTimeout whether a timeout fails startup
	 * @param shutdownTimeout how long {@link #stop()} waits for informer threads
	 * @param readTimeout how long a list or discovery response may send nothing, 0 for no limit
	 */
	public record Settings(int listPageSize, boolean internStrings, boolean dropLastAppliedConfiguration,
			Duration backoffInitial, Duration backoffMax, boolean waitForSync, Duration syncTimeout,
			boolean failOnTimeout, Duration shutdownTimeout, Duration readTimeout) {

	}

}
