package io.github.informer.benchmarks.server;

import java.util.HashSet;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Set;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BenchmarkObjectsTests {

	@Test
	void realisticPodsAreThreeToSixKilobytesOfJsonWithManagedFieldsStatusAndLastAppliedConfiguration() {
		List<V1Pod> pods = new BenchmarkObjects(1).pods("bench", 500);
		IntSummaryStatistics sizes = pods.stream().mapToInt(BenchmarkObjects::jsonSize).summaryStatistics();
		assertThat(sizes.getMin()).isGreaterThanOrEqualTo(3 * 1024);
		assertThat(sizes.getMax()).isLessThanOrEqualTo(6 * 1024);
		V1Pod pod = pods.get(0);
		assertThat(pod.getMetadata().getManagedFields()).hasSize(2);
		assertThat(pod.getMetadata().getAnnotations()).containsKey(BenchmarkObjects.LAST_APPLIED);
		assertThat(pod.getStatus().getContainerStatuses()).isNotEmpty();
		assertThat(pod.getMetadata().getLabels()).containsKeys("app", "pod-template-hash");
	}

	@Test
	void podNamesAreUniqueAcrossOneHundredThousandPods() {
		Set<String> names = new HashSet<>();
		for (int i = 0; i < 100_000; i++) {
			names.add(BenchmarkObjects.podName(i));
		}
		assertThat(new BenchmarkObjects(1).pod("bench", 7).getMetadata().getName()).isEqualTo(BenchmarkObjects.podName(7));
		assertThat(names).hasSize(100_000);
	}

	@Test
	void configMapsAreSmall() {
		List<V1ConfigMap> maps = new BenchmarkObjects(1).configMaps("bench", 100);
		assertThat(maps).allSatisfy((map) -> assertThat(BenchmarkObjects.jsonSize(map)).isLessThan(400));
		assertThat(maps).extracting((map) -> map.getMetadata().getName()).doesNotHaveDuplicates();
	}

}
