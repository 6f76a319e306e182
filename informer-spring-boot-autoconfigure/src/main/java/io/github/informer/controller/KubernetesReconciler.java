package io.github.informer.controller;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean class implementing {@link Reconciler} as a controller: keys of its primary informer's objects (and of
 * the controller owners of its {@link #owns()} informers' objects) go through a de-duplicating, rate-limited work
 * queue to {@link Reconciler#reconcile}. Found on beans of any kind, as Spring Kafka finds a class-level
 * {@code @KafkaListener}; settings under {@code kubernetes.informers.controllers.<name>.*} override the attributes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface KubernetesReconciler {

	/**
	 * The controller's name: the key of its properties ({@code kubernetes.informers.controllers.<name>}), the
	 * endpoint and the {@code controller} metric tag. Default: the bean name.
	 * @return the name
	 */
	String name() default "";

	/**
	 * The primary informer's name. Default: the one informer whose type is the reconciler's {@code T} (created for
	 * it, with all namespaces, when none is configured and {@code T} is a built-in kind).
	 * @return the informer name
	 */
	String informer() default "";

	/**
	 * Informers of owned objects: a change to one enqueues its controller owner (the {@code ownerReference} with
	 * {@code controller: true} whose group and kind are the primary's).
	 * @return the informer names
	 */
	String[] owns() default {};

	/**
	 * How many keys are reconciled at once; {@code kubernetes.informers.controllers.<name>.workers} overrides it.
	 * Default (0): the property, else 1.
	 * @return the number of workers
	 */
	int workers() default 0;

	/**
	 * Whether the controller runs only on the leader when {@code kubernetes.informers.leader-election.enabled} is
	 * true; without leader election every controller runs.
	 * @return whether leader-only
	 */
	boolean leaderOnly() default true;

}
