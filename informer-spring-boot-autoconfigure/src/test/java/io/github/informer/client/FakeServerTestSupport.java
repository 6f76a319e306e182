package io.github.informer.client;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.github.informer.test.RecordedRequest;
import io.kubernetes.client.openapi.models.V1Pod;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.awaitility.Awaitility.await;

/**
 * A fresh in-JVM API server per test, and the informer under test stopped after it.
 */
abstract class FakeServerTestSupport {

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	protected FakeKubernetesApiServer server;

	protected @Nullable KubernetesInformer<V1Pod> informer;

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		this.server = server;
	}

	@AfterEach
	void stopInformer() {
		if (this.informer != null) {
			this.informer.stop(Duration.ofSeconds(5));
		}
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

	/**
	 * The matching requests the server saw in {@code [from, from + window)}, once it has seen one after the window
	 * (the loop under test keeps retrying, so this waits about one window): a rate measured without sleeping.
	 */
	protected List<RecordedRequest> requestsInWindow(Predicate<RecordedRequest> matching, Instant from,
			Duration window) {
		Instant end = from.plus(window);
		await().atMost(window.plusSeconds(30))
			.until(() -> this.server.requests().stream().anyMatch((request) -> matching.test(request)
					&& !request.at().isBefore(end)));
		return this.server.requests()
			.stream()
			.filter((request) -> matching.test(request) && !request.at().isBefore(from) && request.at().isBefore(end))
			.toList();
	}

	protected static Predicate<RecordedRequest> podWatches(@Nullable String namespace) {
		return (request) -> request.isWatch() && request.path().endsWith("/pods")
				&& (namespace == null || request.path().contains("/namespaces/" + namespace + "/"));
	}

	protected static Predicate<RecordedRequest> podLists(@Nullable String namespace) {
		return (request) -> !request.isWatch() && request.path().endsWith("/pods")
				&& (namespace == null || request.path().contains("/namespaces/" + namespace + "/"));
	}

}
