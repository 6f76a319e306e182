package io.github.informer.actuate;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.github.informer.client.WatchError;
import org.jspecify.annotations.Nullable;

/**
 * The last list or watch failure of an informer: the request and the API server's answer (for a 403, the RBAC
 * message naming the verb, resource and namespace).
 *
 * @param at when it happened
 * @param verb {@code list}, {@code watch} or {@code discovery}
 * @param resource the resource plural, with its group when not core
 * @param namespace the namespace, {@code null} for all namespaces or a cluster-scoped resource
 * @param code the HTTP status, {@code 0} when no response was received
 * @param reason the Kubernetes {@code Status} reason or the exception type
 * @param message the Kubernetes {@code Status} message or the exception message
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record WatchErrorDescriptor(String at, String verb, String resource, @Nullable String namespace, int code,
		String reason, String message) {

	static @Nullable WatchErrorDescriptor of(@Nullable WatchError error) {
		if (error == null) {
			return null;
		}
		return new WatchErrorDescriptor(error.at().toString(), error.verb(), error.resource(), error.namespace(),
				error.code(), error.reason(), error.message());
	}

}
