package io.github.informer.autoconfigure;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.github.informer.fixtures.Pods;
import io.github.informer.registry.Informers;
import io.kubernetes.client.openapi.ApiClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How the auto-configured {@link ApiClient} finds the API server: URL, kubeconfig (property, $KUBECONFIG, home),
 * context, fallback.
 */
class KubernetesApiClientFactoryTests extends FakeServerContextSupport {

	@TempDir
	Path directory;

	@BeforeEach
	void prepare() {
		this.server.create(Pods.pod("web", "frontend"));
	}

	@Test
	void kubeconfigPropertyAndContextReachTheServer() {
		Path kubeconfig = this.server.writeKubeconfig(this.directory.resolve("config"));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(InformerAutoConfiguration.class))
			.withPropertyValues("kubernetes.informers.client.kubeconfig=" + kubeconfig,
					"kubernetes.informers.client.context=fake", "kubernetes.informers.resources.pods.api-version=v1",
					"kubernetes.informers.resources.pods.kind=Pod")
			.run((context) -> {
				ApiClient client = context.getBean(ApiClient.class);
				assertThat(client.getBasePath()).isEqualTo(this.server.url());
				assertThat(client.getReadTimeout()).isZero();
				assertThat(context.getBean(Informers.class).get("pods").lister().list()).hasSize(1);
			});
	}

	@Test
	void unknownContextFailsNamingTheContextsThereAre() {
		Path kubeconfig = this.server.writeKubeconfig(this.directory.resolve("config"));
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(InformerAutoConfiguration.class))
			.withPropertyValues("kubernetes.informers.client.kubeconfig=" + kubeconfig,
					"kubernetes.informers.client.context=production")
			.run((context) -> {
				InformerConfigurationException exception = InformerLifecycleTests
					.findCause(context.getStartupFailure(), InformerConfigurationException.class);
				assertThat(exception.getProperty()).isEqualTo("kubernetes.informers.client.context");
				assertThat(exception.getProblem()).contains("no context 'production'");
				assertThat(exception.getAction()).contains("[fake]");
			});
	}

	@Test
	void missingKubeconfigFileFailsNamingTheProperty() {
		InformerProperties.Client properties = new InformerProperties.Client();
		properties.setKubeconfig(this.directory.resolve("absent").toString());
		assertThatExceptionOfType(InformerConfigurationException.class)
			.isThrownBy(() -> new KubernetesApiClientFactory(properties, Map.of(), this.directory).create())
			.satisfies((exception) -> {
				assertThat(exception.getProperty()).isEqualTo("kubernetes.informers.client.kubeconfig");
				assertThat(exception.getProblem()).contains("does not exist");
			});
	}

	@Test
	void kubeconfigEnvironmentVariableComesBeforeTheHomeDirectory() throws Exception {
		Path fromVariable = this.server.writeKubeconfig(this.directory.resolve("from-variable"));
		Path home = Files.createDirectories(this.directory.resolve("home"));
		Files.createDirectories(home.resolve(".kube"));
		Files.writeString(home.resolve(".kube/config"),
				Files.readString(fromVariable).replace(this.server.url(), "http://127.0.0.1:9"));
		InformerProperties.Client properties = new InformerProperties.Client();
		String variable = this.directory.resolve("absent") + File.pathSeparator + fromVariable;
		ApiClient client = new KubernetesApiClientFactory(properties, Map.of("KUBECONFIG", variable), home).create();
		assertThat(client.getBasePath()).isEqualTo(this.server.url());
		ApiClient fromHome = new KubernetesApiClientFactory(properties, Map.of(), home).create();
		assertThat(fromHome.getBasePath()).isEqualTo("http://127.0.0.1:9");
	}

	@Test
	void withoutAnyConfigurationTheClientFallsBackToClientJavasDefault() throws Exception {
		InformerProperties.Client properties = new InformerProperties.Client();
		ApiClient client = new KubernetesApiClientFactory(properties, Map.of(), this.directory).create();
		assertThat(client.getBasePath()).isEqualTo("http://localhost:8080");
		assertThat(client.getReadTimeout()).isZero();
	}

	@Test
	void verifySslFalseTurnsVerificationOff() throws Exception {
		InformerProperties.Client properties = new InformerProperties.Client();
		properties.setUrl("https://127.0.0.1:6443");
		assertThat(new KubernetesApiClientFactory(properties, Map.of(), this.directory).create().isVerifyingSsl())
			.isTrue();
		properties.setVerifySsl(false);
		assertThat(new KubernetesApiClientFactory(properties, Map.of(), this.directory).create().isVerifyingSsl())
			.isFalse();
	}

}
