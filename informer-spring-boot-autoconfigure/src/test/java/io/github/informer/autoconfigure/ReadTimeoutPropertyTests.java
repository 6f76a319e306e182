package io.github.informer.autoconfigure;

import java.time.Duration;

import io.github.informer.client.WatchError;
import io.github.informer.registry.Informers;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.github.informer.test.RecordedRequest;
import io.github.informer.test.ResponseFault;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kubernetes.informers.client.read-timeout}: a list that stalls mid-body ends after it and is retried, while
 * the {@link ApiClient} bean keeps read timeout 0 (client-java's {@code SharedInformerFactory} requires it); a
 * negative value fails startup naming the property.
 */
class ReadTimeoutPropertyTests {

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	private FakeKubernetesApiServer server;

	private ApplicationContextRunner runner;

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		this.server = server;
		this.server.create(new V1Pod().metadata(new V1ObjectMeta().namespace("web").name("one")));
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(InformerAutoConfiguration.class))
			.withPropertyValues("kubernetes.informers.client.url=" + this.server.url(),
					"kubernetes.informers.resources.pods.api-version=v1",
					"kubernetes.informers.resources.pods.kind=Pod", "kubernetes.informers.backoff.initial-delay=100ms",
					"kubernetes.informers.startup.sync-timeout=30s");
	}

	@Test
	void aStalledListEndsAfterTheReadTimeoutAndIsRetriedBeforeStartupCompletes() {
		this.server.failNext(ResponseFault.stall(Duration.ofMinutes(1)).resource("pods").verb("list"));
		this.runner.withPropertyValues("kubernetes.informers.client.read-timeout=500ms").run((context) -> {
			assertThat(context).hasNotFailed();
			Informers informers = context.getBean(Informers.class);
			assertThat(informers.get("pods").hasSynced()).isTrue();
			assertThat(informers.<V1Pod>lister("pods").list()).hasSize(1);
			WatchError error = informers.get("pods").watchStatus().lastError();
			assertThat(error.verb()).isEqualTo("list");
			assertThat(error.reason()).isEqualTo("SocketTimeoutException");
			assertThat(error.message()).startsWith("no data for 500 ms (kubernetes.informers.client.read-timeout)");
			assertThat(this.server.requests().stream().filter((request) -> !request.isWatch()
					&& request.path().endsWith("/pods")).map(RecordedRequest::status)).containsExactly(200, 200);
			assertThat(context.getBean(ApiClient.class).getHttpClient().readTimeoutMillis()).isZero();
		});
	}

	@Test
	void theDefaultIsSixtySeconds() {
		assertThat(new InformerProperties().getClient().getReadTimeout()).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void aNegativeReadTimeoutFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("kubernetes.informers.client.read-timeout=-1s").run((context) -> {
			assertThat(context).hasFailed();
			InformerConfigurationException exception = InformerLifecycleTests.findCause(context.getStartupFailure(),
					InformerConfigurationException.class);
			assertThat(exception.getProperty()).isEqualTo("kubernetes.informers.client.read-timeout");
			assertThat(exception.getProblem()).contains("negative");
		});
	}

}
