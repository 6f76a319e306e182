package io.github.informer.client;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The last failure of a list/watch loop, as shown by the endpoint and health: what was requested and what the API
 * server (or the network) answered.
 *
 * @param at when it happened
 * @param verb {@code list}, {@code watch} or {@code discovery}
 * @param resource the resource plural, with its group when not core ({@code deployments.apps})
 * @param namespace the namespace, {@code null} for all namespaces or a cluster-scoped resource
 * @param code the HTTP status, {@code 0} when no response was received
 * @param reason the Kubernetes {@code Status} reason ({@code Forbidden}, {@code Expired}) or the exception type
 * @param message the Kubernetes {@code Status} message or the exception message
 */
public record WatchError(Instant at, String verb, String resource, @Nullable String namespace, int code, String reason,
		String message) {

	/**
	 * A one-line description for logs and health details.
	 * @return the description
	 */
	public String describe() {
		String where = (this.namespace != null) ? " in namespace " + this.namespace : "";
		String status = (this.code != 0) ? this.code + " " + this.reason : this.reason;
		return this.verb + " " + this.resource + where + " failed: " + status + ": " + this.message;
	}

}
