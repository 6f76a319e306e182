package io.github.informer.handler;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import io.github.informer.annotation.EventType;
import org.jspecify.annotations.Nullable;

/**
 * Read-only, live view of one registered handler, for the actuator endpoint and metrics. Values are read without
 * locking and may be a moment apart from each other.
 */
public interface RegisteredHandler {

	/**
	 * The handler id ({@code beanName.methodName} unless the annotation sets one).
	 * @return the id
	 */
	String id();

	/**
	 * The name of the informer the handler is bound to.
	 * @return the informer name
	 */
	String informer();

	/**
	 * The method, as {@link java.lang.reflect.Method#toGenericString()}.
	 * @return the method
	 */
	String method();

	/**
	 * The event types the handler receives.
	 * @return the event types
	 */
	Set<EventType> events();

	/**
	 * The effective resync period ({@link Duration#ZERO} for none, always for handlers that do not receive
	 * {@code UPDATED} events).
	 * @return the resync period
	 */
	Duration resync();

	/**
	 * Events waiting for this handler, including the one being processed and the rest of a resync in progress.
	 * @return the queue depth
	 */
	long queued();

	/**
	 * Method calls that returned normally.
	 * @return the count
	 */
	long delivered();

	/**
	 * Method calls (or conditions) that threw; each went to the {@link InformerErrorHandler}.
	 * @return the count
	 */
	long failed();

	/**
	 * Events not passed to the method because of its {@code events} or {@code condition}.
	 * @return the count
	 */
	long skipped();

	/**
	 * Resync rounds completed for this handler.
	 * @return the count
	 */
	long resyncs();

	/**
	 * Total time spent in calls that returned normally.
	 * @return nanoseconds
	 */
	long deliveredNanos();

	/**
	 * Total time spent in calls that threw.
	 * @return nanoseconds
	 */
	long failedNanos();

	/**
	 * The last failure: exception class and message, never object contents.
	 * @return the last error, or {@code null} if none
	 */
	@Nullable String lastError();

	/**
	 * When the last failure happened.
	 * @return the instant, or {@code null} if none
	 */
	@Nullable Instant lastErrorAt();

	/**
	 * When the handler last finished processing an event.
	 * @return the instant, or {@code null} before the first event
	 */
	@Nullable Instant lastEventAt();

	/**
	 * How long the oldest event not yet finished has been waiting for this handler; zero when idle.
	 * @return the lag
	 */
	Duration lag();

	/**
	 * Whether the handler only runs while this replica leads: {@code @InformerHandler(leaderOnly = true)} with leader
	 * election on.
	 * @return whether it is gated by leadership
	 */
	default boolean leaderOnly() {
		return false;
	}

}
