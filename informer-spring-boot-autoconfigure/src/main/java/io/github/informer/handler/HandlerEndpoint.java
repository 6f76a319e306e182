package io.github.informer.handler;

import java.time.Duration;

/**
 * What {@link InformerHandlerMethodProcessor} registers for one validated {@code @InformerHandler} method (the role
 * of spring-kafka's {@code KafkaListenerEndpoint}): the method, the informer it is bound to, and its effective resync
 * period. {@link InformerHandlers} attaches it to the informer when the informers start.
 *
 * @param method the validated method
 * @param informer the name of the informer it is bound to
 * @param resync its effective resync period ({@link HandlerResyncResolver}), {@link Duration#ZERO} for none
 */
record HandlerEndpoint(InformerHandlerMethod method, String informer, Duration resync) {

}
