package io.github.informer.test;

import java.util.List;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The namespaces a fresh kube-apiserver has, what it sets on every Namespace, and the builder option. */
class DefaultNamespacesTests {

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	@Test
	void aFreshServerHasTheFourNamespacesOfKubeApiserver(FakeKubernetesApiServer server) throws ApiException {
		List<V1Namespace> namespaces = new CoreV1Api(server.apiClient()).listNamespace().execute().getItems();
		assertThat(namespaces).extracting((namespace) -> namespace.getMetadata().getName())
			.containsExactly("default", "kube-node-lease", "kube-public", "kube-system");
		assertThat(namespaces).allSatisfy((namespace) -> {
			assertThat(namespace.getMetadata().getLabels())
				.containsEntry("kubernetes.io/metadata.name", namespace.getMetadata().getName());
			assertThat(namespace.getSpec().getFinalizers()).containsExactly("kubernetes");
			assertThat(namespace.getStatus().getPhase()).isEqualTo("Active");
			assertThat(namespace.getMetadata().getUid()).isNotEmpty();
		});
	}

	@Test
	void everyCreatedNamespaceGetsTheNameLabelAndTheKubernetesFinalizer(FakeKubernetesApiServer server)
			throws ApiException {
		CoreV1Api core = new CoreV1Api(server.apiClient());
		V1Namespace created = core
			.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name("team-a")
				.labels(java.util.Map.of("owner", "a"))))
			.execute();
		assertThat(created.getMetadata().getLabels()).containsEntry("kubernetes.io/metadata.name", "team-a")
			.containsEntry("owner", "a");
		assertThat(created.getSpec().getFinalizers()).containsExactly("kubernetes");
		assertThat(core.listNamespace().labelSelector("kubernetes.io/metadata.name=team-a").execute().getItems())
			.hasSize(1);
		V1Namespace replaced = core.replaceNamespace("team-a", new V1Namespace()
			.metadata(new V1ObjectMeta().name("team-a").labels(java.util.Map.of("owner", "b")))).execute();
		assertThat(replaced.getMetadata().getLabels()).containsEntry("kubernetes.io/metadata.name", "team-a")
			.containsEntry("owner", "b");
		assertThat(replaced.getSpec().getFinalizers()).as("only /finalize changes them").containsExactly(
				"kubernetes");
		V1Namespace own = core.createNamespace(new V1Namespace().metadata(new V1ObjectMeta().name("team-b"))
			.spec(new io.kubernetes.client.openapi.models.V1NamespaceSpec().finalizers(List.of("example.com/x"))))
			.execute();
		assertThat(own.getSpec().getFinalizers()).containsExactly("example.com/x", "kubernetes");
		core.deleteNamespace("team-a").execute();
		assertThat(server.get(V1Namespace.class, null, "team-a")).as("the spec finalizer does not block").isEmpty();
	}

	@Test
	void theBuilderCanStartWithoutThem() throws ApiException {
		try (FakeKubernetesApiServer server = FakeKubernetesApiServer.builder().defaultNamespaces(false).build()
			.start()) {
			assertThat(new CoreV1Api(server.apiClient()).listNamespace().execute().getItems()).isEmpty();
			assertThat(server.resourceVersion()).isEqualTo("1");
		}
	}

}
