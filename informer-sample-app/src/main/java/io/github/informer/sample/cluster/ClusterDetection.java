package io.github.informer.sample.cluster;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;

/**
 * Tells whether the starter would find a cluster, looking where its client factory looks: an explicit
 * {@code kubernetes.informers.client.url}, a kubeconfig ({@code kubernetes.informers.client.kubeconfig},
 * {@code $KUBECONFIG}, {@code ~/.kube/config}), or the in-cluster service account.
 */
final class ClusterDetection {

	static final String SERVICE_ACCOUNT_TOKEN = "/var/run/secrets/kubernetes.io/serviceaccount/token";

	private final Map<String, String> systemEnvironment;

	private final Path home;

	private final Path serviceAccountToken;

	ClusterDetection(Map<String, String> systemEnvironment, Path home, Path serviceAccountToken) {
		this.systemEnvironment = systemEnvironment;
		this.home = home;
		this.serviceAccountToken = serviceAccountToken;
	}

	static ClusterDetection ofThisProcess() {
		return new ClusterDetection(System.getenv(), Path.of(System.getProperty("user.home")),
				Path.of(SERVICE_ACCOUNT_TOKEN));
	}

	/**
	 * Where the cluster is configured.
	 * @param environment the application's environment
	 * @return a description of the source, or {@code null} when no cluster is configured
	 */
	@Nullable String configuredCluster(Environment environment) {
		String url = environment.getProperty("kubernetes.informers.client.url");
		if (url != null && !url.isBlank()) {
			return "kubernetes.informers.client.url (" + url.trim() + ")";
		}
		String kubeconfig = environment.getProperty("kubernetes.informers.client.kubeconfig");
		if (kubeconfig != null && !kubeconfig.isBlank()) {
			return "kubernetes.informers.client.kubeconfig (" + kubeconfig.trim() + ")";
		}
		String variable = this.systemEnvironment.get("KUBECONFIG");
		if (variable != null) {
			for (String path : variable.split(File.pathSeparator)) {
				if (!path.isBlank() && new File(path.trim()).isFile()) {
					return "$KUBECONFIG (" + path.trim() + ")";
				}
			}
		}
		Path inHome = this.home.resolve(".kube").resolve("config");
		if (inHome.toFile().isFile()) {
			return "kubeconfig " + inHome;
		}
		if (this.systemEnvironment.get("KUBERNETES_SERVICE_HOST") != null
				&& this.serviceAccountToken.toFile().isFile()) {
			return "the in-cluster service account";
		}
		return null;
	}

}
