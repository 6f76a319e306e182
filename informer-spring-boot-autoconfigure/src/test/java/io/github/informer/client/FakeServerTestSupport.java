package io.github.informer.client;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.RecordedRequest;
import io.kubernetes.client.openapi.models.V1Pod;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh in-JVM API server per test, and the informer under test stopped after it.
 */
abstract class FakeServerTestSupport {

	protected FakeKubernetesApiServer server;

	protected @Nullable KubernetesInformer<V1Pod> informer;

	@BeforeEach
	void startServer() {
		this.server = new FakeKubernetesApiServer().start();
	}

	@AfterEach
	void stopInformerAndServer() {
		if (this.informer != null) {
			this.informer.stop(Duration.ofSeconds(5));
		}
		this.server.close();
	}

	/**
	 * Create (not start) a Pod informer over the given namespaces, or all namespaces when none are given.
	 */
	protected KubernetesInformer<V1Pod> podInformer(String name, String... namespaces) {
		List<KubernetesListerWatcher<V1Pod>> listerWatchers = (namespaces.length == 0)
				? List.of(TestPods.pods(this.server.apiClient(), null, null, null, 500))
				: Arrays.stream(namespaces)
					.map((namespace) -> TestPods.pods(this.server.apiClient(), namespace, null, null, 500))
					.toList();
		return TestPods.informer(name, listerWatchers);
	}

	protected List<RecordedRequest> podRequests() {
		return this.server.requests().stream().filter((request) -> request.path().endsWith("/pods")).toList();
	}

}
