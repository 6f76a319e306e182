package io.github.informer.handler;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

import io.github.informer.annotation.EventType;
import io.github.informer.annotation.InformerHandler;
import io.github.informer.client.HandlerTarget;
import io.kubernetes.client.common.KubernetesObject;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.OrderUtils;
import org.springframework.core.env.PropertyResolver;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * One {@code @InformerHandler} method, validated at startup: its signature, events, condition, resync and id, and how
 * to call it for an event: the {@link HandlerTarget} its informer's {@code HandlerWorker} calls. Modelled on Spring's
 * {@code ApplicationListenerMethodAdapter}.
 */
final class InformerHandlerMethod implements HandlerTarget<KubernetesObject> {

	private final String beanName;

	private final Method method;

	private final Method invocableMethod;

	private final String id;

	private final String informer;

	private final Set<EventType> events;

	private final HandlerSignature signature;

	private final Class<? extends KubernetesObject> objectType;

	private final @Nullable Expression condition;

	private final @Nullable Duration resync;

	private final int order;

	private final boolean leaderOnly;

	private final BeanFactory beanFactory;

	private final HandlerExpressionEvaluator evaluator;

	private volatile @Nullable Object bean;

	private InformerHandlerMethod(String beanName, Method method, Method invocableMethod,
			InformerHandler annotation, Set<EventType> events, HandlerSignature.Resolved resolved,
			@Nullable Expression condition, @Nullable Duration resync, BeanFactory beanFactory,
			HandlerExpressionEvaluator evaluator) {
		this.beanName = beanName;
		this.method = method;
		this.invocableMethod = invocableMethod;
		ReflectionUtils.makeAccessible(invocableMethod);
		this.id = StringUtils.hasText(annotation.id()) ? annotation.id().trim() : beanName + "." + method.getName();
		this.informer = annotation.informer().trim();
		this.events = Collections.unmodifiableSet(events);
		this.signature = resolved.signature();
		this.objectType = resolved.objectType();
		this.condition = condition;
		this.resync = resync;
		Integer declaredOrder = OrderUtils.getOrder(method);
		this.order = (declaredOrder != null) ? declaredOrder : Ordered.LOWEST_PRECEDENCE;
		this.leaderOnly = annotation.leaderOnly();
		this.beanFactory = beanFactory;
		this.evaluator = evaluator;
	}

	/**
	 * Validate an annotated method and create its adapter.
	 * @param beanName the bean declaring it
	 * @param targetClass the bean's user class (behind any proxy)
	 * @param method the annotated method, as declared on {@code targetClass}
	 * @param beanFactory the factory to obtain the bean (possibly a proxy) from and to resolve {@code @bean}
	 * references in conditions
	 * @param properties resolves {@code ${...}} in {@code resync}
	 * @return the adapter
	 * @throws InformerHandlerDefinitionException naming the method and the fix if anything is wrong
	 */
	public static InformerHandlerMethod of(String beanName, Class<?> targetClass, Method method,
			BeanFactory beanFactory, PropertyResolver properties) {
		InformerHandler annotation = AnnotatedElementUtils.findMergedAnnotation(method, InformerHandler.class);
		String name = HandlerMessages.describe(method);
		if (annotation == null) {
			throw new IllegalArgumentException(name + " is not annotated with @InformerHandler");
		}
		if (method.getReturnType() != void.class && method.getReturnType() != Void.class) {
			throw new InformerHandlerDefinitionException(
					name + " returns " + method.getGenericReturnType().getTypeName()
							+ "; handler return values would be silently ignored.",
					"Declare the method void.");
		}
		if (annotation.events().length == 0) {
			throw new InformerHandlerDefinitionException(name + " declares events = {}, so it would receive nothing.",
					"List at least one of ADDED, UPDATED, DELETED, or remove the events attribute to receive all.");
		}
		Set<EventType> events = EnumSet.copyOf(Arrays.asList(annotation.events()));
		HandlerSignature.Resolved resolved = HandlerSignature.resolve(method, targetClass, events);
		Method invocable = invocableMethod(name, method, beanFactory.getType(beanName));
		HandlerExpressionEvaluator evaluator = new HandlerExpressionEvaluator(beanFactory, method);
		Expression condition = parseCondition(name, annotation.condition(), evaluator);
		Duration resync = parseResync(name, annotation.resync(), properties);
		if (annotation.id().isBlank() && !annotation.id().isEmpty()) {
			String defaultId = beanName + "." + method.getName();
			throw new InformerHandlerDefinitionException(name + " declares a blank id.",
					"Remove the id attribute to use '" + defaultId + "', or set a non-blank id.");
		}
		return new InformerHandlerMethod(beanName, method, invocable, annotation, events, resolved,
				condition, resync, beanFactory, evaluator);
	}

	private static Method invocableMethod(String name, Method method, @Nullable Class<?> beanType) {
		if (beanType == null) {
			return method;
		}
		try {
			return AopUtils.selectInvocableMethod(method, beanType);
		}
		catch (IllegalStateException ex) {
			throw new InformerHandlerDefinitionException(
					name + " cannot be called through its bean's proxy: " + ex.getMessage(),
					"Make the method public, or declare it on the interface the proxy implements.");
		}
	}

	private static @Nullable Expression parseCondition(String name, String condition,
			HandlerExpressionEvaluator evaluator) {
		if (!StringUtils.hasText(condition)) {
			return null;
		}
		try {
			return evaluator.parse(condition);
		}
		catch (ParseException ex) {
			throw new InformerHandlerDefinitionException(
					name + " has a condition that is not valid SpEL: \"" + condition + "\": " + ex.getMessage(),
					"Fix the expression; parameters are available by name (for example #pod.metadata.namespace == "
							+ "'web'), the event as #root.event.");
		}
	}

	private static @Nullable Duration parseResync(String name, String resync, PropertyResolver properties) {
		if (!StringUtils.hasText(resync)) {
			return null;
		}
		String resolved;
		try {
			resolved = properties.resolveRequiredPlaceholders(resync).trim();
		}
		catch (IllegalArgumentException ex) {
			throw new InformerHandlerDefinitionException(
					name + " has resync = \"" + resync + "\" with a placeholder that cannot be resolved: "
							+ ex.getMessage(),
					"Define the property, or give the placeholder a default such as ${my.resync:30s}.");
		}
		if (resolved.isEmpty()) {
			return null;
		}
		Duration duration;
		try {
			duration = DurationStyle.detectAndParse(resolved);
		}
		catch (IllegalArgumentException ex) {
			String shown = resolved.equals(resync) ? "" : " (\"" + resolved + "\")";
			throw new InformerHandlerDefinitionException(
					name + " has resync = \"" + resync + "\"" + shown + ", which is not a duration.",
					"Use a duration such as 30s, 10m or PT1H, or 0s for no resync.");
		}
		if (duration.isNegative()) {
			throw new InformerHandlerDefinitionException(name + " has a negative resync = \"" + resync + "\".",
					"Use a positive duration such as 30s, or 0s for no resync.");
		}
		return duration;
	}

	/**
	 * Deliver an event of one of the method's {@link #events()}: apply the condition, then call the method. The
	 * worker applies the event-type filter, once, before calling this.
	 * @param event the event
	 * @return {@code true} if the method was called, {@code false} if the condition filtered the event out
	 * @throws Throwable whatever the method or the condition threw (unwrapped)
	 */
	@Override
	public boolean handle(InformerEvent<? extends KubernetesObject> event) throws Throwable {
		@Nullable Object[] args = this.signature.arguments(event);
		if (this.condition != null && !this.evaluator.matches(this.condition, event, args)) {
			return false;
		}
		Object target = getBean();
		try {
			this.invocableMethod.invoke(target, args);
			return true;
		}
		catch (InvocationTargetException ex) {
			throw ex.getTargetException();
		}
	}

	private Object getBean() {
		Object bean = this.bean;
		if (bean != null) {
			return bean;
		}
		bean = this.beanFactory.getBean(this.beanName);
		if (this.beanFactory.isSingleton(this.beanName)) {
			this.bean = bean;
		}
		return bean;
	}

	/**
	 * Whether the handler only runs while this replica leads ({@code @InformerHandler(leaderOnly = true)}).
	 * @return whether it is leader-only
	 */
	public boolean leaderOnly() {
		return this.leaderOnly;
	}

	/**
	 * Whether this handler wants events of a type.
	 * @param type the event type
	 * @return whether it is one of the annotation's {@code events}
	 */
	public boolean accepts(EventType type) {
		return this.events.contains(type);
	}

	/**
	 * The handler id: the annotation's {@code id}, else {@code beanName.methodName}.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	/**
	 * The annotated method, as declared on the bean's user class.
	 * @return the method
	 */
	public Method method() {
		return this.method;
	}

	/**
	 * The informer name the annotation asks for, empty to bind by type.
	 * @return the informer name or an empty string
	 */
	public String informer() {
		return this.informer;
	}

	/**
	 * The event types the method receives.
	 * @return the event types, never empty
	 */
	@Override
	public Set<EventType> events() {
		return this.events;
	}

	/**
	 * The Kubernetes object type the method takes.
	 * @return the object type
	 */
	public Class<? extends KubernetesObject> objectType() {
		return this.objectType;
	}

	/**
	 * The resync period from the annotation, placeholders resolved.
	 * @return the period, or {@code null} when the annotation leaves it to the properties
	 */
	public @Nullable Duration resync() {
		return this.resync;
	}

	/**
	 * The {@code @Order} value on the method, {@link Ordered#LOWEST_PRECEDENCE} without one.
	 * @return the order
	 */
	public int order() {
		return this.order;
	}

	/**
	 * How the endpoint shows this handler: the method's generic signature.
	 * @return {@link Method#toGenericString()}
	 */
	@Override
	public String displayName() {
		return this.method.toGenericString();
	}

	/**
	 * How startup messages name this method.
	 * @return {@code @InformerHandler method '<generic signature>'}
	 */
	public String description() {
		return HandlerMessages.describe(this.method);
	}

	@Override
	public String toString() {
		return this.id + " (" + this.method.toGenericString() + ")";
	}

}
