package io.github.informer.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean method as a handler of an informer's events.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface InformerHandler {

	/**
	 * Name of the informer ({@code kubernetes.informers.resources.<name>}); empty to bind by parameter type.
	 * @return the informer name
	 */
	String informer() default "";

	/**
	 * Event types delivered to the method.
	 * @return the event types
	 */
	EventType[] events() default { EventType.ADDED, EventType.UPDATED, EventType.DELETED };

	/**
	 * SpEL condition evaluated per event; parameters are available by name.
	 * @return the condition, empty for none
	 */
	String condition() default "";

	/**
	 * Resync period as a duration string ({@code 30s}, {@code 10m}); {@code ${...}} placeholders allowed.
	 * @return the resync period, empty to inherit
	 */
	String resync() default "";

	/**
	 * Handler id; default {@code beanName.methodName}.
	 * @return the id
	 */
	String id() default "";

}
