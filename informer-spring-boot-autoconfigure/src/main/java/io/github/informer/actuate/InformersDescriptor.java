package io.github.informer.actuate;

import java.util.Map;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The body of {@code GET /actuator/informers}.
 *
 * @param informers every informer by name, in configuration order
 * @param controllers every {@code @KubernetesReconciler} controller by name
 */
public record InformersDescriptor(Map<String, InformerDescriptor> informers,
		Map<String, ControllerDescriptor> controllers) implements OperationResponseBody {

	/**
	 * The body without controllers.
	 * @param informers every informer by name
	 */
	public InformersDescriptor(Map<String, InformerDescriptor> informers) {
		this(informers, Map.of());
	}

}
