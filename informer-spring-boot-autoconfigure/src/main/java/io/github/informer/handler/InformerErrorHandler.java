package io.github.informer.handler;

/**
 * Receives what an {@code @InformerHandler} method threw. Delivery to that handler and every other continues
 * whatever this does; define a bean of this type to replace the default, which logs the handler id and the object
 * key.
 */
@FunctionalInterface
public interface InformerErrorHandler {

	/**
	 * Handle one failed delivery. Called on the handler's own thread; exceptions thrown here are logged and
	 * ignored.
	 * @param handlerId the handler's id
	 * @param event the event whose delivery failed
	 * @param exception what the handler method (or its condition) threw
	 */
	void handleError(String handlerId, InformerEvent<?> event, Throwable exception);

}
