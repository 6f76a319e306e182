package io.github.informer.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.informer.autoconfigure.InformerAutoConfiguration;
import io.github.informer.client.WatchError;
import io.github.informer.registry.Informers;
import io.github.informer.registry.ManagedInformer;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * TLS verification stays on unless {@code kubernetes.informers.client.verify-ssl=false}: against an HTTPS API server
 * with a self-signed certificate the informer does not sync and reports the certificate failure; with verification
 * off it syncs over HTTPS. The same holds for an API server taken from a kubeconfig.
 */
class TlsVerificationTests {

	@TempDir
	static Path directory;

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	private FakeKubernetesApiServer server;

	private TlsTerminatingProxy https;

	private ApplicationContextRunner runner;

	@BeforeEach
	void startHttpsServer(FakeKubernetesApiServer server) {
		this.server = server;
		this.server.create(new V1ConfigMap().metadata(new V1ObjectMeta().namespace("web").name("settings")));
		this.https = new TlsTerminatingProxy(directory, this.server.port());
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(InformerAutoConfiguration.class))
			.withPropertyValues("kubernetes.informers.client.url=" + this.https.url(),
					"kubernetes.informers.resources.configmaps.api-version=v1",
					"kubernetes.informers.resources.configmaps.kind=ConfigMap",
					"kubernetes.informers.backoff.initial-delay=100ms",
					"kubernetes.informers.startup.wait-for-sync=false");
	}

	@AfterEach
	void stopProxy() {
		this.https.close();
	}

	@Test
	void aSelfSignedCertificateIsRejectedByDefault() {
		this.runner.run((context) -> {
			assertThat(context.getBean(ApiClient.class).isVerifyingSsl()).isTrue();
			ManagedInformer<?> informer = context.getBean(Informers.class).get("configmaps");
			await().atMost(Duration.ofSeconds(10)).until(() -> informer.watchStatus().lastError() != null);
			WatchError error = informer.watchStatus().lastError();
			assertThat(error.reason()).isEqualTo("SSLHandshakeException");
			assertThat(error.message()).contains("PKIX path building failed").contains(this.https.url());
			assertThat(informer.hasSynced()).isFalse();
			assertThat(informer.cacheSize()).isZero();
		});
	}

	@Test
	void aKubeconfigPointingAtTheSelfSignedServerIsVerifiedToo() throws IOException {
		Path kubeconfig = this.server.writeKubeconfig(directory.resolve("https.kubeconfig"));
		// the kit's kubeconfig skips TLS verification (it points at plain http); an https one must not
		Files.writeString(kubeconfig, Files.readString(kubeconfig).replace(this.server.url(), this.https.url())
			.replace("    insecure-skip-tls-verify: true\n", ""));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(InformerAutoConfiguration.class))
			.withPropertyValues("kubernetes.informers.client.kubeconfig=" + kubeconfig,
					"kubernetes.informers.resources.configmaps.api-version=v1",
					"kubernetes.informers.resources.configmaps.kind=ConfigMap",
					"kubernetes.informers.startup.wait-for-sync=false")
			.run((context) -> {
				assertThat(context.getBean(ApiClient.class).getBasePath()).isEqualTo(this.https.url());
				assertThat(context.getBean(ApiClient.class).isVerifyingSsl()).isTrue();
				ManagedInformer<?> informer = context.getBean(Informers.class).get("configmaps");
				await().atMost(Duration.ofSeconds(10)).until(() -> informer.watchStatus().lastError() != null);
				assertThat(informer.watchStatus().lastError().reason()).isEqualTo("SSLHandshakeException");
				assertThat(informer.hasSynced()).isFalse();
			});
	}

	@Test
	void verifySslFalseSyncsOverHttps() {
		this.runner.withPropertyValues("kubernetes.informers.client.verify-ssl=false").run((context) -> {
			assertThat(context.getBean(ApiClient.class).isVerifyingSsl()).isFalse();
			ManagedInformer<V1ConfigMap> informer = context.getBean(Informers.class).get("configmaps");
			await().atMost(Duration.ofSeconds(10)).until(informer::hasSynced);
			assertThat(informer.lister().namespace("web").get("settings")).isNotNull();
			this.server.create(new V1ConfigMap().metadata(new V1ObjectMeta().namespace("web").name("later")));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> informer.lister().namespace("web").get("later") != null);
		});
	}

}
