package io.github.informer.client;

import java.util.Set;

import io.github.informer.annotation.EventType;
import io.github.informer.handler.InformerEvent;
import io.kubernetes.client.common.KubernetesObject;

/**
 * What a {@link HandlerWorker} calls for each event it takes from its queue: an {@code @InformerHandler} method
 * ({@code handler.InformerHandlerMethod}), or a plain {@code ResourceEventHandler} added with
 * {@code addEventHandler}. The worker owns the thread, the queue and the statistics; a target only handles.
 *
 * @param <T> the object type
 */
public interface HandlerTarget<T extends KubernetesObject> {

	/**
	 * The event types the target receives; the worker skips (and counts) the others without calling it.
	 * @return the event types
	 */
	Set<EventType> events();

	/**
	 * What the target is, for the endpoint: a method's generic signature, or a plain handler's {@code toString()}.
	 * @return the description
	 */
	String displayName();

	/**
	 * Handle one event of a type in {@link #events()}.
	 * @param event the event
	 * @return {@code true} if it was handled, {@code false} if the target filtered it out (a {@code condition})
	 * @throws Throwable whatever handling threw; the worker counts it and passes it to its error handler
	 */
	boolean handle(InformerEvent<? extends T> event) throws Throwable;

}
