package io.github.informer.autoconfigure;

import java.util.List;

import io.github.informer.fixtures.Pods;
import io.github.informer.registry.Informers;
import io.github.informer.test.RecordedRequest;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kubernetes.informers.list-strategy} and {@code resources.<name>.list-strategy} through the
 * auto-configuration: which requests each informer's loops send, and what they report.
 */
class ListStrategyAutoConfigurationTests extends FakeServerContextSupport {

	@Test
	void autoIsTheDefaultAndSyncsWithAWatchList() {
		this.server.create(Pods.pod("web", "one"));
		this.runner
			.withPropertyValues("kubernetes.informers.resources.pods.api-version=v1",
					"kubernetes.informers.resources.pods.kind=Pod")
			.run((context) -> {
				Informers informers = context.getBean(Informers.class);
				assertThat(informers.get("pods").hasSynced()).isTrue();
				assertThat(informers.get("pods").watchStatus().listStrategy()).isEqualTo("watch-list");
				assertThat(requests("/pods")).isNotEmpty().allMatch(RecordedRequest::isWatch);
				assertThat(requests("/pods").get(0).query()).containsEntry("sendInitialEvents", "true");
			});
	}

	@Test
	void theGlobalStrategyAppliesToEveryResourceAndEachResourceCanSetItsOwn() {
		this.server.create(Pods.pod("web", "one"));
		this.server.create(new V1ConfigMap().metadata(new V1ObjectMeta().namespace("web").name("settings")));
		this.runner
			.withPropertyValues("kubernetes.informers.list-strategy=list",
					"kubernetes.informers.resources.pods.api-version=v1",
					"kubernetes.informers.resources.pods.kind=Pod",
					"kubernetes.informers.resources.config-maps.api-version=v1",
					"kubernetes.informers.resources.config-maps.kind=ConfigMap",
					"kubernetes.informers.resources.config-maps.list-strategy=watch-list")
			.run((context) -> {
				Informers informers = context.getBean(Informers.class);
				assertThat(informers.get("pods").watchStatus().listStrategy()).isEqualTo("list");
				assertThat(informers.get("config-maps").watchStatus().listStrategy()).isEqualTo("watch-list");
				assertThat(requests("/pods")).noneMatch((request) -> request.query().containsKey("sendInitialEvents"))
					.anyMatch((request) -> !request.isWatch());
				assertThat(requests("/configmaps")).isNotEmpty()
					.allMatch((request) -> request.query().containsKey("sendInitialEvents"));
				assertThat(informers.<V1ConfigMap>lister("config-maps").list()).hasSize(1);
			});
	}

	private List<RecordedRequest> requests(String resourcePath) {
		return this.server.requests().stream().filter((request) -> request.path().endsWith(resourcePath)).toList();
	}

}
