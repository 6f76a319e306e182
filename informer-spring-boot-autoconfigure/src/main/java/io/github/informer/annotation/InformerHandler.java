package io.github.informer.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method that receives the events of an informer.
 * <p>
 * Without {@link #informer()}, the informer is chosen by the handled type (the first parameter, or {@code T} of
 * {@code InformerEvent<T>}); when no informer of that type is configured, the starter creates one for it, watching all
 * namespaces, named after the resource plural ({@code pods}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface InformerHandler {

	/**
	 * The informer's name ({@code kubernetes.informers.resources.<name>}); empty to choose it by the handled type.
	 * @return the informer name
	 */
	String informer() default "";

	/**
	 * The event types delivered to this method.
	 * @return the event types
	 */
	EventType[] events() default { EventType.ADDED, EventType.UPDATED, EventType.DELETED };

	/**
	 * A SpEL condition on the method's parameters (by name); the method is invoked only when it is {@code true}.
	 * @return the condition, empty for always
	 */
	String condition() default "";

	/**
	 * How often every cached object is re-delivered as a resync {@code UPDATED} event ({@code 30s}, {@code 10m},
	 * {@code ${...}} allowed); empty for the resource's or the global default.
	 * @return the resync period
	 */
	String resync() default "";

	/**
	 * The handler's id, used for per-handler properties, logs and metrics; empty for {@code beanName.methodName}.
	 * @return the id
	 */
	String id() default "";

	/**
	 * Whether the method only runs on the elected leader ({@code kubernetes.informers.leader-election.enabled}).
	 * While this replica does not lead it gets no events; when it starts leading it receives the cache as ADDED
	 * events, then live events; when it stops leading no new call starts, a running call is interrupted, and writes
	 * from its thread through the auto-configured {@code ApiClient} are refused. Without leader election the method
	 * always runs.
	 * @return whether the handler is leader-only
	 */
	boolean leaderOnly() default false;

}
