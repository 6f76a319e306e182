package io.github.informer.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import io.github.informer.fixtures.Pods;
import io.kubernetes.client.informer.TransformFunc;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What reaches the cache: an index function or a transform that throws for one object, a DELETED event for
 * an object that is not cached, a handler with a resync added while the informer stops, and list items without
 * apiVersion/kind. Each against the in-JVM API server over HTTP (or, for a DELETED the real server never sends, a
 * scripted one), through client-java and the informer.
 */
@ExtendWith(OutputCaptureExtension.class)
class InformerStoreFaultTests extends FakeServerTestSupport {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@Test
	void anIndexFunctionThatThrowsLosesNoEventAndWarnsOncePerIndex(CapturedOutput output) {
		this.server.create(Pods.pod("web", "scheduled", Map.of()));
		this.server.create(unscheduled("web", "pending-1"));
		this.informer = podInformer("pods");
		// the example: List.of(null) throws for a pod without a node
		this.informer.addIndexers(Map.of("byNode", (pod) -> List.of(pod.getSpec().getNodeName())));
		RecordingHandler<V1Pod> handler = new RecordingHandler<>();
		this.informer.addEventHandler(handler);
		this.informer.run();
		await().atMost(TIMEOUT).until(this.informer::hasSynced);
		assertThat(this.informer.cacheSize()).isEqualTo(2);
		assertThat(this.informer.getIndexer().getByKey("web/pending-1")).isNotNull();
		assertThat(this.informer.getIndexer().byIndex("byNode", "node-1")).extracting(InformerStoreFaultTests::name)
			.containsExactly("scheduled");
		// live events on objects the index fails on: added, updated, deleted, and the loop goes on after them
		this.server.create(unscheduled("web", "pending-2"));
		V1Pod pending = this.server.get(V1Pod.class, "web", "pending-2").orElseThrow();
		pending.getMetadata().putLabelsItem("changed", "yes");
		this.server.update(pending);
		this.server.delete("v1", "Pod", "web", "pending-1");
		this.server.create(Pods.pod("web", "after", Map.of()));
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(handler.events).containsExactly("ADDED web/pending-1",
					"ADDED web/scheduled", "ADDED web/pending-2", "UPDATED web/pending-2", "DELETED web/pending-1",
					"ADDED web/after"));
		assertThat(this.informer.cacheSize()).isEqualTo(3);
		assertThat(this.informer.getIndexer().listKeys()).containsExactlyInAnyOrder("web/scheduled", "web/pending-2",
				"web/after");
		assertThat(this.informer.eventCounts()).isEqualTo(new EventCounts(4, 1, 1));
		assertThat(this.informer.getIndexer().byIndex("byNode", "node-1")).extracting(InformerStoreFaultTests::name)
			.containsExactlyInAnyOrder("scheduled", "after");
		assertThat(this.informer.watchStatus().state()).isEqualTo(WatchState.WATCHING);
		assertThat(this.informer.watchStatus().lastError()).isNull();
		assertThat(output.getAll().lines().filter((line) -> line.contains(" WARN ")
				&& line.contains("Index 'byNode' could not be evaluated on web/pending-1 (informer 'pods'): "
						+ "NullPointerException")
				&& line.contains("such objects are cached but not in this index"))).hasSize(1);
		assertThat(output.getAll().lines().filter((line) -> line.contains(" WARN ") && line.contains("Index '")))
			.hasSize(1);
	}

	@Test
	void aTransformThatThrowsCachesAndDeliversTheObjectUntransformed(CapturedOutput output) {
		this.server.create(Pods.pod("web", "one", Map.of("tier", "front")));
		this.server.create(Pods.pod("web", "two", Map.of()));
		this.informer = podInformer("pods");
		// fails on objects without a tier; marks the others
		TransformFunc marking = (object) -> {
			V1Pod pod = (V1Pod) object;
			if (!pod.getMetadata().getLabels().containsKey("tier")) {
				throw new IllegalStateException("no tier label");
			}
			pod.getMetadata().getLabels().put("transformed", "yes");
			return pod;
		};
		this.informer.setTransform(marking);
		RecordingHandler<V1Pod> handler = new RecordingHandler<>();
		this.informer.addEventHandler(handler);
		this.informer.run();
		await().atMost(TIMEOUT).until(this.informer::hasSynced);
		this.server.create(Pods.pod("web", "three", Map.of()));
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(handler.events).containsExactly("ADDED web/one", "ADDED web/two",
					"ADDED web/three"));
		assertThat(this.informer.cacheSize()).isEqualTo(3);
		assertThat(this.informer.getIndexer().getByKey("web/one").getMetadata().getLabels())
			.containsEntry("transformed", "yes");
		assertThat(this.informer.getIndexer().getByKey("web/two").getMetadata().getLabels()).isEmpty();
		assertThat(this.informer.getIndexer().getByKey("web/three").getKind()).isEqualTo("Pod");
		assertThat(this.informer.watchStatus().lastError()).isNull();
		assertThat(output.getAll().lines().filter((line) -> line.contains(" WARN ")
				&& line.contains("The transform set with setTransform of informer 'pods' failed: "
						+ "IllegalStateException: no tier label")
				&& line.contains("on web/two; such objects are cached and delivered untransformed"))).hasSize(1);
	}

	@Test
	void aDeletedEventForAnObjectThatIsNotCachedIsDroppedNotDeliveredNorCounted() throws Exception {
		// kube-apiserver never sends this to a watch that listed first, so a scripted server does: the list has
		// web/one; the watch then deletes web/ghost (never listed), adds web/two and deletes web/one
		try (ScriptedPodServer scripted = new ScriptedPodServer(List.of(listedPod("one", "5")),
				List.of(event("DELETED", listedPod("ghost", "11")), event("ADDED", listedPod("two", "12")),
						event("DELETED", listedPod("one", "13"))))) {
			KubernetesInformer<V1Pod> informer = TestPods
				.informer("pods", List.of(TestPods.pods(scripted.apiClient(), "web", null, null, 500)));
			RecordingHandler<V1Pod> handler = new RecordingHandler<>();
			informer.addEventHandler(handler);
			try {
				informer.run();
				await().atMost(TIMEOUT).until(() -> handler.events.size() == 3);
				assertThat(handler.events).containsExactly("ADDED web/one", "ADDED web/two", "DELETED web/one");
				assertThat(informer.eventCounts()).isEqualTo(new EventCounts(2, 0, 1));
				assertThat(informer.cacheSize()).isEqualTo(1);
				assertThat(informer.getIndexer().listKeys()).containsExactly("web/two");
				assertThat(informer.lastSyncResourceVersion()).isEqualTo("13");
			}
			finally {
				informer.stop(Duration.ofSeconds(5));
			}
		}
	}

	@Test
	void resyncHandlersAddedWhileTheInformerStopsLeakNoThreadAndThrowNothing() throws Exception {
		// a cache large enough that registering a handler (which queues the cache for it) takes a while, so that the
		// stop often comes in right after the registration and before the resync is scheduled
		List<V1Pod> pods = new ArrayList<>();
		for (int i = 0; i < 3000; i++) {
			pods.add(Pods.pod("web", "pod-" + i, Map.of()));
		}
		this.server.seed(pods);
		List<Throwable> failures = new CopyOnWriteArrayList<>();
		for (int i = 0; i < 30; i++) {
			KubernetesInformer<V1Pod> informer = podInformer("race-" + i);
			informer.run();
			await().atMost(TIMEOUT).until(informer::hasSynced);
			CountDownLatch adding = new CountDownLatch(1);
			Thread adder = new Thread(() -> {
				try {
					adding.countDown();
					informer.addEventHandlerWithResyncPeriod(new RecordingHandler<>(), 1);
				}
				catch (Throwable ex) {
					failures.add(ex);
				}
			});
			adder.start();
			adding.await();
			informer.beginStop();
			adder.join(TIMEOUT.toMillis());
			assertThat(informer.awaitStop(TIMEOUT)).isTrue();
		}
		assertThat(failures).isEmpty();
		await().atMost(TIMEOUT)
			.untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
				.noneMatch((thread) -> thread.getName().startsWith("informer-race-") && thread.isAlive()));
	}

	@Test
	void dynamicObjectsFromListItemsWithoutTypeMetaGetItFromTheResource() throws Exception {
		this.server.create(new V1ConfigMap().metadata(new V1ObjectMeta().namespace("web").name("settings"))
			.putDataItem("k", "v"));
		// the premise: the API server leaves apiVersion/kind out of the items of a typed list
		assertThat(new CoreV1Api(this.server.apiClient()).listNamespacedConfigMap("web").execute().getItems())
			.singleElement()
			.satisfies((item) -> assertThat(item.getKind()).isNull());
		KubernetesInformer<DynamicKubernetesObject> configMaps = new KubernetesInformer<>("configmaps",
				List.of(new KubernetesListerWatcher<>(this.server.apiClient(),
						new ResourceType<>("", "v1", "ConfigMap", DynamicKubernetesObject.class, null), null, null,
						null, 500)),
				null, () -> new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2)));
		RecordingHandler<DynamicKubernetesObject> handler = new RecordingHandler<>();
		configMaps.addEventHandler(handler);
		try {
			configMaps.run();
			await().atMost(TIMEOUT).until(configMaps::hasSynced);
			DynamicKubernetesObject cached = configMaps.getIndexer().getByKey("web/settings");
			assertThat(cached.getApiVersion()).isEqualTo("v1");
			assertThat(cached.getKind()).isEqualTo("ConfigMap");
			assertThat(cached.getRaw().getAsJsonObject("data").get("k").getAsString()).isEqualTo("v");
			await().atMost(TIMEOUT).until(() -> handler.events.contains("ADDED web/settings"));
			assertThat(configMaps.watchStatus().lastError()).isNull();
		}
		finally {
			configMaps.stop(Duration.ofSeconds(5));
		}
	}

	private static V1Pod unscheduled(String namespace, String name) {
		V1Pod pod = Pods.pod(namespace, name, Map.of());
		pod.getSpec().setNodeName(null);
		return pod;
	}

	private static V1Pod listedPod(String name, String resourceVersion) {
		V1Pod pod = Pods.pod("web", name, Map.of());
		pod.getMetadata().resourceVersion(resourceVersion).uid("uid-" + name);
		return pod;
	}

	private static String event(String type, V1Pod pod) {
		return ScriptedPodServer.event(type, pod);
	}

	private static String name(V1Pod pod) {
		return pod.getMetadata().getName();
	}

}
