package io.github.informer.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

import io.github.informer.autoconfigure.InformerAutoConfiguration;
import io.github.informer.autoconfigure.InformerHandlerAutoConfiguration;
import io.github.informer.client.ListStrategy;
import io.github.informer.client.WatchStatus;
import io.github.informer.handler.InformerHandlers;
import io.github.informer.handler.RegisteredHandler;
import io.github.informer.registry.Informers;
import io.github.informer.registry.ManagedInformer;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.RequestFailure;
import io.kubernetes.client.informer.cache.Caches;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Makes many changes (creates, updates, deletes of ConfigMaps across three namespaces) on a
 * {@link FakeKubernetesApiServer} while a Spring application's informers watch them, and injects faults meanwhile:
 * every few hundred changes all watches are dropped; twice the history is compacted so that watches get 410 Gone
 * (once during a server restart, as an API server restart loses its watch cache); 500s and 429s with Retry-After.
 * Then waits for things to settle and compares every informer's cache and every handler's view with the server.
 * <p>
 * Two informers watch the same objects: {@value #PER_NAMESPACE} with one list/watch loop per namespace, and
 * {@value #ALL_NAMESPACES} with one loop for all. Each run uses one {@code list-strategy}, so the first sync and every
 * relist go through the paged list or the watch-list. Used by {@code ChaosTests} at a size for {@code mvn verify}
 * (once per strategy), and by {@link #main} for larger runs.
 */
public final class ChaosScenario {

	static final String PER_NAMESPACE = "configmaps";

	static final String ALL_NAMESPACES = "all-configmaps";

	static final List<String> NAMESPACES = List.of("team-a", "team-b", "team-c");

	private final Settings settings;

	private final Random random;

	private final List<String> faults = new ArrayList<>();

	private final Map<String, V1ConfigMap> live = new HashMap<>();

	private final List<String> liveKeys = new ArrayList<>();

	private int creates;

	private int updates;

	private int deletes;

	private int deletesWhileDown;

	private int nameCounter;

	public ChaosScenario(Settings settings) {
		this.settings = settings;
		this.random = new Random(settings.seed());
	}

	/**
	 * Run the scenario: start a server and an application, make the changes with faults, wait to settle, compare.
	 * @return what happened and every difference found
	 */
	public Result run() {
		try (FakeKubernetesApiServer server = new FakeKubernetesApiServer().start()) {
			ConfigurableApplicationContext context = new SpringApplicationBuilder(ChaosApplication.class)
				.web(WebApplicationType.NONE)
				.logStartupInfo(false)
				.run("--kubernetes.informers.client.url=" + server.url(),
						"--kubernetes.informers.resources." + PER_NAMESPACE + ".api-version=v1",
						"--kubernetes.informers.resources." + PER_NAMESPACE + ".kind=ConfigMap",
						"--kubernetes.informers.resources." + PER_NAMESPACE + ".namespaces="
								+ String.join(",", NAMESPACES),
						"--kubernetes.informers.resources." + ALL_NAMESPACES + ".api-version=v1",
						"--kubernetes.informers.resources." + ALL_NAMESPACES + ".kind=ConfigMap",
						"--kubernetes.informers.list-page-size=100",
						"--kubernetes.informers.list-strategy=" + this.settings.listStrategy().value(),
						"--kubernetes.informers.backoff.initial-delay=50ms",
						"--kubernetes.informers.backoff.max-delay=1s",
						"--spring.main.banner-mode=off");
			try {
				List<String> threadsBefore = handlerThreads();
				long start = System.nanoTime();
				change(server);
				Duration changing = Duration.ofNanos(System.nanoTime() - start);
				long settleStart = System.nanoTime();
				boolean settled = awaitSettled(server, context);
				Duration settling = Duration.ofNanos(System.nanoTime() - settleStart);
				List<String> differences = settled ? List.of() : List.of("caches did not settle within "
						+ this.settings.settleTimeout());
				differences = new ArrayList<>(differences);
				differences.addAll(compare(server, context));
				List<String> threadsAfter = handlerThreads();
				if (!threadsAfter.containsAll(threadsBefore)) {
					differences.add("handler threads died: before " + threadsBefore + ", after " + threadsAfter);
				}
				ChaosHandlers handlers = context.getBean(ChaosHandlers.class);
				return new Result(this.settings.changes(), this.creates, this.updates, this.deletes,
						this.deletesWhileDown, List.copyOf(this.faults), changing, settling,
						handlers.perNamespaceView().finalStateUnknown.get(),
						handlers.allNamespacesView().finalStateUnknown.get(), handlers.thrown(),
						restarts(context), listStrategies(context), threadsBefore, differences);
			}
			finally {
				context.close();
			}
		}
	}

	private void change(FakeKubernetesApiServer server) {
		int total = this.settings.changes();
		int drop = this.settings.watchDropEvery();
		long intervalNanos = TimeUnit.SECONDS.toNanos(1) / this.settings.changesPerSecond();
		long next = System.nanoTime();
		int restartAt = total / 2;
		int downFor = Math.max(20, total / 40);
		for (int i = 1; i <= total; i++) {
			long wait = next - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			next += intervalNanos;
			boolean down = i > restartAt && i <= restartAt + downFor;
			changeOne(server, down);
			if (i % drop == 0 && !down) {
				server.closeAllWatches();
				this.faults.add("closeAllWatches@" + i);
			}
			if (i == total / 4) {
				server.compactHistory();
				server.closeAllWatches();
				this.faults.add("410 (compactHistory + closeAllWatches)@" + i);
			}
			if (i == total * 2 / 5) {
				server.failNext(RequestFailure.status(500).times(3));
				server.closeAllWatches();
				this.faults.add("3x 500@" + i);
			}
			if (i == restartAt) {
				server.stop();
				this.faults.add("server stopped@" + i);
			}
			if (i == restartAt + downFor) {
				// the restarted server has lost its watch history: watches from before get 410 Gone
				server.compactHistory();
				server.start();
				this.faults.add("410 (history lost) and server started@" + i);
			}
			if (i == total * 3 / 5) {
				server.failNext(RequestFailure.status(429).times(2).retryAfterSeconds(1));
				server.closeAllWatches();
				this.faults.add("2x 429 Retry-After 1s@" + i);
			}
			if (i == total * 4 / 5) {
				server.failNext(RequestFailure.status(500).times(2).verb("watch"));
				server.closeAllWatches();
				this.faults.add("2x 500 on watch@" + i);
			}
		}
	}

	private void changeOne(FakeKubernetesApiServer server, boolean down) {
		int roll = this.random.nextInt(100);
		int deleteShare = down ? 50 : 20;
		if (this.liveKeys.size() < this.settings.minimumLive() || (roll < 40 && !down)) {
			String namespace = NAMESPACES.get(this.random.nextInt(NAMESPACES.size()));
			String name = "cm-" + (++this.nameCounter);
			V1ConfigMap created = server.create(new V1ConfigMap()
				.metadata(new V1ObjectMeta().namespace(namespace).name(name).putLabelsItem("app", "chaos"))
				.putDataItem("value", "0"));
			String key = namespace + "/" + name;
			this.live.put(key, created);
			this.liveKeys.add(key);
			this.creates++;
		}
		else if (roll < 100 - deleteShare) {
			String key = this.liveKeys.get(this.random.nextInt(this.liveKeys.size()));
			V1ConfigMap current = this.live.get(key);
			current.putDataItem("value", Integer.toString(this.random.nextInt(1_000_000)));
			this.live.put(key, server.update(current));
			this.updates++;
		}
		else {
			int index = this.random.nextInt(this.liveKeys.size());
			String key = this.liveKeys.get(index);
			// swap-remove keeps picking random keys O(1)
			this.liveKeys.set(index, this.liveKeys.get(this.liveKeys.size() - 1));
			this.liveKeys.remove(this.liveKeys.size() - 1);
			V1ConfigMap removed = this.live.remove(key);
			server.delete("v1", "ConfigMap", removed.getMetadata().getNamespace(), removed.getMetadata().getName());
			this.deletes++;
			if (down) {
				this.deletesWhileDown++;
			}
		}
	}

	private boolean awaitSettled(FakeKubernetesApiServer server, ConfigurableApplicationContext context) {
		Map<String, String> expected = serverState(server);
		long deadline = System.nanoTime() + this.settings.settleTimeout().toNanos();
		while (System.nanoTime() < deadline) {
			if (compare(expected, context).isEmpty()) {
				return true;
			}
			LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
		}
		return false;
	}

	private static List<String> compare(FakeKubernetesApiServer server, ConfigurableApplicationContext context) {
		return compare(serverState(server), context);
	}

	private static List<String> compare(Map<String, String> expected, ConfigurableApplicationContext context) {
		List<String> differences = new ArrayList<>();
		Informers informers = context.getBean(Informers.class);
		ChaosHandlers handlers = context.getBean(ChaosHandlers.class);
		for (String name : List.of(PER_NAMESPACE, ALL_NAMESPACES)) {
			ManagedInformer<V1ConfigMap> informer = informers.get(name);
			Map<String, String> cached = new TreeMap<>();
			for (V1ConfigMap object : informer.lister().list()) {
				cached.put(Caches.deletionHandlingMetaNamespaceKeyFunc(object),
						object.getMetadata().getResourceVersion());
			}
			differences.addAll(differences("informer '" + name + "' cache", expected, cached));
		}
		Map<String, ChaosHandlers.View> views = Map.of("chaos-per-namespace", handlers.perNamespaceView(),
				"chaos-all-namespaces", handlers.allNamespacesView());
		views.forEach((id, view) -> {
			differences.addAll(differences("handler '" + id + "' last seen state", expected, new TreeMap<>(view.live)));
			Set<String> goneButNotDeleted = view.seen.stream()
				.filter((key) -> !expected.containsKey(key) && !view.deleted.contains(key))
				.collect(Collectors.toSet());
			if (!goneButNotDeleted.isEmpty()) {
				differences.add("handler '" + id + "' was never told of the delete of " + sample(goneButNotDeleted));
			}
			if (!view.outOfOrder.isEmpty()) {
				differences.add("handler '" + id + "' saw events out of order for " + sample(view.outOfOrder));
			}
		});
		return differences;
	}

	private static List<String> differences(String what, Map<String, String> expected, Map<String, String> actual) {
		List<String> differences = new ArrayList<>();
		Set<String> missing = expected.keySet()
			.stream()
			.filter((key) -> !actual.containsKey(key))
			.collect(Collectors.toSet());
		Set<String> extra = actual.keySet()
			.stream()
			.filter((key) -> !expected.containsKey(key))
			.collect(Collectors.toSet());
		Set<String> stale = expected.keySet()
			.stream()
			.filter((key) -> actual.containsKey(key) && !actual.get(key).equals(expected.get(key)))
			.collect(Collectors.toSet());
		if (!missing.isEmpty()) {
			differences.add(what + " misses " + missing.size() + " objects, e.g. " + sample(missing));
		}
		if (!extra.isEmpty()) {
			differences.add(what + " has " + extra.size() + " deleted objects, e.g. " + sample(extra));
		}
		if (!stale.isEmpty()) {
			differences.add(what + " has a stale resourceVersion for " + stale.size() + " objects, e.g. "
					+ sample(stale));
		}
		return differences;
	}

	private static String sample(Set<String> keys) {
		return keys.stream().sorted().limit(5).toList().toString();
	}

	private static Map<String, String> serverState(FakeKubernetesApiServer server) {
		Map<String, String> state = new TreeMap<>();
		for (V1ConfigMap object : server.list(V1ConfigMap.class, null)) {
			state.put(Caches.deletionHandlingMetaNamespaceKeyFunc(object), object.getMetadata().getResourceVersion());
		}
		return state;
	}

	private static Map<String, Long> restarts(ConfigurableApplicationContext context) {
		Map<String, Long> restarts = new TreeMap<>();
		Informers informers = context.getBean(Informers.class);
		for (String name : List.of(PER_NAMESPACE, ALL_NAMESPACES)) {
			restarts.put(name, informers.get(name).watchStatus().restarts());
		}
		InformerHandlers handlers = context.getBean(InformerHandlers.class);
		for (RegisteredHandler handler : handlers.handlers()) {
			restarts.put("failed:" + handler.id(), handler.failed());
		}
		return restarts;
	}

	/** How each informer's loops last read the state ({@code watch-list} or {@code list}) and how often fell back. */
	private static Map<String, String> listStrategies(ConfigurableApplicationContext context) {
		Map<String, String> strategies = new TreeMap<>();
		Informers informers = context.getBean(Informers.class);
		for (String name : List.of(PER_NAMESPACE, ALL_NAMESPACES)) {
			WatchStatus status = informers.get(name).watchStatus();
			strategies.put(name, status.listStrategy() + " (" + status.listFallbacks() + " fallbacks)");
		}
		return strategies;
	}

	/** The handler threads of this scenario (named after the handler ids). */
	static List<String> handlerThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter((name) -> name.startsWith("informer-") && name.contains("-chaos-"))
			.sorted()
			.toList();
	}

	/**
	 * Run a larger scenario and print the figures: {@code [changes] [changes per second] [list strategy]}, the
	 * strategy {@code auto}, {@code watch-list}, {@code list} or {@code all} (the default: one run per strategy).
	 * @param args optional size, rate and strategy
	 */
	public static void main(String[] args) {
		int changes = (args.length > 0) ? Integer.parseInt(args[0]) : 100_000;
		int rate = (args.length > 1) ? Integer.parseInt(args[1]) : 5_000;
		String strategy = (args.length > 2) ? args[2] : "all";
		boolean differences = false;
		for (ListStrategy listStrategy : ListStrategy.values()) {
			if (strategy.equals("all") || strategy.equals(listStrategy.value())) {
				Result result = new ChaosScenario(Settings.of(changes, rate, listStrategy)).run();
				System.out.println("list-strategy " + listStrategy.value() + ": " + result.describe());
				differences |= !result.differences().isEmpty();
			}
		}
		if (differences) {
			System.exit(1);
		}
	}

	/**
	 * How big and fast a run is.
	 *
	 * @param changes how many creates, updates and deletes to make
	 * @param changesPerSecond the pace
	 * @param watchDropEvery drop every watch after this many changes
	 * @param minimumLive below this many live objects, always create
	 * @param settleTimeout how long caches and handlers may take to match the server afterwards
	 * @param seed the random seed (runs are repeatable in their changes, not their timing)
	 * @param listStrategy how the informers read the state on their first sync and every relist
	 */
	public record Settings(int changes, int changesPerSecond, int watchDropEvery, int minimumLive,
			Duration settleTimeout, long seed, ListStrategy listStrategy) {

		public static Settings of(int changes, int changesPerSecond, ListStrategy listStrategy) {
			return new Settings(changes, changesPerSecond, 300, 60, Duration.ofSeconds(60), 42, listStrategy);
		}

	}

	/**
	 * What a run did and found.
	 *
	 * @param changes the changes made
	 * @param creates how many were creates
	 * @param updates updates
	 * @param deletes deletes
	 * @param deletesWhileDown deletes made while the server was stopped
	 * @param faults the faults injected, with the change number
	 * @param changing how long the changes took
	 * @param settling how long caches and handlers took to match the server afterwards
	 * @param finalStateUnknownPerNamespace {@code finalStateUnknown} deletes the per-namespace handler received
	 * @param finalStateUnknownAllNamespaces the same for the all-namespaces handler
	 * @param thrown how often the flaky handler threw
	 * @param counters watch restarts per informer and failures per handler
	 * @param listStrategies per informer: the strategy its loops last used and how many watch-lists fell back
	 * @param handlerThreads the handler threads (all alive at the end)
	 * @param differences every difference between the server and the caches or handlers; empty when all is well
	 */
	public record Result(int changes, int creates, int updates, int deletes, int deletesWhileDown,
			List<String> faults, Duration changing, Duration settling, long finalStateUnknownPerNamespace,
			long finalStateUnknownAllNamespaces, long thrown, Map<String, Long> counters,
			Map<String, String> listStrategies, List<String> handlerThreads, List<String> differences) {

		public String describe() {
			long dropped = this.faults.stream().filter((fault) -> fault.startsWith("closeAllWatches")).count();
			List<String> others = this.faults.stream()
				.filter((fault) -> !fault.startsWith("closeAllWatches"))
				.toList();
			return "Chaos: " + this.changes + " changes (" + this.creates + " creates, " + this.updates + " updates, "
					+ this.deletes + " deletes, " + this.deletesWhileDown + " while the server was down) in "
					+ this.changing.toMillis() + " ms; settled " + this.settling.toMillis() + " ms later; "
					+ this.faults.size() + " faults (" + dropped + " watch drops every 300 changes, and " + others
					+ "); finalStateUnknown deletes: per-namespace "
					+ this.finalStateUnknownPerNamespace + ", all-namespaces " + this.finalStateUnknownAllNamespaces
					+ "; flaky handler threw " + this.thrown + " times; counters " + this.counters
					+ "; last list strategy " + this.listStrategies + "; differences: "
					+ (this.differences.isEmpty() ? "none" : this.differences);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ InformerAutoConfiguration.class, InformerHandlerAutoConfiguration.class })
	static class ChaosApplication {

		@Bean
		ChaosHandlers chaosHandlers() {
			return new ChaosHandlers();
		}

	}

}
