package io.github.informer.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpServer;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import org.jspecify.annotations.Nullable;

/**
 * A Kubernetes API server in the JVM, for tests, benchmarks and local development: discovery, the common built-in
 * kinds and CRDs, get/list/create/update/patch/delete, the status subresource, label and field selectors, paged
 * lists with consistent snapshots, chunked-HTTP watches with bookmarks and 410 Gone, the streaming initial list
 * (watch-list), deletion propagation, and fault injection. client-java informers and kubectl work against it.
 *
 * <pre class="code">
 * try (FakeKubernetesApiServer server = new FakeKubernetesApiServer().start()) {
 *     server.create(new V1ConfigMap().metadata(new V1ObjectMeta().name("a").namespace("default")));
 *     CoreV1Api api = new CoreV1Api(server.apiClient());
 * }
 * </pre>
 *
 * Objects are kept as their JSON bytes with the metadata needed to select them, so listing 100k objects costs little
 * more than copying bytes to the socket. Namespaces need not exist for namespaced objects to be created (lenient, as
 * with admission off); deleting a Namespace deletes its objects at once.
 */
public final class FakeKubernetesApiServer implements AutoCloseable {

	static {
		if (System.getProperty("sun.net.httpserver.nodelay") == null) {
			// Without TCP_NODELAY the JDK server answers about 180 requests per second (Nagle + delayed ACK).
			System.setProperty("sun.net.httpserver.nodelay", "true");
		}
	}

	private static final AtomicInteger SERVER_IDS = new AtomicInteger();

	private final ResourceTypes types = new ResourceTypes();

	private final ObjectStore store;

	private final ApiOperations operations;

	private final Faults faults = new Faults();

	private final WatchListFaults watchListFaults = new WatchListFaults();

	private final RequestLog log = new RequestLog();

	private final Duration bookmarkInterval;

	private final int id = SERVER_IDS.incrementAndGet();

	private volatile int port;

	private volatile boolean running;

	private boolean closed;

	private @Nullable HttpServer server;

	private @Nullable ExecutorService executor;

	private @Nullable ScheduledExecutorService bookmarks;

	/** A server on a random port of 127.0.0.1, not started. */
	public FakeKubernetesApiServer() {
		this(builder());
	}

	private FakeKubernetesApiServer(Builder builder) {
		this.port = builder.port;
		this.store = new ObjectStore(builder.eventHistorySize);
		this.operations = new ApiOperations(this.store, this.types);
		this.bookmarkInterval = builder.bookmarkInterval;
		if (builder.defaultNamespaces) {
			ResourceType namespaces = this.types.byKind("v1", "Namespace").orElseThrow();
			this.operations.seed(Namespaces.defaults()
				.stream()
				.map((namespace) -> new ApiOperations.TypedObject(namespaces, namespace))
				.toList());
		}
	}

	/** A builder for a server with a fixed port, another history size or bookmark interval. */
	public static Builder builder() {
		return new Builder();
	}

	/** Starts listening (idempotent); after {@link #stop()} it listens again on the same port with the same state. */
	public synchronized FakeKubernetesApiServer start() {
		if (this.closed) {
			throw new IllegalStateException("FakeKubernetesApiServer was closed; create a new one (stop() keeps a"
					+ " server restartable, close() does not)");
		}
		if (this.running) {
			return this;
		}
		HttpServer httpServer;
		try {
			InetAddress loopback = InetAddress.getByAddress(new byte[] { 127, 0, 0, 1 });
			httpServer = HttpServer.create(new InetSocketAddress(loopback, this.port), 512);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("FakeKubernetesApiServer could not listen on 127.0.0.1:" + this.port
					+ " (" + ex.getMessage() + "); choose another port with builder().port(...) or use 0 for a random"
					+ " one", ex);
		}
		AtomicInteger threads = new AtomicInteger();
		ExecutorService executor = Executors.newCachedThreadPool((task) -> {
			Thread thread = new Thread(task, "fake-apiserver-" + this.id + "-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		Supplier<String> address = () -> "127.0.0.1:" + this.port;
		httpServer.createContext("/", new ApiHttpHandler(this.store, this.types, this.operations, this.faults,
				this.watchListFaults, this.log, address, () -> this.running));
		httpServer.setExecutor(executor);
		httpServer.start();
		this.port = httpServer.getAddress().getPort();
		this.server = httpServer;
		this.executor = executor;
		this.running = true;
		if (this.bookmarks == null && !this.bookmarkInterval.isZero()) {
			this.bookmarks = Executors.newSingleThreadScheduledExecutor((task) -> {
				Thread thread = new Thread(task, "fake-apiserver-" + this.id + "-bookmarks");
				thread.setDaemon(true);
				return thread;
			});
			long millis = this.bookmarkInterval.toMillis();
			this.bookmarks.scheduleAtFixedRate(this::sendBookmarks, millis, millis, TimeUnit.MILLISECONDS);
		}
		return this;
	}

	/** Stops listening and drops every connection, keeping all objects and the history for {@link #start()}. */
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.store.closeAllWatches();
		this.server.stop(0);
		this.executor.shutdownNow();
		this.server = null;
		this.executor = null;
	}

	/** Stops and starts again on the same port with the same state, as an API server restart looks to clients. */
	public synchronized void restart() {
		stop();
		start();
	}

	/** Stops for good. */
	@Override
	public synchronized void close() {
		stop();
		this.closed = true;
		if (this.bookmarks != null) {
			this.bookmarks.shutdownNow();
			this.bookmarks = null;
		}
	}

	/** Whether the server is listening (false before start, after stop and after close). */
	public boolean isRunning() {
		return this.running;
	}

	/** The base URL, e.g. {@code http://127.0.0.1:41234}; the port is known once started. */
	public String url() {
		return "http://127.0.0.1:" + port();
	}

	/** The port on 127.0.0.1 (kept across stop/start). */
	public int port() {
		if (this.port == 0) {
			throw new IllegalStateException("FakeKubernetesApiServer has no port yet: call start() first");
		}
		return this.port;
	}

	/** A new client on {@link #url()} with read timeout 0, as informers need for long watches. */
	public ApiClient apiClient() {
		return new ClientBuilder().setBasePath(url()).setReadTimeout(Duration.ZERO).build();
	}

	/**
	 * Writes a kubeconfig whose current context points at this server (for kubectl, ClientBuilder and other
	 * clients); the cluster says {@code insecure-skip-tls-verify: true}, which clients such as client-node want
	 * before they talk plain http.
	 */
	public Path writeKubeconfig(Path file) {
		String kubeconfig = """
				apiVersion: v1
				kind: Config
				clusters:
				- name: fake
				  cluster:
				    server: %s
				    insecure-skip-tls-verify: true
				contexts:
				- name: fake
				  context:
				    cluster: fake
				    user: fake
				    namespace: default
				current-context: fake
				users:
				- name: fake
				  user:
				    token: fake-token
				preferences: {}
				""".formatted(url());
		try {
			Path parent = file.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Files.writeString(file, kubeconfig, StandardCharsets.UTF_8);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("FakeKubernetesApiServer could not write the kubeconfig " + file, ex);
		}
	}

	// Objects through the Java API

	/** Creates the object (generateName, uid, creationTimestamp, generation and resourceVersion set) and returns it. */
	public <T extends KubernetesObject> T create(T object) {
		return call(() -> {
			JsonObject tree = tree(object);
			return typed(this.operations.create(typeOf(object), null, tree, true), object);
		});
	}

	/**
	 * Replaces the object, status included; when its resourceVersion is set and stale this throws
	 * {@link FakeKubernetesApiException} with code 409, as an HTTP update would.
	 */
	public <T extends KubernetesObject> T update(T object) {
		return call(() -> {
			ResourceType type = typeOf(object);
			JsonObject tree = tree(object);
			String name = Json.string(Json.metadata(tree), "name");
			if (name == null) {
				throw new IllegalArgumentException("FakeKubernetesApiServer.update: the object has no metadata.name");
			}
			return typed(this.operations.update(type, null, name, tree, false, true), object);
		});
	}

	/** Creates the object or replaces it whatever its resourceVersion. */
	public <T extends KubernetesObject> T apply(T object) {
		return call(() -> typed(this.operations.apply(typeOf(object), tree(object)), object));
	}

	/**
	 * Deletes an object (namespace null for cluster-scoped); false when there was none. An object with finalizers
	 * is only marked ({@code deletionTimestamp}), as over HTTP, and goes when its last finalizer is removed.
	 */
	public boolean delete(String apiVersion, String kind, @Nullable String namespace, String name) {
		ResourceType type = this.types.byKind(apiVersion, kind)
			.orElseThrow(() -> new IllegalArgumentException("FakeKubernetesApiServer does not serve kind " + kind
					+ " of " + apiVersion + ": register it with registerCustomResource(...) first"));
		try {
			this.operations.delete(type, namespace, name, null, null);
			return true;
		}
		catch (ApiError error) {
			if (error.code() == 404) {
				return false;
			}
			throw exception(error);
		}
	}

	/** The current object (namespace null for cluster-scoped kinds). */
	public <T extends KubernetesObject> Optional<T> get(Class<T> type, @Nullable String namespace, String name) {
		ResourceType resource = this.types.byClass(type);
		StoredObject object = this.store.get(resource, resource.namespaced() ? namespace : null, name);
		return Optional.ofNullable((object != null) ? deserialize(object, type) : null);
	}

	/** The current object of any served kind (custom resources included) as a {@link DynamicKubernetesObject}. */
	public Optional<DynamicKubernetesObject> get(String apiVersion, String kind, @Nullable String namespace,
			String name) {
		ResourceType resource = this.types.of(apiVersion, kind, DynamicKubernetesObject.class);
		StoredObject object = this.store.get(resource, resource.namespaced() ? namespace : null, name);
		return Optional.ofNullable((object != null) ? deserialize(object, DynamicKubernetesObject.class) : null);
	}

	/** The current objects of any served kind, in one namespace or (null) all, as {@link DynamicKubernetesObject}s. */
	public List<DynamicKubernetesObject> list(String apiVersion, String kind, @Nullable String namespace) {
		ResourceType resource = this.types.of(apiVersion, kind, DynamicKubernetesObject.class);
		List<DynamicKubernetesObject> objects = new ArrayList<>();
		for (StoredObject object : this.store.all(resource, resource.namespaced() ? namespace : null)) {
			objects.add(deserialize(object, DynamicKubernetesObject.class));
		}
		return objects;
	}

	/** The current objects of a type, in one namespace or (null) all. */
	public <T extends KubernetesObject> List<T> list(Class<T> type, @Nullable String namespace) {
		ResourceType resource = this.types.byClass(type);
		List<T> objects = new ArrayList<>();
		for (StoredObject object : this.store.all(resource, resource.namespaced() ? namespace : null)) {
			objects.add(deserialize(object, type));
		}
		return objects;
	}

	/**
	 * Creates or replaces many objects in one step (no HTTP, one lock): 100k objects take seconds. Watchers see each
	 * as an event, like any other write.
	 */
	public int seed(Collection<? extends KubernetesObject> objects) {
		List<ApiOperations.TypedObject> typed = objects.parallelStream()
			.map((object) -> new ApiOperations.TypedObject(typeOf(object), tree(object)))
			.toList();
		return call(() -> this.operations.seed(typed));
	}

	/** Creates or replaces the objects of a YAML text (documents separated by {@code ---}, or a List). */
	public int seedYaml(String yaml) {
		List<ApiOperations.TypedObject> typed = new ArrayList<>();
		int count = 0;
		for (JsonObject object : call(() -> Yamls.objects(yaml))) {
			String apiVersion = Json.string(object, "apiVersion");
			String kind = Json.string(object, "kind");
			typed.add(new ApiOperations.TypedObject(this.types.of(apiVersion, kind, Object.class), object));
			if ("CustomResourceDefinition".equals(kind)) {
				// later documents may be instances of this definition
				count += call(() -> this.operations.seed(new ArrayList<>(typed)));
				typed.clear();
			}
		}
		return count + call(() -> this.operations.seed(typed));
	}

	/** The current global resourceVersion (the last write's). */
	public String resourceVersion() {
		return Long.toString(this.store.resourceVersion());
	}

	/**
	 * Serves a custom resource as its CustomResourceDefinition would (with a status subresource), without creating
	 * the definition object.
	 */
	public void registerCustomResource(String group, String version, String kind, String plural, boolean namespaced) {
		this.types.register(new ResourceType(group, version, kind, plural, namespaced, List.of(), true, false));
	}

	// Fault injection

	/** Ends every open watch response; clients see the stream end and watch again. */
	public void closeAllWatches() {
		this.store.closeAllWatches();
	}

	/** Forgets the event history: watches and exact lists from any earlier resourceVersion get 410 Expired. */
	public void compactHistory() {
		this.store.compact();
	}

	/** Sends a BOOKMARK with the current resourceVersion to every watch that allowed bookmarks. */
	public void sendBookmarks() {
		this.store.sendBookmarks();
	}

	/**
	 * Sends every open watch one {@code ERROR} event with a {@code Status} of {@code code} (410: Expired) and ends it,
	 * as kube-apiserver does when a watch cannot go on.
	 */
	public void sendWatchError(int code) {
		this.store.sendWatchError(Json.bytes(new ApiError(code, ApiError.reasonFor(code),
				"injected watch ERROR event with code " + code, null).toStatus()));
	}

	/** The next matching responses are cut or stalled as described (see {@link ResponseFault}). */
	public void failNext(ResponseFault fault) {
		this.faults.failNext(fault);
	}

	/**
	 * Cancels every injected fault: pending failures and response faults, forbidden resources, latency and cut-off
	 * clients.
	 */
	public void clearFaults() {
		this.faults.clear();
	}

	/** The next {@code count} requests, whatever they are, fail with {@code status}. */
	public void failNext(int count, int status) {
		failNext(RequestFailure.status(status).times(count));
	}

	/** The next matching requests fail as described. */
	public void failNext(RequestFailure failure) {
		this.faults.failNext(failure);
	}

	/** Every request on the resource (in the namespace, or null for all) gets 403 Forbidden until {@link #allow}. */
	public void forbid(String resource, @Nullable String namespace) {
		this.faults.forbid(resource, namespace);
	}

	/** Undoes {@link #forbid} for the same resource and namespace. */
	public void allow(String resource, @Nullable String namespace) {
		this.faults.allow(resource, namespace);
	}

	/** Delays every response by {@code latency} (zero to stop). */
	public void latency(Duration latency) {
		this.faults.latency(latency);
	}

	/**
	 * The next watch-list requests ({@code watch} with {@code sendInitialEvents=true}) matching the failure fail
	 * with it before any event is sent; other requests are not affected.
	 */
	public void failNextWatchList(RequestFailure failure) {
		this.watchListFaults.failNext(failure);
	}

	/**
	 * While {@code omit} is true, watch-list streams end their initial events with a BOOKMARK that lacks the
	 * {@code k8s.io/initial-events-end} annotation: a server that never finishes the phase, so clients must time
	 * out and fall back to a paged list.
	 */
	public void omitInitialEventsEndAnnotation(boolean omit) {
		this.watchListFaults.omitEndAnnotation(omit);
	}

	/** The next watch-list stream ends after {@code initialEvents} of its initial events, before the bookmark. */
	public void closeNextWatchListAfter(int initialEvents) {
		if (initialEvents < 0) {
			throw new IllegalArgumentException("FakeKubernetesApiServer.closeNextWatchListAfter needs 0 or more"
					+ " events, got " + initialEvents);
		}
		this.watchListFaults.closeNextAfter(initialEvents);
	}

	/**
	 * Cuts off every client whose {@code User-Agent} header contains {@code userAgentPart}, as a network partition
	 * would: its requests get no answer (they are held until the client gives up or {@link #reachable} is called),
	 * other clients are served as usual. Watches already streaming are not cut; {@link #closeAllWatches()} ends them.
	 * @param userAgentPart part of the User-Agent to match (client-java sets it with {@code ApiClient.setUserAgent})
	 */
	public void unreachable(String userAgentPart) {
		this.faults.unreachable(userAgentPart);
	}

	/**
	 * Ends {@link #unreachable}: the client's held requests are dropped (connection closed), new ones are served.
	 * @param userAgentPart the same part passed to {@link #unreachable}
	 */
	public void reachable(String userAgentPart) {
		this.faults.reachable(userAgentPart);
	}

	/** The requests served so far (the last 100,000), oldest first. */
	public List<RecordedRequest> requests() {
		return this.log.snapshot();
	}

	/** Forgets the recorded requests, so a test can look only at what follows. */
	public void clearRequests() {
		this.log.clear();
	}

	private ResourceType typeOf(KubernetesObject object) {
		return this.types.of(object.getApiVersion(), object.getKind(), object.getClass());
	}

	private static JsonObject tree(KubernetesObject object) {
		if (object instanceof DynamicKubernetesObject dynamic) {
			return dynamic.getRaw().deepCopy();
		}
		return JSON.getGson().toJsonTree(object).getAsJsonObject();
	}

	@SuppressWarnings("unchecked")
	private static <T extends KubernetesObject> T typed(StoredObject stored, T like) {
		return deserialize(stored, (Class<T>) like.getClass());
	}

	@SuppressWarnings("unchecked")
	private static <T> T deserialize(StoredObject object, Class<T> type) {
		if (type == DynamicKubernetesObject.class) {
			return (T) new DynamicKubernetesObject(object.parse());
		}
		return JSON.getGson().fromJson(new String(object.json(), StandardCharsets.UTF_8), type);
	}

	private static <R> R call(Supplier<R> call) {
		try {
			return call.get();
		}
		catch (ApiError error) {
			throw exception(error);
		}
	}

	private static FakeKubernetesApiException exception(ApiError error) {
		return new FakeKubernetesApiException(error.code(), error.reason(), error.getMessage());
	}

	@Override
	public String toString() {
		return "FakeKubernetesApiServer[" + (this.running ? url() : "stopped") + "]";
	}

	/**
	 * Runs a server until killed: {@code --port 6443 --kubeconfig fake.kubeconfig [--seed objects.yaml]}.
	 * @param args command-line arguments
	 * @throws Exception when the seed file cannot be read or the server cannot start
	 */
	public static void main(String[] args) throws Exception {
		StandaloneOptions options;
		try {
			options = StandaloneOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
			return;
		}
		FakeKubernetesApiServer server = builder().port(options.port()).build().start();
		if (options.seed() != null) {
			int count = server.seedYaml(Files.readString(options.seed(), StandardCharsets.UTF_8));
			System.out.println("Seeded " + count + " objects from " + options.seed());
		}
		Path kubeconfig = server.writeKubeconfig(options.kubeconfig());
		System.out.println("FakeKubernetesApiServer listening on " + server.url());
		System.out.println("kubeconfig written to " + kubeconfig.toAbsolutePath()
				+ " (kubectl --kubeconfig " + kubeconfig + " get all -A)");
		Runtime.getRuntime().addShutdownHook(new Thread(server::close, "fake-apiserver-shutdown"));
		Thread.currentThread().join();
	}

	/** Configuration of a server before it starts. */
	public static final class Builder {

		private volatile int port;

		private int eventHistorySize = 10_000;

		private Duration bookmarkInterval = Duration.ofMinutes(1);

		private boolean defaultNamespaces = true;

		private Builder() {
		}

		/**
		 * Whether the server starts with the namespaces kube-apiserver always has ({@code default},
		 * {@code kube-system}, {@code kube-public}, {@code kube-node-lease}); default true. Turn off for a store that
		 * holds only what a test puts there.
		 */
		public Builder defaultNamespaces(boolean defaultNamespaces) {
			this.defaultNamespaces = defaultNamespaces;
			return this;
		}

		/** Port on 127.0.0.1; 0 (the default) picks a free one. */
		public Builder port(int port) {
			if (port < 0 || port > 65535) {
				throw new IllegalArgumentException("FakeKubernetesApiServer port must be 0-65535, got " + port);
			}
			this.port = port;
			return this;
		}

		/** How many changes the history keeps for watches and snapshots before older resourceVersions expire. */
		public Builder eventHistorySize(int eventHistorySize) {
			if (eventHistorySize < 1) {
				throw new IllegalArgumentException("FakeKubernetesApiServer eventHistorySize must be at least 1, got "
						+ eventHistorySize);
			}
			this.eventHistorySize = eventHistorySize;
			return this;
		}

		/** How often watches that allow bookmarks get one (default 1 minute; zero: only on sendBookmarks()). */
		public Builder bookmarkInterval(Duration bookmarkInterval) {
			if (bookmarkInterval.isNegative()) {
				throw new IllegalArgumentException("FakeKubernetesApiServer bookmarkInterval must not be negative");
			}
			this.bookmarkInterval = bookmarkInterval;
			return this;
		}

		public FakeKubernetesApiServer build() {
			return new FakeKubernetesApiServer(this);
		}

	}

}
