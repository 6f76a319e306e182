package io.github.informer.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ConfigMapList;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.util.generic.GenericKubernetesApi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A raw client-java SharedIndexInformer (SharedInformerFactory + GenericKubernetesApi) on the server: every change
 * is seen exactly once, and the informer converges after dropped watches, a forced 410 and a server restart.
 */
class InformerTests {

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension(
			FakeKubernetesApiServer.builder().bookmarkInterval(Duration.ofMillis(200))).perTest();

	private FakeKubernetesApiServer server;

	private SharedInformerFactory factory;

	private final List<String> events = Collections.synchronizedList(new ArrayList<>());

	private SharedIndexInformer<V1ConfigMap> informer;

	@BeforeEach
	void startInformer(FakeKubernetesApiServer server) {
		this.server = server;
		this.server.create(configMap("before", "0"));
		ApiClient client = this.server.apiClient();
		this.factory = new SharedInformerFactory(client);
		GenericKubernetesApi<V1ConfigMap, V1ConfigMapList> api = new GenericKubernetesApi<>(V1ConfigMap.class,
				V1ConfigMapList.class, "", "v1", "configmaps", client);
		this.informer = this.factory.sharedIndexInformerFor(api, V1ConfigMap.class, 0);
		this.informer.addEventHandler(new ResourceEventHandler<>() {
			@Override
			public void onAdd(V1ConfigMap obj) {
				InformerTests.this.events.add("ADDED " + name(obj) + "=" + obj.getData().get("v"));
			}

			@Override
			public void onUpdate(V1ConfigMap oldObj, V1ConfigMap newObj) {
				InformerTests.this.events.add("UPDATED " + name(newObj) + "=" + newObj.getData().get("v"));
			}

			@Override
			public void onDelete(V1ConfigMap obj, boolean deletedFinalStateUnknown) {
				InformerTests.this.events.add("DELETED " + name(obj));
			}
		});
		this.factory.startAllRegisteredInformers();
		await().atMost(Duration.ofSeconds(10)).until(this.informer::hasSynced);
	}

	@AfterEach
	void stop() {
		this.factory.stopAllRegisteredInformers();
	}

	@Test
	void seesEveryChangeExactlyOnce() {
		this.server.create(configMap("a", "1"));
		this.server.update(configMap("a", "2"));
		this.server.create(configMap("b", "1"));
		this.server.delete("v1", "ConfigMap", "default", "a");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.events.size() >= 5);
		// exactly once each; client-java's DeltaFIFO keeps the order per object, not across objects
		assertThat(this.events).containsExactlyInAnyOrder("ADDED before=0", "ADDED a=1", "UPDATED a=2", "ADDED b=1",
				"DELETED a");
		assertThat(this.events).containsSubsequence("ADDED a=1", "UPDATED a=2", "DELETED a");
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> this.events.size() == 5);
	}

	@Test
	void convergesAfterADroppedWatch() {
		this.server.create(configMap("x", "1"));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.events.contains("ADDED x=1"));
		this.server.closeAllWatches();
		this.server.update(configMap("x", "2"));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.events.contains("UPDATED x=2"));
		assertThat(this.events).containsExactly("ADDED before=0", "ADDED x=1", "UPDATED x=2");
	}

	@Test
	void convergesAfterAForced410() {
		this.server.create(configMap("x", "1"));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.events.contains("ADDED x=1"));
		String lastSeen = this.server.resourceVersion();
		// the informer's next watch waits 500 ms, and meanwhile its resourceVersion is compacted away
		this.server.latency(Duration.ofMillis(500));
		this.server.closeAllWatches();
		this.server.update(configMap("x", "2"));
		this.server.compactHistory();
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.server.requests()
				.stream()
				.anyMatch((request) -> request.isWatch() && lastSeen.equals(request.query().get("resourceVersion"))));
		this.server.latency(Duration.ZERO);
		this.server.update(configMap("x", "3"));
		await().atMost(Duration.ofSeconds(15)).until(() -> this.events.contains("UPDATED x=3"));
		assertThat(this.informer.getIndexer().getByKey("default/x").getData()).containsEntry("v", "3");
		// the 410 made the informer list again (a relist replays unchanged objects as updates, client-java's way)
		List<RecordedRequest> requests = this.server.requests();
		int expiredWatch = indexOf(requests, (request) -> request.isWatch()
				&& lastSeen.equals(request.query().get("resourceVersion")));
		assertThat(requests.subList(expiredWatch + 1, requests.size()))
			.anyMatch((request) -> !request.isWatch() && request.path().equals("/api/v1/configmaps"));
		assertThat(this.events).startsWith("ADDED before=0", "ADDED x=1").endsWith("UPDATED x=3")
			.doesNotHaveDuplicates()
			.noneMatch((event) -> event.startsWith("DELETED"));
	}

	@Test
	void convergesAfterARestartThatLostItsHistory() {
		this.server.create(configMap("x", "1"));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.events.contains("ADDED x=1"));
		this.server.stop();
		this.server.update(configMap("x", "2"));
		this.server.create(configMap("y", "1"));
		this.server.delete("v1", "ConfigMap", "default", "before");
		this.server.compactHistory();
		this.server.start();
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(this.informer.getIndexer().listKeys()).containsExactlyInAnyOrder("default/x", "default/y");
			assertThat(this.informer.getIndexer().getByKey("default/x").getData()).containsEntry("v", "2");
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> this.events.size() == 5);
		assertThat(this.events).containsExactlyInAnyOrder("ADDED before=0", "ADDED x=1", "UPDATED x=2", "ADDED y=1",
				"DELETED before");
	}

	private static int indexOf(List<RecordedRequest> requests, java.util.function.Predicate<RecordedRequest> test) {
		for (int i = 0; i < requests.size(); i++) {
			if (test.test(requests.get(i))) {
				return i;
			}
		}
		throw new AssertionError("no such request in " + requests);
	}

	private static String name(V1ConfigMap configMap) {
		return configMap.getMetadata().getName();
	}

	private static V1ConfigMap configMap(String name, String value) {
		return new V1ConfigMap().metadata(new V1ObjectMeta().name(name).namespace("default")).data(Map.of("v", value));
	}

}
