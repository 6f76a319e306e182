package io.github.informer.sample.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import io.github.informer.test.FakeKubernetesApiServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Starts an embedded {@link FakeKubernetesApiServer} when no cluster is configured, before the context refreshes so
 * that the starter's {@code ApiClient} points at it: seeds the {@link DemoCluster demo objects}, sets
 * {@code kubernetes.informers.client.url}, writes a kubeconfig for kubectl, and runs a {@link SimulatedWorkload}.
 * The server and the workload are beans ({@code embeddedKubernetesApiServer}, {@code simulatedWorkload}); the server
 * closes after every other bean, so informers stop before it goes. Registered in {@code META-INF/spring.factories}.
 * <p>
 * Settings: {@code sample.embedded-cluster.mode} ({@code auto}, {@code always}, {@code never}),
 * {@code sample.embedded-cluster.port} (0: random) and {@code sample.embedded-cluster.workload-interval}
 * ({@code 0s}: no workload).
 */
public class EmbeddedClusterInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** Bean name of the embedded server. */
	public static final String SERVER_BEAN_NAME = "embeddedKubernetesApiServer";

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedClusterInitializer.class);

	private static final String PREFIX = "sample.embedded-cluster.";

	private final ClusterDetection detection;

	public EmbeddedClusterInitializer() {
		this(ClusterDetection.ofThisProcess());
	}

	EmbeddedClusterInitializer(ClusterDetection detection) {
		this.detection = detection;
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		Binder binder = Binder.get(environment);
		EmbeddedClusterMode mode = binder.bind(PREFIX + "mode", EmbeddedClusterMode.class)
			.orElse(EmbeddedClusterMode.AUTO);
		if (mode == EmbeddedClusterMode.NEVER
				|| !binder.bind("kubernetes.informers.enabled", Boolean.class).orElse(true)) {
			return;
		}
		if (mode == EmbeddedClusterMode.AUTO) {
			String configured = this.detection.configuredCluster(environment);
			if (configured != null) {
				logger.info("Using the Kubernetes cluster configured by {}", configured);
				return;
			}
		}
		int port = binder.bind(PREFIX + "port", Integer.class).orElse(0);
		Duration interval = binder.bind(PREFIX + "workload-interval", Duration.class).orElse(Duration.ofSeconds(3));
		FakeKubernetesApiServer server;
		try {
			server = FakeKubernetesApiServer.builder().port(port).build().start();
		}
		catch (UncheckedIOException ex) {
			throw new EmbeddedClusterException("sample.embedded-cluster.port=" + port + ": the embedded Kubernetes API "
					+ "server could not listen on 127.0.0.1:" + port + " (" + ex.getCause().getMessage() + ")",
					"Set sample.embedded-cluster.port to a free port, or to 0 for a random one", ex);
		}
		try {
			int objects = server.seed(DemoCluster.objects());
			objects += server.seedYaml(DemoCluster.customResourceDefinitions());
			objects += server.seed(DemoCluster.websites());
			Path kubeconfig = writeKubeconfig(server);
			environment.getPropertySources()
				.addFirst(new MapPropertySource("embeddedKubernetesCluster",
						Map.of("kubernetes.informers.client.url", server.url())));
			register(context, server, kubeconfig, new SimulatedWorkload(server, interval, new Random()));
			logger.info("{}: started an embedded FakeKubernetesApiServer at {} with {} demo objects{}. "
					+ "Try: kubectl --kubeconfig {} get pods -A",
					(mode == EmbeddedClusterMode.ALWAYS) ? "sample.embedded-cluster.mode=always"
							: "No Kubernetes cluster configured (no kubernetes.informers.client.url, no kubeconfig at "
									+ "$KUBECONFIG or ~/.kube/config, not in a cluster)",
					server.url(), objects,
					interval.isZero() ? "" : " and a simulated workload changing pods every " + format(interval),
					kubeconfig);
		}
		catch (RuntimeException ex) {
			server.close();
			throw ex;
		}
	}

	private static void register(ConfigurableApplicationContext context, FakeKubernetesApiServer server,
			Path kubeconfig, SimulatedWorkload workload) {
		Runnable close = () -> {
			server.close();
			try {
				Files.deleteIfExists(kubeconfig);
			}
			catch (IOException ex) {
				logger.debug("Could not delete {}: {}", kubeconfig, ex.toString());
			}
		};
		context.getBeanFactory().registerSingleton(SERVER_BEAN_NAME, server);
		context.getBeanFactory().registerSingleton("simulatedWorkload", workload);
		if (context.getBeanFactory() instanceof DefaultListableBeanFactory beanFactory) {
			// Registered before any other bean, so destroyed after all of them: informers stop first.
			beanFactory.registerDisposableBean(SERVER_BEAN_NAME + ".closer", close::run);
		}
		else {
			Runtime.getRuntime().addShutdownHook(new Thread(close, "embedded-cluster-shutdown"));
		}
	}

	private static Path writeKubeconfig(FakeKubernetesApiServer server) {
		try {
			Path file = Files.createTempFile("informer-sample-", ".kubeconfig");
			return server.writeKubeconfig(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create a kubeconfig file for the embedded cluster", ex);
		}
	}

	private static String format(Duration duration) {
		return duration.toString().substring(2).toLowerCase(Locale.ROOT);
	}

}
