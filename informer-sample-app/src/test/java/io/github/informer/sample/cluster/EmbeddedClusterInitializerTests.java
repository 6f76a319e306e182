package io.github.informer.sample.cluster;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import io.github.informer.test.FakeKubernetesApiServer;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * When the initializer starts the embedded cluster, what it registers, and that closing the context ends it. A real
 * context is refreshed and closed; the cluster detection looks at a temporary home and environment.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedClusterInitializerTests {

	@TempDir
	Path home;

	@Test
	void noClusterConfiguredStartsSeededServerAndPointsTheClientAtIt(CapturedOutput output) {
		GenericApplicationContext context = context(Map.of(), Map.of());
		FakeKubernetesApiServer server = context.getBean(EmbeddedClusterInitializer.SERVER_BEAN_NAME,
				FakeKubernetesApiServer.class);
		assertThat(context.getEnvironment().getProperty("kubernetes.informers.client.url")).isEqualTo(server.url());
		assertThat(server.list(V1Pod.class, null)).hasSize(9);
		assertThat(context.getBean(SimulatedWorkload.class).isRunning()).isTrue();
		assertThat(output).contains("No Kubernetes cluster configured",
				"started an embedded FakeKubernetesApiServer at " + server.url()
						+ " with 22 demo objects and a simulated workload changing pods every 3s");
		String log = output.toString();
		Path kubeconfig = Path.of(log.replaceAll("(?s).*kubectl --kubeconfig (\\S+) get pods -A.*", "$1"));
		assertThat(kubeconfig).exists();
		context.close();
		assertThat(server.isRunning()).isFalse();
		assertThat(kubeconfig).doesNotExist();
	}

	@Test
	void configuredClusterIsUsedUnchanged(CapturedOutput output) {
		GenericApplicationContext context = context(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1"),
				Map.of("kubernetes.informers.client.url", "https://10.0.0.1:6443"));
		assertThat(context.containsBean(EmbeddedClusterInitializer.SERVER_BEAN_NAME)).isFalse();
		assertThat(context.getEnvironment().getProperty("kubernetes.informers.client.url"))
			.isEqualTo("https://10.0.0.1:6443");
		assertThat(output).contains("Using the Kubernetes cluster configured by kubernetes.informers.client.url");
		context.close();
	}

	@Test
	void modeNeverStartsNothing() {
		GenericApplicationContext context = context(Map.of(), Map.of("sample.embedded-cluster.mode", "never"));
		assertThat(context.containsBean(EmbeddedClusterInitializer.SERVER_BEAN_NAME)).isFalse();
		context.close();
	}

	@Test
	void disabledStarterStartsNothing() {
		GenericApplicationContext context = context(Map.of(), Map.of("kubernetes.informers.enabled", "false"));
		assertThat(context.containsBean(EmbeddedClusterInitializer.SERVER_BEAN_NAME)).isFalse();
		context.close();
	}

	@Test
	void modeAlwaysOverridesAConfiguredClusterOnTheConfiguredPortWithoutWorkload() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		GenericApplicationContext context = context(Map.of(),
				Map.of("kubernetes.informers.client.url", "https://10.0.0.1:6443", "sample.embedded-cluster.mode",
						"always", "sample.embedded-cluster.port", String.valueOf(port),
						"sample.embedded-cluster.workload-interval", "0s"));
		FakeKubernetesApiServer server = context.getBean(FakeKubernetesApiServer.class);
		assertThat(server.port()).isEqualTo(port);
		assertThat(context.getEnvironment().getProperty("kubernetes.informers.client.url")).isEqualTo(server.url());
		assertThat(context.getBean(SimulatedWorkload.class).isRunning()).isFalse();
		context.close();
		assertThat(server.isRunning()).isFalse();
	}

	@Test
	void busyPortFailsStartupNamingThePropertyAndTheFix() throws Exception {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			int port = socket.getLocalPort();
			assertThatExceptionOfType(EmbeddedClusterException.class)
				.isThrownBy(() -> context(Map.of(), Map.of("sample.embedded-cluster.port", String.valueOf(port))))
				.satisfies((ex) -> {
					assertThat(ex.getMessage()).startsWith("sample.embedded-cluster.port=" + port
							+ ": the embedded Kubernetes API server could not listen on 127.0.0.1:" + port);
					FailureAnalysis analysis = new EmbeddedClusterFailureAnalyzer().analyze(ex);
					assertThat(analysis.getDescription()).isEqualTo(ex.getMessage());
					assertThat(analysis.getAction())
						.isEqualTo("Set sample.embedded-cluster.port to a free port, or to 0 for a random one");
				});
		}
	}

	private GenericApplicationContext context(Map<String, String> variables, Map<String, Object> properties) {
		GenericApplicationContext context = new GenericApplicationContext();
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
		ClusterDetection detection = new ClusterDetection(variables, this.home, this.home.resolve("token"));
		new EmbeddedClusterInitializer(detection).initialize(context);
		context.refresh();
		return context;
	}

}
