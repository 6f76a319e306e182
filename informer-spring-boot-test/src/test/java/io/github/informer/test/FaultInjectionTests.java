package io.github.informer.test;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Fault injection: failing requests, 429 with Retry-After, 403 per resource/namespace, latency, stop and restart. */
class FaultInjectionTests {

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	private FakeKubernetesApiServer server;

	private CoreV1Api core;

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		this.server = server;
		this.core = new CoreV1Api(this.server.apiClient());
		this.server.create(new V1ConfigMap().metadata(new V1ObjectMeta().name("a").namespace("web")));
	}

	@Test
	void anUnreachableClientGetsNoAnswerWhileOthersAreServed() throws ApiException {
		ApiClient cutOff = this.server.apiClient();
		cutOff.setUserAgent("replica-2/1.0");
		cutOff.setReadTimeout(500);
		this.server.unreachable("replica-2");
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> new CoreV1Api(cutOff).readNamespacedConfigMap("a", "web").execute())
			.satisfies((ex) -> assertThat(ex.getCause()).isInstanceOf(SocketTimeoutException.class));
		assertThat(this.core.readNamespacedConfigMap("a", "web").execute()).isNotNull();
		this.server.reachable("replica-2");
		assertThat(new CoreV1Api(cutOff).readNamespacedConfigMap("a", "web").execute()).isNotNull();
		this.server.unreachable("replica-2");
		this.server.clearFaults();
		assertThat(new CoreV1Api(cutOff).readNamespacedConfigMap("a", "web").execute()).isNotNull();
	}

	@Test
	void failNextFailsExactlyThatManyRequests() throws ApiException {
		this.server.failNext(2, 500);
		for (int i = 0; i < 2; i++) {
			assertThatExceptionOfType(ApiException.class)
				.isThrownBy(() -> this.core.listNamespacedConfigMap("web").execute())
				.satisfies((ex) -> {
					assertThat(ex.getCode()).isEqualTo(500);
					assertThat(ex.getResponseBody()).contains("\"reason\":\"InternalError\"");
				});
		}
		assertThat(this.core.listNamespacedConfigMap("web").execute().getItems()).hasSize(1);
	}

	@Test
	void tooManyRequestsCarriesRetryAfter() {
		this.server.failNext(RequestFailure.status(429).retryAfterSeconds(7));
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.readNamespacedConfigMap("a", "web").execute())
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(429);
				assertThat(ex.getResponseHeaders()).containsEntry("Retry-After", List.of("7"));
				assertThat(ex.getResponseBody()).contains("\"reason\":\"TooManyRequests\"");
			});
	}

	@Test
	void failuresCanTargetAResourceNamespaceAndVerb() throws ApiException {
		this.server.failNext(RequestFailure.status(503).times(1).resource("configmaps").namespace("web").verb("list"));
		assertThat(this.core.readNamespacedConfigMap("a", "web").execute()).isNotNull();
		assertThat(this.core.listNamespacedConfigMap("other").execute().getItems()).isEmpty();
		assertThat(this.core.listNamespacedSecret("web").execute().getItems()).isEmpty();
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.listNamespacedConfigMap("web").execute())
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(503));
		assertThat(this.core.listNamespacedConfigMap("web").execute().getItems()).hasSize(1);
	}

	@Test
	void forbidAnswers403UntilAllowed() throws ApiException {
		this.server.forbid("configmaps", "web");
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.listNamespacedConfigMap("web").execute())
			.satisfies((ex) -> {
				assertThat(ex.getCode()).isEqualTo(403);
				assertThat(ex.getResponseBody()).contains("\"reason\":\"Forbidden\"")
					.contains("cannot list resource \\\"configmaps\\\"")
					.contains("in the namespace \\\"web\\\"");
			});
		assertThat(this.core.listNamespacedConfigMap("other").execute().getItems()).isEmpty();
		this.server.allow("configmaps", "web");
		assertThat(this.core.listNamespacedConfigMap("web").execute().getItems()).hasSize(1);
		this.server.forbid("configmaps", null);
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.listNamespacedConfigMap("other").execute())
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(403));
	}

	@Test
	void latencyDelaysResponses() throws ApiException {
		this.server.latency(Duration.ofMillis(300));
		long start = System.nanoTime();
		this.core.readNamespacedConfigMap("a", "web").execute();
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		this.server.latency(Duration.ZERO);
	}

	@Test
	void stopRefusesConnectionsAndStartResumesOnTheSamePortWithTheSameState() throws ApiException {
		int port = this.server.port();
		String version = this.server.resourceVersion();
		this.server.stop();
		assertThat(this.server.isRunning()).isFalse();
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.core.readNamespacedConfigMap("a", "web").execute())
			.withRootCauseInstanceOf(ConnectException.class);
		this.server.start();
		assertThat(this.server.port()).isEqualTo(port);
		assertThat(this.server.resourceVersion()).isEqualTo(version);
		assertThat(this.core.readNamespacedConfigMap("a", "web").execute().getMetadata().getName()).isEqualTo("a");
		this.server.restart();
		assertThat(this.core.readNamespacedConfigMap("a", "web").execute().getMetadata().getName()).isEqualTo("a");
	}

	@Test
	void aClosedServerCannotStartAgain() {
		this.server.close();
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(this.server::start)
			.withMessageContaining("create a new one");
	}

	@Test
	void requestsAreRecorded() throws ApiException {
		this.server.clearRequests();
		this.core.listNamespacedConfigMap("web").labelSelector("a=b").limit(5).execute();
		assertThat(this.server.requests()).singleElement().satisfies((request) -> {
			assertThat(request.method()).isEqualTo("GET");
			assertThat(request.path()).isEqualTo("/api/v1/namespaces/web/configmaps");
			assertThat(request.query()).containsAllEntriesOf(Map.of("labelSelector", "a=b", "limit", "5"));
			assertThat(request.status()).isEqualTo(200);
			assertThat(request.isWatch()).isFalse();
		});
	}

	@Test
	void requestFailureRejectsNonErrorStatuses() {
		assertThatIllegalArgumentException().isThrownBy(() -> RequestFailure.status(200))
			.withMessageContaining("400-599");
	}

	@Test
	void javaApiErrorsCarryTheHttpCode() {
		V1ConfigMap stale = this.server.get(V1ConfigMap.class, "web", "a").orElseThrow();
		this.server.update(new V1ConfigMap().metadata(new V1ObjectMeta().name("a").namespace("web"))
			.data(Map.of("k", "v")));
		assertThatExceptionOfType(FakeKubernetesApiException.class).isThrownBy(() -> this.server.update(stale))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(409);
				assertThat(ex.reason()).isEqualTo("Conflict");
			});
		assertThatExceptionOfType(FakeKubernetesApiException.class).isThrownBy(() -> this.server.create(stale))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo("AlreadyExists"));
		assertThat(this.server.apply(stale).getData()).isNullOrEmpty();
		assertThat(this.server.list(V1ConfigMap.class, null)).hasSize(1);
		assertThat(this.server.delete("v1", "ConfigMap", "web", "a")).isTrue();
		assertThat(this.server.delete("v1", "ConfigMap", "web", "a")).isFalse();
	}

}
