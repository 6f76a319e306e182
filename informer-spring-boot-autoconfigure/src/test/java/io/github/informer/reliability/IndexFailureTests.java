package io.github.informer.reliability;

import java.util.List;

import io.github.informer.autoconfigure.InformerAutoConfiguration;
import io.github.informer.registry.Informers;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1OwnerReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An index expression that fails on some objects at runtime: those objects are still cached (just not in
 * that index), and the failure is logged once per index, as a warning naming the index, the expression and the
 * object's key.
 */
@ExtendWith(OutputCaptureExtension.class)
class IndexFailureTests {

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	private FakeKubernetesApiServer server;

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		this.server = server;
	}

	@Test
	void objectsTheIndexFailsOnAreCachedAndTheFailureIsLoggedOnce(CapturedOutput output) {
		this.server.create(configMap("owned", true));
		this.server.create(configMap("orphan-1", false));
		this.server.create(configMap("orphan-2", false));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(InformerAutoConfiguration.class))
			.withPropertyValues("kubernetes.informers.client.url=" + this.server.url(),
					"kubernetes.informers.resources.configmaps.api-version=v1",
					"kubernetes.informers.resources.configmaps.kind=ConfigMap",
					"kubernetes.informers.resources.configmaps.indexes.by-owner=metadata.ownerReferences[0].name")
			.run((context) -> {
				Informers informers = context.getBean(Informers.class);
				assertThat(informers.<V1ConfigMap>lister("configmaps").list()).hasSize(3);
				List<V1ConfigMap> owned = informers.byIndex("configmaps", "by-owner", "deployment-web");
				assertThat(owned).extracting((configMap) -> configMap.getMetadata().getName()).containsExactly("owned");
			});
		assertThat(output.getAll().lines().filter((line) -> line.contains(" WARN ")
				&& line.contains("Index 'by-owner' (metadata.ownerReferences[0].name) could not be evaluated on "
						+ "web/orphan-")
				&& line.contains("such objects are cached but not in this index")))
			.hasSize(1);
	}

	private static V1ConfigMap configMap(String name, boolean owned) {
		V1ObjectMeta metadata = new V1ObjectMeta().namespace("web").name(name);
		if (owned) {
			metadata.addOwnerReferencesItem(new V1OwnerReference().apiVersion("apps/v1")
				.kind("Deployment")
				.name("deployment-web")
				.uid("0000-1111"));
		}
		return new V1ConfigMap().metadata(metadata);
	}

}
