package io.github.informer.handler;

import org.jspecify.annotations.Nullable;

/**
 * The root object of an {@code @InformerHandler} condition, as Spring's {@code EventExpressionRootObject} is for
 * {@code @EventListener}: {@code #root.event} and {@code #root.args}, besides the parameters by name.
 *
 * @param event the event being delivered
 * @param args the arguments the method would be called with
 */
public record HandlerExpressionRootObject(InformerEvent<?> event, @Nullable Object[] args) {
}
