package io.github.informer.autoconfigure;

import io.github.informer.registry.InformerSyncTimeoutException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports informers that did not sync in time (with {@code fail-on-timeout=true}): the API server tried, each
 * informer's state and last error, and what to check.
 */
class InformerSyncTimeoutFailureAnalyzer extends AbstractFailureAnalyzer<InformerSyncTimeoutException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InformerSyncTimeoutException cause) {
		String description = "Kubernetes informers did not sync within " + cause.getTimeout() + " from API server "
				+ cause.getApiServer() + ":" + System.lineSeparator() + "    "
				+ String.join(System.lineSeparator() + "    ", cause.getUnsynced());
		String action = "Check that " + cause.getApiServer() + " is reachable and that the credentials may list and "
				+ "watch these resources (kubectl auth can-i list <resource>); configure the API server with "
				+ "kubernetes.informers.client.url or kubernetes.informers.client.kubeconfig; raise "
				+ "kubernetes.informers.startup.sync-timeout; or set "
				+ "kubernetes.informers.startup.fail-on-timeout=false to start not ready and keep retrying.";
		return new FailureAnalysis(description, action, cause);
	}

}
