package io.github.informer.actuate;

import java.util.Map;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;

/**
 * The body of {@code GET /actuator/informers}.
 *
 * @param informers every informer by name, in configuration order
 */
public record InformersDescriptor(Map<String, InformerDescriptor> informers) implements OperationResponseBody {

}
