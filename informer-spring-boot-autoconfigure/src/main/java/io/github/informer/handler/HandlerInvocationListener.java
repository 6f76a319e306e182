package io.github.informer.handler;

import org.jspecify.annotations.Nullable;

/**
 * Told about every handler method call, on the handler's thread; lets metrics record timings with percentiles.
 * Beans of this type are picked up by {@link InformerHandlers}. Implementations must be fast and must not throw.
 */
@FunctionalInterface
public interface HandlerInvocationListener {

	/**
	 * A handler method returned or threw.
	 * @param handler the handler
	 * @param event the event delivered
	 * @param nanos how long the call took
	 * @param exception what it threw, or {@code null} on success
	 */
	void invoked(RegisteredHandler handler, InformerEvent<?> event, long nanos,
			@Nullable Throwable exception);

}
