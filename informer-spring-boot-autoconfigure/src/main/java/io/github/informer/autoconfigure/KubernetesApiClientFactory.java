package io.github.informer.autoconfigure;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the auto-configured {@link ApiClient} from the {@link KubernetesConnectionDetails}: an explicit URL, else a
 * kubeconfig (the configured path, {@code $KUBECONFIG}, {@code ~/.kube/config}) with an optional context, else the
 * in-cluster service account, else client-java's default ({@code http://localhost:8080}, so that startup behaves as
 * for any unreachable cluster). Read timeout 0, as watches need; exec and auth-provider credentials refreshed every
 * {@code token-refresh}.
 */
final class KubernetesApiClientFactory {

	private static final Logger logger = LoggerFactory.getLogger(KubernetesApiClientFactory.class);

	private static final String SERVICE_ACCOUNT_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";

	private final KubernetesConnectionDetails connection;

	private final InformerProperties.Client properties;

	private final Map<String, String> environment;

	private final Path home;

	KubernetesApiClientFactory(InformerProperties.Client properties, Map<String, String> environment, Path home) {
		this(new PropertiesKubernetesConnectionDetails(properties), properties, environment, home);
	}

	KubernetesApiClientFactory(KubernetesConnectionDetails connection, InformerProperties.Client properties,
			Map<String, String> environment, Path home) {
		this.connection = connection;
		this.properties = properties;
		this.environment = environment;
		this.home = home;
	}

	ApiClient create() throws IOException {
		String url = this.connection.getUrl();
		if (url != null && !url.isBlank()) {
			return new ClientBuilder().setBasePath(url.trim())
				.setVerifyingSsl(this.properties.isVerifySsl())
				.setReadTimeout(Duration.ZERO)
				.build();
		}
		File kubeconfig = locateKubeconfig();
		if (kubeconfig != null) {
			return fromKubeconfig(kubeconfig);
		}
		if (this.connection.getContext() != null) {
			throw new InformerConfigurationException("kubernetes.informers.client.context",
					"no kubeconfig found to take context '" + this.connection.getContext() + "' from",
					"Set kubernetes.informers.client.kubeconfig to the kubeconfig's path, or remove the context");
		}
		if (inCluster()) {
			ClientBuilder builder = ClientBuilder.cluster().setReadTimeout(Duration.ZERO);
			if (!this.properties.isVerifySsl()) {
				builder.setVerifyingSsl(false);
			}
			return builder.build();
		}
		ApiClient fallback = new ClientBuilder().setReadTimeout(Duration.ZERO).build();
		logger.warn("No kubernetes.informers.client.url, no kubeconfig ($KUBECONFIG, ~/.kube/config) and not running "
				+ "in a cluster; using client-java's default API server {}", fallback.getBasePath());
		return fallback;
	}

	private ApiClient fromKubeconfig(File file) throws IOException {
		KubeConfig config;
		try (Reader reader = Files.newBufferedReader(file.toPath())) {
			config = KubeConfig.loadKubeConfig(reader);
		}
		config.setFile(file);
		String context = this.connection.getContext();
		if (context != null && !config.setContext(context)) {
			throw new InformerConfigurationException("kubernetes.informers.client.context",
					"kubeconfig " + file + " has no context '" + context + "'",
					"Use one of its contexts: " + contextNames(config));
		}
		ClientBuilder builder = ClientBuilder.kubeconfig(config, this.properties.getTokenRefresh())
			.setReadTimeout(Duration.ZERO);
		if (!this.properties.isVerifySsl()) {
			builder.setVerifyingSsl(false);
		}
		return builder.build();
	}

	private @Nullable File locateKubeconfig() {
		String configured = this.connection.getKubeconfig();
		if (configured != null && !configured.isBlank()) {
			File file = new File(configured.trim());
			if (!file.isFile()) {
				throw new InformerConfigurationException("kubernetes.informers.client.kubeconfig",
						"file " + file.getAbsolutePath() + " does not exist",
						"Point it at a kubeconfig file, or remove it to use $KUBECONFIG, ~/.kube/config or the "
								+ "in-cluster service account");
			}
			return file;
		}
		String variable = this.environment.get("KUBECONFIG");
		if (variable != null && !variable.isBlank()) {
			for (String path : variable.split(File.pathSeparator)) {
				File file = new File(path.trim());
				if (!path.isBlank() && file.isFile()) {
					return file;
				}
			}
		}
		File inHome = this.home.resolve(".kube").resolve("config").toFile();
		return inHome.isFile() ? inHome : null;
	}

	private boolean inCluster() {
		return this.environment.get("KUBERNETES_SERVICE_HOST") != null && new File(SERVICE_ACCOUNT_TOKEN).isFile();
	}

	@SuppressWarnings("unchecked")
	private static List<String> contextNames(KubeConfig config) {
		List<String> names = new ArrayList<>();
		if (config.getContexts() != null) {
			for (Object context : config.getContexts()) {
				if (context instanceof Map<?, ?> map && map.get("name") != null) {
					names.add(String.valueOf(map.get("name")));
				}
			}
		}
		return names;
	}

}
