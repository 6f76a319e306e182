package io.github.informer.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.informer.decoder.DecoderType;
import io.github.informer.fixtures.Pods;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The informer over either decoder: listed and watched objects are transformed exactly once each before caching.
 */
class StreamingDecoderInformerTests extends FakeServerTestSupport {

	@ParameterizedTest
	@EnumSource(DecoderType.class)
	void everyListedAndWatchedObjectIsTransformedOnce(DecoderType decoder) {
		for (int i = 0; i < 3; i++) {
			this.server.create(Pods.pod("web", "pod-" + i, Map.of("app", "web")));
		}
		Map<String, AtomicInteger> transforms = new ConcurrentHashMap<>();
		KubernetesListerWatcher<V1Pod> pods = new KubernetesListerWatcher<>(this.server.apiClient(),
				new ResourceType<>("", "v1", "Pod", V1Pod.class, null), "web", null, null, 2, decoder);
		assertThat(pods.decoder()).isEqualTo(decoder);
		this.informer = TestPods.informer("pods", List.of(pods));
		this.informer.setTransform((object) -> {
			transforms.computeIfAbsent(object.getMetadata().getName() + "@" + object.getMetadata().getResourceVersion(),
					(key) -> new AtomicInteger())
				.incrementAndGet();
			return object;
		});
		this.informer.run();
		await().atMost(Duration.ofSeconds(30)).until(this.informer::hasSynced);
		V1Pod changed = this.server.get(V1Pod.class, "web", "pod-1").orElseThrow();
		changed.getMetadata().putLabelsItem("tier", "front");
		this.server.update(changed);
		this.server.create(Pods.pod("web", "pod-3", Map.of()));
		await().atMost(Duration.ofSeconds(30)).until(() -> this.informer.cacheSize() == 4
				&& "front".equals(this.informer.getIndexer().getByKey("web/pod-1").getMetadata().getLabels().get("tier")));
		assertThat(transforms).hasSize(5);
		assertThat(transforms.values()).allSatisfy((count) -> assertThat(count.get()).isEqualTo(1));
	}

}
