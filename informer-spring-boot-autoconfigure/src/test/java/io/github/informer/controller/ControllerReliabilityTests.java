package io.github.informer.controller;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import com.google.gson.JsonObject;
import io.github.informer.autoconfigure.ApiClientCustomizer;
import io.github.informer.test.FakeKubernetesApiException;
import io.github.informer.test.RequestFailure;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.cache.Lister;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AppsV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1LabelSelector;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1OwnerReference;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1PodTemplateSpec;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Controllers keep client-go's work-queue guarantees and converge under load and faults, through the real path: 1,000 Websites (a custom resource) changed 10,000 times in
 * bursts while the API server fails 10% of the controller's writes (500, 409 conflict, 429 with Retry-After) and drops
 * every watch after each burst (and once compacts its history, forcing a 410 relist). At the end every Website's
 * owned ConfigMap and Deployment and its status equal what its spec asks; no key was ever reconciled by two workers at
 * once; and the retries never outran the token bucket: for every instant T, the rate-limited re-adds due by T are at
 * most {@code burst + qps * T}. The bucket is raised from client-go's 10/100 to 50/50 so the run stays within a minute
 * on a loaded machine; the test asserts against whatever the configuration says.
 */
class ControllerReliabilityTests extends ControllerContextSupport {

	private static final int WEBSITES = 1_000;

	private static final int CHANGES = 10_000;

	private static final int BURST_SIZE = 1_000;

	private static final double QPS = 50;

	private static final int BURST = 50;

	@Test
	void thousandWebsitesConvergeUnderFailingWritesAndDroppedWatches() {
		this.server.registerCustomResource("sample.informer.io", "v1", "Website", "websites", true);
		this.server.seed(
				List.of(new V1Namespace().apiVersion("v1").kind("Namespace").metadata(new V1ObjectMeta().name("web"))));
		List<DynamicKubernetesObject> websites = new ArrayList<>();
		for (int i = 0; i < WEBSITES; i++) {
			websites.add(website("site-" + i, "v0", "nginx:1.27", 1));
		}
		this.server.seed(websites);
		FailingWrites failingWrites = new FailingWrites(this);
		this.runner.withUserConfiguration(WebsiteController.class)
			.withBean(FailingWrites.class, () -> failingWrites)
			.withPropertyValues("kubernetes.informers.resources.websites.api-version=sample.informer.io/v1",
					"kubernetes.informers.resources.websites.kind=Website",
					"kubernetes.informers.resources.deployments.api-version=apps/v1",
					"kubernetes.informers.resources.deployments.kind=Deployment",
					"kubernetes.informers.controllers.websites.workers=4",
					"kubernetes.informers.controllers.websites.qps=" + QPS,
					"kubernetes.informers.controllers.websites.burst=" + BURST)
			.run((context) -> {
				long start = System.nanoTime();
				Controllers controllers = context.getBean(Controllers.class);
				RetryLog retries = new RetryLog();
				controllers.all().forEach((controller) -> controller.observe(retries));
				Recording recording = context.getBean(Recording.class);
				Random random = new Random(42);
				for (int change = 1; change <= CHANGES; change++) {
					change(random, change);
					if (change % BURST_SIZE == 0) {
						this.server.closeAllWatches();
					}
					if (change == CHANGES / 2) {
						this.server.compactHistory();
						this.server.closeAllWatches();
					}
				}
				await().atMost(Duration.ofMinutes(3))
					.pollInterval(Duration.ofSeconds(1))
					.untilAsserted(() -> assertThat(divergent()).as("Websites not yet converged").isEmpty());
				long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
				Controllers.Status status = controllers.status("websites");
				assertThat(recording.overlaps).as("keys reconciled by two workers at once").hasValue(0);
				assertThat(failingWrites.injected.sum()).as("injected write failures").isGreaterThan(100);
				assertThat(status.error()).isGreaterThan(0);
				retries.assertWithinBucket(start, QPS, BURST);
				System.out.printf("Controller reliability: %d Websites, %d changes, %d reconciles (%d errors, %d "
						+ "retries), %d writes (%d failed by injection), peak %d writes/s, converged in %d ms%n", WEBSITES,
						CHANGES, recording.calls.size(), status.error(), status.retries(), failingWrites.writes.sum(),
						failingWrites.injected.sum(), failingWrites.peakPerSecond(), elapsedMillis);
			});
	}

	/**
	 * One user change: read, modify, write; a 409 (the controller wrote the status in between) is retried on the
	 * fresh object, as a user's client would.
	 */
	private void change(Random random, int change) {
		String name = "site-" + random.nextInt(WEBSITES);
		int which = random.nextInt(3);
		String image = "nginx:1." + (20 + random.nextInt(10));
		int replicas = 1 + random.nextInt(5);
		while (true) {
			DynamicKubernetesObject current = this.server.get("sample.informer.io/v1", "Website", "web", name)
				.orElseThrow();
			JsonObject spec = current.getRaw().getAsJsonObject("spec");
			switch (which) {
				case 0 -> spec.addProperty("content", "v" + change);
				case 1 -> spec.addProperty("image", image);
				default -> spec.addProperty("replicas", replicas);
			}
			try {
				this.server.update(current);
				return;
			}
			catch (FakeKubernetesApiException ex) {
				if (ex.code() != 409) {
					throw ex;
				}
			}
		}
	}

	/** Websites whose owned objects or status differ from their spec, by name. */
	private List<String> divergent() {
		Map<String, V1ConfigMap> configMaps = new HashMap<>();
		this.server.list(V1ConfigMap.class, "web").forEach((cm) -> configMaps.put(cm.getMetadata().getName(), cm));
		Map<String, V1Deployment> deployments = new HashMap<>();
		this.server.list(V1Deployment.class, "web").forEach((d) -> deployments.put(d.getMetadata().getName(), d));
		List<String> divergent = new ArrayList<>();
		for (DynamicKubernetesObject website : this.server.list("sample.informer.io/v1", "Website", "web")) {
			String name = website.getMetadata().getName();
			Desired desired = Desired.of(website);
			V1ConfigMap configMap = configMaps.get(name);
			V1Deployment deployment = deployments.get(name);
			JsonObject status = website.getRaw().getAsJsonObject("status");
			boolean converged = configMap != null && desired.content().equals(configMap.getData().get("content"))
					&& deployment != null && desired.matches(deployment) && status != null
					&& status.get("observedGeneration").getAsLong() == website.getMetadata().getGeneration();
			if (!converged) {
				divergent.add(name);
			}
		}
		return divergent;
	}

	static DynamicKubernetesObject website(String name, String content, String image, int replicas) {
		JsonObject metadata = new JsonObject();
		metadata.addProperty("namespace", "web");
		metadata.addProperty("name", name);
		JsonObject spec = new JsonObject();
		spec.addProperty("content", content);
		spec.addProperty("image", image);
		spec.addProperty("replicas", replicas);
		JsonObject website = new JsonObject();
		website.addProperty("apiVersion", "sample.informer.io/v1");
		website.addProperty("kind", "Website");
		website.add("metadata", metadata);
		website.add("spec", spec);
		return new DynamicKubernetesObject(website);
	}

	/** What a Website's spec asks for. */
	record Desired(String content, String image, int replicas) {

		static Desired of(DynamicKubernetesObject website) {
			JsonObject spec = website.getRaw().getAsJsonObject("spec");
			return new Desired(spec.get("content").getAsString(), spec.get("image").getAsString(),
					spec.get("replicas").getAsInt());
		}

		boolean matches(V1Deployment deployment) {
			V1DeploymentSpec spec = deployment.getSpec();
			return spec != null && Integer.valueOf(this.replicas).equals(spec.getReplicas())
					&& this.image.equals(spec.getTemplate().getSpec().getContainers().get(0).getImage());
		}

	}

	/**
	 * Makes the API server fail 10% of the controller's writes: before such a request leaves, it queues a failure
	 * for the next request with that verb on the fake server (500, 409, or 429 with Retry-After), which answers it.
	 */
	static final class FailingWrites implements ApiClientCustomizer {

		private static final int[] STATUSES = { 500, 409, 429 };

		private final ControllerReliabilityTests test;

		final LongAdder writes = new LongAdder();

		final LongAdder injected = new LongAdder();

		private final Map<Long, AtomicInteger> perSecond = new ConcurrentHashMap<>();

		FailingWrites(ControllerReliabilityTests test) {
			this.test = test;
		}

		@Override
		public void customize(ApiClient client) {
			client.setHttpClient(client.getHttpClient().newBuilder().addInterceptor(this::intercept).build());
		}

		private Response intercept(Interceptor.Chain chain) throws IOException {
			Request request = chain.request();
			String verb = switch (request.method()) {
				case "POST" -> "create";
				case "PUT" -> "update";
				case "PATCH" -> "patch";
				case "DELETE" -> "delete";
				default -> null;
			};
			if (verb != null) {
				this.writes.increment();
				this.perSecond.computeIfAbsent(System.nanoTime() / 1_000_000_000L, (second) -> new AtomicInteger())
					.incrementAndGet();
				ThreadLocalRandom random = ThreadLocalRandom.current();
				if (random.nextInt(10) == 0) {
					int status = STATUSES[random.nextInt(STATUSES.length)];
					RequestFailure failure = RequestFailure.status(status).verb(verb);
					this.test.server.failNext((status == 429) ? failure.retryAfterSeconds(1) : failure);
					this.injected.increment();
				}
			}
			return chain.proceed(request);
		}

		int peakPerSecond() {
			return this.perSecond.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
		}

	}

	/** When each rate-limited re-add becomes due. */
	static final class RetryLog implements ControllerObserver {

		private final ConcurrentLinkedQueue<Long> due = new ConcurrentLinkedQueue<>();

		@Override
		public void retryScheduled(Duration delay) {
			this.due.add(System.nanoTime() + delay.toNanos());
		}

		void assertWithinBucket(long startNanos, double qps, int burst) {
			List<Long> sorted = this.due.stream().sorted().toList();
			for (int i = 0; i < sorted.size(); i++) {
				double seconds = (sorted.get(i) - startNanos) / 1e9;
				assertThat(i + 1).as("retries due within %.3f s of the start", seconds)
					.isLessThanOrEqualTo((int) Math.floor(burst + qps * seconds) + 1);
			}
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class WebsiteController {

		@Bean
		Recording recording() {
			return new Recording();
		}

		@Bean
		WebsiteReconciler websiteReconciler(@Qualifier("websites") Lister<DynamicKubernetesObject> websites,
				@Qualifier("configmaps") Lister<V1ConfigMap> configMaps,
				@Qualifier("deployments") Lister<V1Deployment> deployments, ApiClient client, Recording recording) {
			return new WebsiteReconciler(websites, configMaps, deployments, client, recording);
		}

	}

	/**
	 * A compact Website controller: content into a ConfigMap, image and replicas into a Deployment, the observed
	 * generation into status. Level-triggered: reads the caches, writes only what differs, throws on any failed write.
	 */
	@KubernetesReconciler(name = "websites", informer = "websites", owns = { "configmaps", "deployments" })
	static final class WebsiteReconciler implements Reconciler<DynamicKubernetesObject> {

		private final Lister<DynamicKubernetesObject> websites;

		private final Lister<V1ConfigMap> configMaps;

		private final Lister<V1Deployment> deployments;

		private final CoreV1Api core;

		private final AppsV1Api apps;

		private final DynamicKubernetesApi websiteApi;

		private final Recording recording;

		WebsiteReconciler(Lister<DynamicKubernetesObject> websites, Lister<V1ConfigMap> configMaps,
				Lister<V1Deployment> deployments, ApiClient client, Recording recording) {
			this.websites = websites;
			this.configMaps = configMaps;
			this.deployments = deployments;
			this.core = new CoreV1Api(client);
			this.apps = new AppsV1Api(client);
			this.websiteApi = new DynamicKubernetesApi("sample.informer.io", "v1", "websites", client);
			this.recording = recording;
			recording.behaviour = this::apply;
		}

		@Override
		public ReconcileResult reconcile(ReconcileRequest request) throws Exception {
			return this.recording.record(request);
		}

		private ReconcileResult apply(ReconcileRequest request) throws ApiException {
			DynamicKubernetesObject website = this.websites.namespace(request.namespace()).get(request.name());
			if (website == null) {
				return ReconcileResult.done();
			}
			Desired desired = Desired.of(website);
			V1OwnerReference owner = new V1OwnerReference().apiVersion("sample.informer.io/v1")
				.kind("Website")
				.name(request.name())
				.uid(website.getMetadata().getUid())
				.controller(true);
			V1ConfigMap configMap = this.configMaps.namespace(request.namespace()).get(request.name());
			Map<String, String> data = Map.of("content", desired.content());
			if (configMap == null || !data.equals(configMap.getData())) {
				V1ConfigMap wanted = new V1ConfigMap().metadata(metadata(request, configMap, owner)).data(data);
				if (configMap == null) {
					this.core.createNamespacedConfigMap(request.namespace(), wanted).execute();
				}
				else {
					this.core.replaceNamespacedConfigMap(request.name(), request.namespace(), wanted).execute();
				}
			}
			V1Deployment deployment = this.deployments.namespace(request.namespace()).get(request.name());
			if (deployment == null || !desired.matches(deployment)) {
				Map<String, String> selector = Map.of("website", request.name());
				V1Deployment wanted = new V1Deployment().metadata(metadata(request, deployment, owner))
					.spec(new V1DeploymentSpec().replicas(desired.replicas())
						.selector(new V1LabelSelector().matchLabels(selector))
						.template(new V1PodTemplateSpec().metadata(new V1ObjectMeta().labels(selector))
							.spec(new V1PodSpec()
								.containers(List.of(new V1Container().name("web").image(desired.image()))))));
				if (deployment == null) {
					this.apps.createNamespacedDeployment(request.namespace(), wanted).execute();
				}
				else {
					this.apps.replaceNamespacedDeployment(request.name(), request.namespace(), wanted).execute();
				}
			}
			JsonObject status = website.getRaw().getAsJsonObject("status");
			long generation = website.getMetadata().getGeneration();
			if (status == null || status.get("observedGeneration").getAsLong() != generation) {
				JsonObject raw = website.getRaw().deepCopy();
				JsonObject observed = new JsonObject();
				observed.addProperty("observedGeneration", generation);
				raw.add("status", observed);
				this.websiteApi
					.updateStatus(new DynamicKubernetesObject(raw), (object) -> object.getRaw().get("status"))
					.throwsApiException();
			}
			return ReconcileResult.done();
		}

		private static V1ObjectMeta metadata(ReconcileRequest request,
				@Nullable KubernetesObject cached,
				V1OwnerReference owner) {
			V1ObjectMeta metadata = new V1ObjectMeta().namespace(request.namespace())
				.name(request.name())
				.ownerReferences(List.of(owner));
			if (cached != null) {
				metadata.resourceVersion(cached.getMetadata().getResourceVersion());
			}
			return metadata;
		}

	}

}
