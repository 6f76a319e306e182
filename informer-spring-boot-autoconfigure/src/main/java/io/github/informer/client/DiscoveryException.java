package io.github.informer.client;

import java.util.List;
import java.util.Map;

import io.kubernetes.client.openapi.ApiException;

/**
 * API discovery answered, but not with what the informer needs: the group version is not served, the kind is not in
 * it, or a cluster-scoped resource is configured with namespaces. The loop reports it with the verb
 * {@code discovery} and retries it with backoff (a CustomResourceDefinition may be installed later).
 */
final class DiscoveryException extends ApiException {

	DiscoveryException(String message, int code, Map<String, List<String>> responseHeaders) {
		super(message, code, responseHeaders, null);
	}

}
