package io.github.informer.handler;

/**
 * Told about every {@code @InformerHandler} once {@link InformerHandlers} has attached it to its informer, before
 * the informer lists, so meters per handler exist from its first event whatever order beans were created in (the
 * role of spring-kafka's {@code ConsumerFactory.Listener}). Beans of this type are picked up by
 * {@link InformerHandlers}.
 */
@FunctionalInterface
public interface HandlerRegistrationListener {

	/**
	 * A handler was attached to its informer.
	 * @param handler the live view of the handler
	 */
	void registered(RegisteredHandler handler);

}
