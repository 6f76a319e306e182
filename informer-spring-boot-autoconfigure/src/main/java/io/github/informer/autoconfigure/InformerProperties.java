package io.github.informer.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.informer.client.ListStrategy;
import io.github.informer.decoder.DecoderType;
import io.kubernetes.client.common.KubernetesObject;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of Kubernetes informers: how to reach the API server, what to watch, what to cache, how to start.
 */
@ConfigurationProperties("kubernetes.informers")
public class InformerProperties {

	/**
	 * Whether the starter does anything (creates the client, informers and handlers).
	 */
	private boolean enabled = true;

	/**
	 * How the ApiClient bean is built, unless the application defines its own ApiClient bean.
	 */
	private final Client client = new Client();

	/**
	 * Default namespaces for every resource that does not set its own; empty for all namespaces.
	 */
	private List<String> namespaces = new ArrayList<>();

	/**
	 * Default resync period for handlers: every cached object is re-delivered as an update this often. 0 for never.
	 */
	private Duration resync = Duration.ZERO;

	/**
	 * Objects per page of the initial (and every re-) list, requested with limit/continue. 0 for one unpaged request.
	 */
	private int listPageSize = 500;

	/**
	 * How list pages and watch events are decoded, for every resource that does not set its own. streaming: straight
	 * from the response into client-java's model classes, without client-java's JSON tree per object (several times
	 * faster, far less garbage; objects equal to client-java's, unknown fields skipped). client-java: client-java's
	 * own adapters, with unknown fields removed first. DynamicKubernetesObject is a JSON tree by nature and always
	 * uses client-java's adapter.
	 */
	private DecoderType decoder = DecoderType.STREAMING;

	/**
	 * How each list/watch loop reads the current state before it watches, for every resource that does not set its
	 * own. auto: a watch-list (KEP-3157: the API server streams the objects from its watch cache instead of building
	 * list pages in memory), falling back to the paged list for any attempt that fails, as client-go does by default
	 * since Kubernetes 1.35. watch-list: only a watch-list; a failed attempt is retried with backoff. list: the paged
	 * list (list-page-size), then a watch.
	 */
	private ListStrategy listStrategy = ListStrategy.AUTO;

	/**
	 * What the cache keeps of each object.
	 */
	private final Memory memory = new Memory();

	/**
	 * How application startup waits for the caches.
	 */
	private final Startup startup = new Startup();

	/**
	 * How failed lists and watches are retried.
	 */
	private final Backoff backoff = new Backoff();

	/**
	 * How the informers health contributor judges failures.
	 */
	private final Health health = new Health();

	/**
	 * Informers by name. The name is the bean qualifier of the informer's Lister and SharedIndexInformer, the endpoint
	 * key, the health component and the metric tag.
	 */
	private Map<String, Resource> resources = new LinkedHashMap<>();

	/**
	 * Per-handler overrides by handler id (an @InformerHandler's id, by default beanName.methodName), for example
	 * kubernetes.informers.handlers.pod-auditor.on-pod.resync=5m.
	 */
	private Map<String, Handler> handlers = new LinkedHashMap<>();

	/**
	 * Per-controller settings by controller name (a @KubernetesReconciler's name, by default its bean name), for
	 * example kubernetes.informers.controllers.websites.workers=4.
	 */
	private Map<String, Controller> controllers = new LinkedHashMap<>();

	/**
	 * Leader election on a coordination.k8s.io/v1 Lease, so that of several replicas exactly one runs the leader-only
	 * work (reconcilers, @InformerHandler(leaderOnly = true) methods) while every replica keeps its caches warm.
	 */
	private final LeaderElection leaderElection = new LeaderElection();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Client getClient() {
		return this.client;
	}

	public List<String> getNamespaces() {
		return this.namespaces;
	}

	public void setNamespaces(List<String> namespaces) {
		this.namespaces = namespaces;
	}

	public Duration getResync() {
		return this.resync;
	}

	public void setResync(Duration resync) {
		this.resync = resync;
	}

	public int getListPageSize() {
		return this.listPageSize;
	}

	public void setListPageSize(int listPageSize) {
		this.listPageSize = listPageSize;
	}

	public DecoderType getDecoder() {
		return this.decoder;
	}

	public void setDecoder(DecoderType decoder) {
		this.decoder = decoder;
	}

	public ListStrategy getListStrategy() {
		return this.listStrategy;
	}

	public void setListStrategy(ListStrategy listStrategy) {
		this.listStrategy = listStrategy;
	}

	public Memory getMemory() {
		return this.memory;
	}

	public Startup getStartup() {
		return this.startup;
	}

	public Backoff getBackoff() {
		return this.backoff;
	}

	public Health getHealth() {
		return this.health;
	}

	public Map<String, Resource> getResources() {
		return this.resources;
	}

	public void setResources(Map<String, Resource> resources) {
		this.resources = resources;
	}

	public Map<String, Controller> getControllers() {
		return this.controllers;
	}

	public void setControllers(Map<String, Controller> controllers) {
		this.controllers = controllers;
	}

	public Map<String, Handler> getHandlers() {
		return this.handlers;
	}

	public void setHandlers(Map<String, Handler> handlers) {
		this.handlers = handlers;
	}

	public LeaderElection getLeaderElection() {
		return this.leaderElection;
	}

	/**
	 * How the ApiClient bean is built.
	 */
	public static class Client {

		/**
		 * Explicit API server URL, used without authentication (tests, a local proxy, the embedded fake API server).
		 * When unset: the kubeconfig, then the in-cluster service account.
		 */
		private @Nullable String url;

		/**
		 * Path of the kubeconfig file. When unset: $KUBECONFIG, then ~/.kube/config, then the in-cluster service
		 * account.
		 */
		private @Nullable String kubeconfig;

		/**
		 * Kubeconfig context to use instead of its current-context.
		 */
		private @Nullable String context;

		/**
		 * How often exec and auth-provider credential plugins are re-run (cloud providers' short-lived tokens).
		 */
		private Duration tokenRefresh = Duration.ofMinutes(1);

		/**
		 * Whether to verify the API server's TLS certificate. false also overrides a kubeconfig that verifies.
		 */
		private boolean verifySsl = true;

		/**
		 * How long a list or discovery response may send nothing before it fails and is retried with backoff (a
		 * stalled response on a half-open connection would otherwise hang the informer). Watches have their own,
		 * longer than their server-side timeout. 0 waits forever.
		 */
		private Duration readTimeout = Duration.ofSeconds(60);

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public @Nullable String getKubeconfig() {
			return this.kubeconfig;
		}

		public void setKubeconfig(@Nullable String kubeconfig) {
			this.kubeconfig = kubeconfig;
		}

		public @Nullable String getContext() {
			return this.context;
		}

		public void setContext(@Nullable String context) {
			this.context = context;
		}

		public Duration getTokenRefresh() {
			return this.tokenRefresh;
		}

		public void setTokenRefresh(Duration tokenRefresh) {
			this.tokenRefresh = tokenRefresh;
		}

		public boolean isVerifySsl() {
			return this.verifySsl;
		}

		public void setVerifySsl(boolean verifySsl) {
			this.verifySsl = verifySsl;
		}

		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

	}

	/**
	 * What the cache keeps of each object. client-java 27 already drops managedFields when decoding (unless
	 * -Dkubernetes.client.includeManagedFields=true).
	 */
	public static class Memory {

		/**
		 * Whether cached objects share repeated strings (label keys and values, namespaces, images, node names).
		 */
		private boolean internStrings = true;

		/**
		 * Whether to drop the kubectl.kubernetes.io/last-applied-configuration annotation (a full JSON copy of the
		 * applied object) before caching.
		 */
		private boolean dropLastAppliedConfiguration = true;

		public boolean isInternStrings() {
			return this.internStrings;
		}

		public void setInternStrings(boolean internStrings) {
			this.internStrings = internStrings;
		}

		public boolean isDropLastAppliedConfiguration() {
			return this.dropLastAppliedConfiguration;
		}

		public void setDropLastAppliedConfiguration(boolean dropLastAppliedConfiguration) {
			this.dropLastAppliedConfiguration = dropLastAppliedConfiguration;
		}

	}

	/**
	 * How application startup waits for the caches.
	 */
	public static class Startup {

		/**
		 * Whether startup blocks until every informer has synced (or the timeout passes), before the web server takes
		 * traffic.
		 */
		private boolean waitForSync = true;

		/**
		 * How long startup waits for the informers to sync.
		 */
		private Duration syncTimeout = Duration.ofMinutes(2);

		/**
		 * Whether the application fails to start when the informers have not synced in time. false: it starts, not
		 * ready, and keeps retrying with backoff.
		 */
		private boolean failOnTimeout = false;

		/**
		 * How long shutdown waits for the informers' threads to end.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(10);

		public boolean isWaitForSync() {
			return this.waitForSync;
		}

		public void setWaitForSync(boolean waitForSync) {
			this.waitForSync = waitForSync;
		}

		public Duration getSyncTimeout() {
			return this.syncTimeout;
		}

		public void setSyncTimeout(Duration syncTimeout) {
			this.syncTimeout = syncTimeout;
		}

		public boolean isFailOnTimeout() {
			return this.failOnTimeout;
		}

		public void setFailOnTimeout(boolean failOnTimeout) {
			this.failOnTimeout = failOnTimeout;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

	}

	/**
	 * How the {@code informers} health contributor (readiness) judges list and watch failures.
	 */
	public static class Health {

		/**
		 * How long an informer's lists or watches may fail in a row before its health is DOWN. Shorter failures
		 * (a dropped watch, a brief API server restart) show as details while the cache recovers; before the first
		 * sync the informer is OUT_OF_SERVICE until then.
		 */
		private Duration listFailureThreshold = Duration.ofSeconds(30);

		public Duration getListFailureThreshold() {
			return this.listFailureThreshold;
		}

		public void setListFailureThreshold(Duration listFailureThreshold) {
			this.listFailureThreshold = listFailureThreshold;
		}

	}

	/**
	 * How failed lists and watches are retried: exponential backoff with ±20% jitter, reset after a success.
	 */
	public static class Backoff {

		/**
		 * Delay after the first failure; doubles with each consecutive failure.
		 */
		private Duration initialDelay = Duration.ofSeconds(1);

		/**
		 * Longest delay between attempts.
		 */
		private Duration maxDelay = Duration.ofSeconds(30);

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

	}

	/**
	 * One informer: a resource to list, watch and cache.
	 */
	public static class Resource {

		/**
		 * Group/version of the resource, for example v1, apps/v1, example.com/v1alpha1.
		 */
		private @Nullable String apiVersion;

		/**
		 * Kind of the resource, for example Pod, Deployment (case-sensitive).
		 */
		private @Nullable String kind;

		/**
		 * Resource plural used in URLs. Only needed for a custom resource whose plural is not the kind's English
		 * plural and when discovery is not permitted; otherwise taken from API discovery.
		 */
		private @Nullable String plural;

		/**
		 * Model class of a custom resource (implementing KubernetesObject, decodable by Gson). Default: the
		 * client-java model of a built-in kind, DynamicKubernetesObject for any other kind.
		 */
		private @Nullable Class<? extends KubernetesObject> model;

		/**
		 * Namespaces to watch, one list/watch each behind one cache. Default: kubernetes.informers.namespaces; empty
		 * for all namespaces.
		 */
		private @Nullable List<String> namespaces;

		/**
		 * Label selector, for example app=web,tier!=cache or env in (prod,staging).
		 */
		private @Nullable String labelSelector;

		/**
		 * Field selector, for example spec.nodeName=node-1 or status.phase!=Succeeded.
		 */
		private @Nullable String fieldSelector;

		/**
		 * Resync period for this informer's handlers. Default: kubernetes.informers.resync.
		 */
		private @Nullable Duration resync;

		/**
		 * Field paths (JSON names) dropped from every object before caching, for example status.containerStatuses.
		 */
		private List<String> prune = new ArrayList<>();

		/**
		 * How this resource's list pages and watch events are decoded (streaming or client-java). Default: the global
		 * kubernetes.informers.decoder.
		 */
		private @Nullable DecoderType decoder;

		/**
		 * How this resource's list/watch loops read the current state (auto, watch-list or list). Default: the global
		 * kubernetes.informers.list-strategy.
		 */
		private @Nullable ListStrategy listStrategy;

		/**
		 * Extra cache indexes: index name to a SpEL expression evaluated on each object (may yield a collection),
		 * for example by-node=spec.nodeName. The namespace index is always present.
		 */
		private Map<String, String> indexes = new LinkedHashMap<>();

		public @Nullable String getApiVersion() {
			return this.apiVersion;
		}

		public void setApiVersion(@Nullable String apiVersion) {
			this.apiVersion = apiVersion;
		}

		public @Nullable String getKind() {
			return this.kind;
		}

		public void setKind(@Nullable String kind) {
			this.kind = kind;
		}

		public @Nullable String getPlural() {
			return this.plural;
		}

		public void setPlural(@Nullable String plural) {
			this.plural = plural;
		}

		public @Nullable Class<? extends KubernetesObject> getModel() {
			return this.model;
		}

		public void setModel(@Nullable Class<? extends KubernetesObject> model) {
			this.model = model;
		}

		public @Nullable List<String> getNamespaces() {
			return this.namespaces;
		}

		public void setNamespaces(@Nullable List<String> namespaces) {
			this.namespaces = namespaces;
		}

		public @Nullable String getLabelSelector() {
			return this.labelSelector;
		}

		public void setLabelSelector(@Nullable String labelSelector) {
			this.labelSelector = labelSelector;
		}

		public @Nullable String getFieldSelector() {
			return this.fieldSelector;
		}

		public void setFieldSelector(@Nullable String fieldSelector) {
			this.fieldSelector = fieldSelector;
		}

		public @Nullable Duration getResync() {
			return this.resync;
		}

		public void setResync(@Nullable Duration resync) {
			this.resync = resync;
		}

		public @Nullable DecoderType getDecoder() {
			return this.decoder;
		}

		public void setDecoder(@Nullable DecoderType decoder) {
			this.decoder = decoder;
		}

		public @Nullable ListStrategy getListStrategy() {
			return this.listStrategy;
		}

		public void setListStrategy(@Nullable ListStrategy listStrategy) {
			this.listStrategy = listStrategy;
		}

		public List<String> getPrune() {
			return this.prune;
		}

		public void setPrune(List<String> prune) {
			this.prune = prune;
		}

		public Map<String, String> getIndexes() {
			return this.indexes;
		}

		public void setIndexes(Map<String, String> indexes) {
			this.indexes = indexes;
		}

	}

	/**
	 * Per-handler overrides.
	 */
	public static class Handler {

		/**
		 * Resync period of this handler; overrides the annotation, the resource and the global default. 0 for never.
		 */
		private @Nullable Duration resync;

		public @Nullable Duration getResync() {
			return this.resync;
		}

		public void setResync(@Nullable Duration resync) {
			this.resync = resync;
		}

	}

	/**
	 * Settings of one controller (a @KubernetesReconciler). The retry delay of a key is the larger of its exponential
	 * backoff (base-delay doubling per failure up to max-delay) and the wait for a token of the controller's bucket
	 * (qps, burst): client-go's default controller rate limiter.
	 */
	public static class Controller {

		/**
		 * Number of keys reconciled at once. Default: the annotation's workers, else 1.
		 */
		private @Nullable Integer workers;

		/**
		 * Delay before the first retry of a failed key; doubles with each further failure.
		 */
		private Duration baseDelay = Duration.ofMillis(5);

		/**
		 * Longest per-key retry delay.
		 */
		private Duration maxDelay = Duration.ofSeconds(1000);

		/**
		 * Retries per second across all keys of the controller (token bucket rate).
		 */
		private double qps = 10;

		/**
		 * Retries allowed at once before the qps rate applies (token bucket size).
		 */
		private int burst = 100;

		/**
		 * Failed attempts after which a key is dropped with an ERROR log until its next change. 0 for unlimited.
		 */
		private int maxRetries = 0;

		/**
		 * How often every cached primary key is enqueued even without changes. 0 for never.
		 */
		private Duration resync = Duration.ZERO;

		/**
		 * How long one reconcile may run before it is interrupted and retried as a failure. 0 for no limit.
		 */
		private Duration reconcileTimeout = Duration.ZERO;

		public @Nullable Integer getWorkers() {
			return this.workers;
		}

		public void setWorkers(@Nullable Integer workers) {
			this.workers = workers;
		}

		public Duration getBaseDelay() {
			return this.baseDelay;
		}

		public void setBaseDelay(Duration baseDelay) {
			this.baseDelay = baseDelay;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public double getQps() {
			return this.qps;
		}

		public void setQps(double qps) {
			this.qps = qps;
		}

		public int getBurst() {
			return this.burst;
		}

		public void setBurst(int burst) {
			this.burst = burst;
		}

		public int getMaxRetries() {
			return this.maxRetries;
		}

		public void setMaxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
		}

		public Duration getResync() {
			return this.resync;
		}

		public void setResync(Duration resync) {
			this.resync = resync;
		}

		public Duration getReconcileTimeout() {
			return this.reconcileTimeout;
		}

		public void setReconcileTimeout(Duration reconcileTimeout) {
			this.reconcileTimeout = reconcileTimeout;
		}

	}

	/**
	 * Leader election on a Lease, with client-go's algorithm and defaults, so that a Go controller and this one can
	 * share a Lease.
	 */
	public static class LeaderElection {

		/**
		 * Whether replicas elect a leader. false: leader-only work runs on every replica.
		 */
		private boolean enabled = false;

		/**
		 * Name of the Lease. Default: spring.application.name (required when that is unset).
		 */
		private @Nullable String leaseName;

		/**
		 * Namespace of the Lease. Default: the pod's namespace (from the service account), else "default".
		 */
		private @Nullable String leaseNamespace;

		/**
		 * This replica's identity, written as the Lease's holderIdentity. Default: the host name (the pod name in a
		 * cluster) + "_" + a random suffix, unique per process.
		 */
		private @Nullable String identity;

		/**
		 * How long, after a standby last saw the Lease change, it waits before taking it over; written to the Lease
		 * as leaseDurationSeconds (whole seconds). Must exceed renew-deadline.
		 */
		private Duration leaseDuration = Duration.ofSeconds(15);

		/**
		 * How long the leader keeps leading without a successful renewal; leader-only work has stopped when it has
		 * passed. Must exceed 1.2 x retry-period.
		 */
		private Duration renewDeadline = Duration.ofSeconds(10);

		/**
		 * How often the leader renews and standbys try to acquire (standbys add up to 1.2 x this as jitter).
		 */
		private Duration retryPeriod = Duration.ofSeconds(2);

		/**
		 * Whether the leader releases the Lease when the application shuts down (holder cleared, duration 1 s), so
		 * that a standby takes over within about one retry-period instead of a lease-duration.
		 */
		private boolean releaseOnShutdown = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getLeaseName() {
			return this.leaseName;
		}

		public void setLeaseName(@Nullable String leaseName) {
			this.leaseName = leaseName;
		}

		public @Nullable String getLeaseNamespace() {
			return this.leaseNamespace;
		}

		public void setLeaseNamespace(@Nullable String leaseNamespace) {
			this.leaseNamespace = leaseNamespace;
		}

		public @Nullable String getIdentity() {
			return this.identity;
		}

		public void setIdentity(@Nullable String identity) {
			this.identity = identity;
		}

		public Duration getLeaseDuration() {
			return this.leaseDuration;
		}

		public void setLeaseDuration(Duration leaseDuration) {
			this.leaseDuration = leaseDuration;
		}

		public Duration getRenewDeadline() {
			return this.renewDeadline;
		}

		public void setRenewDeadline(Duration renewDeadline) {
			this.renewDeadline = renewDeadline;
		}

		public Duration getRetryPeriod() {
			return this.retryPeriod;
		}

		public void setRetryPeriod(Duration retryPeriod) {
			this.retryPeriod = retryPeriod;
		}

		public boolean isReleaseOnShutdown() {
			return this.releaseOnShutdown;
		}

		public void setReleaseOnShutdown(boolean releaseOnShutdown) {
			this.releaseOnShutdown = releaseOnShutdown;
		}

	}

}
