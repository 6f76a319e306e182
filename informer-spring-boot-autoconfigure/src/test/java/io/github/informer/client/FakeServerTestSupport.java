package io.github.informer.client;

import java.time.Duration;
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

	protected List<RecordedRequest> podRequests() {
		return this.server.requests().stream().filter((request) -> request.path().endsWith("/pods")).toList();
	}

}
