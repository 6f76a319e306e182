package io.github.informer.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import io.github.informer.actuate.ActuatorHttp;
import io.github.informer.annotation.InformerHandler;
import io.github.informer.handler.InformerEvent;
import io.github.informer.registry.Informers;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.github.informer.test.RequestFailure;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Secret;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Informers may watch Secrets, and the kubeconfig holds credentials: neither the logs (at TRACE for the starter, DEBUG
 * for client-java and OkHttp) nor the Actuator endpoints ever print a Secret's data or the token, through adds,
 * updates, deletes, a failing handler, an index that fails on an object, injected errors, a 410 and a forbidden list.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverPrintedTests {

	private static final String SECRET_VALUE = "hunter2-correct-horse-battery-staple";

	private static final String NEW_SECRET_VALUE = "tr0ub4dor-and-3-more-words";

	private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.kubeconfig-token-that-must-never-be-printed";

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	private FakeKubernetesApiServer server;

	@TempDir
	Path directory;

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		this.server = server;
	}

	@Test
	void secretDataAndTheTokenAppearNeitherInLogsNorInEndpoints(CapturedOutput output) throws IOException {
		Path kubeconfig = writeKubeconfig();
		this.server.create(secret("db-credentials", SECRET_VALUE));
		try (ConfigurableApplicationContext context = ReliabilityApps.web(List.of(SecretAuditor.class),
				"kubernetes.informers.client.kubeconfig=" + kubeconfig,
				"kubernetes.informers.resources.secrets.api-version=v1",
				"kubernetes.informers.resources.secrets.kind=Secret",
				"kubernetes.informers.resources.secrets.indexes.by-owner=metadata.ownerReferences[0].name",
				"kubernetes.informers.backoff.initial-delay=50ms", "kubernetes.informers.backoff.max-delay=200ms",
				"logging.level.io.github.informer=TRACE", "logging.level.io.kubernetes=DEBUG",
				"logging.level.okhttp3=DEBUG")) {
			ActuatorHttp http = new ActuatorHttp(ReliabilityApps.port(context));
			Informers informers = context.getBean(Informers.class);
			assertThat(informers.get("secrets").cacheSize()).isEqualTo(1);

			V1Secret current = this.server.get(V1Secret.class, "web", "db-credentials").orElseThrow();
			current.putDataItem("password", NEW_SECRET_VALUE.getBytes(StandardCharsets.UTF_8));
			this.server.update(current);
			this.server.failNext(RequestFailure.status(500).times(2).verb("watch"));
			this.server.closeAllWatches();
			this.server.forbid("secrets", null);
			this.server.closeAllWatches();
			await().atMost(Duration.ofSeconds(10))
				.until(() -> informers.get("secrets").watchStatus().lastError() != null
						&& informers.get("secrets").watchStatus().lastError().code() == 403);
			// changes while forbidden, then the history is lost: the next watch gets 410 and relists
			this.server.create(secret("api-key", SECRET_VALUE));
			this.server.delete("v1", "Secret", "web", "db-credentials");
			this.server.compactHistory();
			this.server.allow("secrets", null);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> informers.get("secrets").lister().namespace("web").get("db-credentials") == null
						&& informers.get("secrets").cacheSize() == 1);
			SecretAuditor auditor = context.getBean(SecretAuditor.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> auditor.deletes > 0);

			String endpoints = http.get("/actuator/informers").body() + http.get("/actuator/informers/secrets").body()
					+ http.get("/actuator/health").body();
			assertThat(endpoints).contains("\"secrets\"").contains("\"cacheSize\":1");
			assertNothingSecretIn(endpoints);
		}
		// the logs were captured: the failing handler, the index and the faults are in them, by key only
		assertThat(output.getAll()).contains("Informer handler 'secretAuditor.onSecret' failed on ADDED of "
				+ "web/db-credentials")
			.contains("Index 'by-owner' (metadata.ownerReferences[0].name) could not be evaluated on web/")
			.contains("403 Forbidden")
			.contains("relisting");
		assertNothingSecretIn(output.getAll());
	}

	private static void assertNothingSecretIn(String text) {
		for (String secret : List.of(SECRET_VALUE, NEW_SECRET_VALUE)) {
			assertThat(text).doesNotContain(secret)
				.doesNotContain(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
		}
		assertThat(text).doesNotContain(TOKEN).doesNotContain("kubeconfig-token");
	}

	private static V1Secret secret(String name, String value) {
		return new V1Secret().apiVersion("v1")
			.kind("Secret")
			.metadata(new V1ObjectMeta().namespace("web")
				.name(name)
				.putAnnotationsItem("kubectl.kubernetes.io/last-applied-configuration",
						"{\"stringData\":{\"password\":\"" + value + "\"}}"))
			.putDataItem("password", value.getBytes(StandardCharsets.UTF_8));
	}

	private Path writeKubeconfig() throws IOException {
		Path file = this.server.writeKubeconfig(this.directory.resolve("kubeconfig"));
		Files.writeString(file, Files.readString(file).replace("token: fake-token", "token: " + TOKEN));
		assertThat(Files.readString(file)).contains(TOKEN);
		return file;
	}

	@Configuration("secretAuditor")
	static class SecretAuditor {

		volatile int deletes;

		@InformerHandler
		void onSecret(InformerEvent<V1Secret> event) {
			if (event.type() == io.github.informer.annotation.EventType.DELETED) {
				this.deletes++;
				return;
			}
			throw new IllegalStateException("cannot audit secret " + event.key());
		}

	}

}
