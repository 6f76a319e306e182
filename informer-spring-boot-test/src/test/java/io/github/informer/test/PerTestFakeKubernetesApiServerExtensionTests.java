package io.github.informer.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code perTest()}: every test method gets a fresh server, the same one in the constructor, {@code @BeforeEach}
 * and the test, closed after the method.
 */
class PerTestFakeKubernetesApiServerExtensionTests {

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	private static final List<FakeKubernetesApiServer> seen = new CopyOnWriteArrayList<>();

	private final FakeKubernetesApiServer server;

	private FakeKubernetesApiServer fromBeforeEach;

	PerTestFakeKubernetesApiServerExtensionTests(FakeKubernetesApiServer server) {
		this.server = server;
	}

	@BeforeEach
	void remember(FakeKubernetesApiServer server) {
		this.fromBeforeEach = server;
	}

	@RepeatedTest(3)
	void eachTestStartsFromAnEmptyServer(FakeKubernetesApiServer server) throws ApiException {
		assertThat(server).isSameAs(this.server).isSameAs(this.fromBeforeEach).isNotIn(seen);
		seen.add(server);
		assertThat(server.isRunning()).isTrue();
		assertThat(server.requests()).isEmpty();
		CoreV1Api api = new CoreV1Api(server.apiClient());
		assertThat(api.listNamespacedConfigMap("default").execute().getItems()).isEmpty();
		server.create(new V1ConfigMap().metadata(new V1ObjectMeta().namespace("default").name("only-here")));
	}

	@AfterAll
	static void everyServerWasClosedAfterItsTest() {
		assertThat(seen).hasSize(3).noneMatch(FakeKubernetesApiServer::isRunning);
	}

}
