package io.github.informer.controller;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.github.informer.autoconfigure.InformerConfigurationException;
import io.github.informer.autoconfigure.InformerProperties;
import io.github.informer.leader.LeadershipGrantedEvent;
import io.github.informer.leader.LeadershipRevokedEvent;
import io.github.informer.registry.InformerRegistry;
import io.github.informer.registry.Informers;
import io.github.informer.registry.ManagedInformer;
import io.kubernetes.client.common.KubernetesObject;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.Assert;

/**
 * Finds {@link KubernetesReconciler @KubernetesReconciler} beans (as Spring Kafka finds class-level
 * {@code @KafkaListener}s), validates them with their {@code kubernetes.informers.controllers.<name>} settings, binds
 * each to its informers and subscribes to them before the informers start; then runs the controllers as a
 * {@link SmartLifecycle} just after the informer registry, and gates leader-only controllers on the leadership events.
 * <p>
 * Leader election off ({@code kubernetes.informers.leader-election.enabled} not {@code true}): every controller runs.
 * On: leader-only controllers start their workers on {@link LeadershipGrantedEvent}, enqueueing every cached primary
 * key, and on {@link LeadershipRevokedEvent} stop starting reconciles and interrupt running ones before the listener
 * returns (waiting at most {@link #REVOKE_WAIT} for them).
 */
public class KubernetesReconcilerProcessor
		implements SmartInitializingSingleton, ApplicationContextAware, SmartLifecycle,
		ApplicationListener<ApplicationEvent> {

	/** Starts after the informer registry (which waits for sync), stops before it. */
	public static final int PHASE = InformerRegistry.PHASE + 1;

	/** How long a revocation waits for interrupted reconciles to end. */
	static final Duration REVOKE_WAIT = Duration.ofSeconds(5);

	private static final String PREFIX = "kubernetes.informers.controllers";

	private static final Logger logger = LoggerFactory.getLogger(KubernetesReconcilerProcessor.class);

	private final Controllers controllers = new Controllers();

	private final InformerProperties properties;

	private final boolean leaderElection;

	private final RateLimiter.Clock clock;

	private @Nullable ConfigurableApplicationContext applicationContext;

	private volatile boolean running;

	private volatile boolean leader;

	/**
	 * Create the processor.
	 * @param properties the bound {@code kubernetes.informers} properties
	 * @param leaderElection whether {@code kubernetes.informers.leader-election.enabled} is true
	 */
	public KubernetesReconcilerProcessor(InformerProperties properties, boolean leaderElection) {
		this(properties, leaderElection, RateLimiter.Clock.SYSTEM);
	}

	KubernetesReconcilerProcessor(InformerProperties properties, boolean leaderElection, RateLimiter.Clock clock) {
		this.properties = properties;
		this.leaderElection = leaderElection;
		this.clock = clock;
	}

	/**
	 * Return the controllers (filled once every singleton exists).
	 * @return the controllers
	 */
	public Controllers controllers() {
		return this.controllers;
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) throws BeansException {
		Assert.isInstanceOf(ConfigurableApplicationContext.class, applicationContext,
				"ApplicationContext does not implement ConfigurableApplicationContext");
		this.applicationContext = (ConfigurableApplicationContext) applicationContext;
	}

	@Override
	public void afterSingletonsInstantiated() {
		ConfigurableApplicationContext context = this.applicationContext;
		Assert.state(context != null, "No ApplicationContext set");
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		Informers informers = context.getBean(Informers.class);
		Map<String, String> declarations = new LinkedHashMap<>();
		List<Controller<?>> created = new ArrayList<>();
		for (String beanName : beanFactory.getBeanNamesForType(Object.class)) {
			if (ScopedProxyUtils.isScopedTarget(beanName)) {
				continue;
			}
			Class<?> type = targetClass(beanFactory, beanName);
			KubernetesReconciler annotation = (type != null)
					? AnnotatedElementUtils.findMergedAnnotation(type, KubernetesReconciler.class) : null;
			if (type == null || annotation == null) {
				continue;
			}
			String name = annotation.name().isEmpty() ? beanName : annotation.name();
			String where = "@KubernetesReconciler '" + name + "' on " + type.getName() + " (bean '" + beanName + "')";
			String previous = declarations.put(name, where);
			if (previous != null) {
				throw new InformerConfigurationException(where,
						"has the same controller name as " + previous
								+ "; names key kubernetes.informers.controllers.<name>, the endpoint and metrics",
						"Give each a unique @KubernetesReconciler(name = \"...\")");
			}
			created.add(create(name, where, type, annotation, beanFactory.getBean(beanName), informers));
		}
		checkUnknownProperties(declarations.keySet());
		for (Controller<?> controller : created) {
			controller.subscribe();
			this.controllers.add(controller);
		}
	}

	private Controller<?> create(String name, String where, Class<?> type, KubernetesReconciler annotation,
			Object bean, Informers informers) {
		if (!(bean instanceof Reconciler<?> reconciler)) {
			throw new InformerConfigurationException(where, "does not implement " + Reconciler.class.getName(),
					"Implement Reconciler<T> with T the primary objects' type, for example Reconciler<V1Pod>");
		}
		Class<?> objectType = reconciledType(type);
		ManagedInformer<?> primary = primary(where, annotation.informer(), objectType, informers);
		List<ManagedInformer<?>> owned = new ArrayList<>();
		for (String owns : new LinkedHashSet<>(List.of(annotation.owns()))) {
			if (!informers.names().contains(owns)) {
				throw new InformerConfigurationException(where,
						"owns informer '" + owns + "', which does not exist; known informers: " + sorted(informers),
						"Set owns to known informer names, or configure kubernetes.informers.resources." + owns);
			}
			owned.add(informers.get(owns));
		}
		ControllerSettings settings = settings(name, annotation);
		return newController(name, reconciler, primary, owned, settings);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private Controller<?> newController(String name, Reconciler<?> reconciler, ManagedInformer<?> primary,
			List<ManagedInformer<?>> owned, ControllerSettings settings) {
		return new Controller(name, reconciler, primary, owned, settings, this.clock);
	}

	/**
	 * Return the {@code T} of a reconciler class's {@code Reconciler<T>}, for binding and for creating an informer
	 * for {@code T} when none is configured.
	 * @param type the reconciler class
	 * @return {@code T}, or {@code null} when the class does not implement {@code Reconciler} or leaves {@code T}
	 * unresolved
	 */
	public static @Nullable Class<?> reconciledType(Class<?> type) {
		ResolvableType reconciler = ResolvableType.forClass(type).as(Reconciler.class);
		return (reconciler == ResolvableType.NONE) ? null : reconciler.getGeneric(0).resolve();
	}

	private static ManagedInformer<?> primary(String where, String informerName, @Nullable Class<?> objectType,
			Informers informers) {
		if (!informerName.isEmpty()) {
			if (!informers.names().contains(informerName)) {
				throw new InformerConfigurationException(where,
						"names informer '" + informerName + "', which does not exist; known informers: "
								+ sorted(informers),
						"Set informer to one of the known names, configure kubernetes.informers.resources."
								+ informerName + ", or remove the informer attribute to bind by Reconciler<T>");
			}
			ManagedInformer<?> informer = informers.get(informerName);
			if (objectType != null && !objectType.isAssignableFrom(informer.apiType())) {
				throw new InformerConfigurationException(where,
						"implements Reconciler<" + objectType.getName() + "> but informer '" + informerName
								+ "' holds " + informer.apiType().getName(),
						"Implement Reconciler<" + informer.apiType().getSimpleName() + ">, or set informer to one "
								+ "holding " + objectType.getSimpleName());
			}
			return informer;
		}
		if (objectType == null || objectType == KubernetesObject.class) {
			throw new InformerConfigurationException(where,
					"does not say which objects it reconciles (Reconciler's T is not resolvable)",
					"Implement Reconciler<T> with a concrete T such as V1Pod, or set @KubernetesReconciler(informer = "
							+ "\"...\") to one of " + sorted(informers));
		}
		List<ManagedInformer<?>> candidates = informers.names()
			.stream()
			.<ManagedInformer<?>>map(informers::get)
			.filter((informer) -> informer.apiType() == objectType)
			.toList();
		if (candidates.size() == 1) {
			return candidates.get(0);
		}
		if (candidates.isEmpty()) {
			throw new InformerConfigurationException(where,
					"reconciles " + objectType.getName() + ", and no informer holds that type",
					"Configure kubernetes.informers.resources.<name> (api-version and kind) for it, or set "
							+ "@KubernetesReconciler(informer = \"...\") to one of " + sorted(informers));
		}
		List<String> names = candidates.stream().map(ManagedInformer::name).sorted().toList();
		throw new InformerConfigurationException(where,
				"reconciles " + objectType.getName() + ", which several informers hold: " + names,
				"Choose one with @KubernetesReconciler(informer = \"" + names.get(0) + "\")");
	}

	private static List<String> sorted(Informers informers) {
		return informers.names().stream().sorted().toList();
	}

	private ControllerSettings settings(String name, KubernetesReconciler annotation) {
		String key = propertyKey(name);
		InformerProperties.Controller configured = (key != null) ? this.properties.getControllers().get(key)
				: new InformerProperties.Controller();
		String property = PREFIX + "." + ((key != null) ? key : kebab(name));
		int workers = (configured.getWorkers() != null) ? configured.getWorkers()
				: (annotation.workers() != 0) ? annotation.workers() : 1;
		if (workers < 1) {
			String source = (configured.getWorkers() != null) ? property + ".workers"
					: "@KubernetesReconciler(workers) of '" + name + "'";
			throw new InformerConfigurationException(source, "is " + workers + ", but at least one worker is needed",
					"Set it to 1 or more");
		}
		nonNegative(property + ".base-delay", configured.getBaseDelay());
		nonNegative(property + ".max-delay", configured.getMaxDelay());
		nonNegative(property + ".resync", configured.getResync());
		nonNegative(property + ".reconcile-timeout", configured.getReconcileTimeout());
		if (configured.getMaxDelay().compareTo(configured.getBaseDelay()) < 0) {
			throw new InformerConfigurationException(property + ".max-delay",
					"(" + configured.getMaxDelay() + ") is shorter than base-delay (" + configured.getBaseDelay() + ")",
					"Set max-delay to at least base-delay");
		}
		if (!(configured.getQps() > 0) || Double.isInfinite(configured.getQps())) {
			throw new InformerConfigurationException(property + ".qps",
					"is " + configured.getQps() + ", but retries need a positive rate",
					"Set it above 0, for example 10 (client-go's default)");
		}
		if (configured.getBurst() < 1) {
			throw new InformerConfigurationException(property + ".burst",
					"is " + configured.getBurst() + ", but the token bucket must hold at least one token",
					"Set it to 1 or more, for example 100 (client-go's default)");
		}
		if (configured.getMaxRetries() < 0) {
			throw new InformerConfigurationException(property + ".max-retries",
					"is " + configured.getMaxRetries() + ", but must not be negative",
					"Set it to 0 (retry forever) or a positive number of attempts");
		}
		return new ControllerSettings(workers, configured.getBaseDelay(), configured.getMaxDelay(),
				configured.getQps(), configured.getBurst(), configured.getMaxRetries(), configured.getResync(),
				configured.getReconcileTimeout(), annotation.leaderOnly());
	}

	private static void nonNegative(String property, Duration value) {
		if (value.isNegative()) {
			throw new InformerConfigurationException(property, "is negative (" + value + ")",
					"Use a duration of zero or more, such as 5ms or 30s");
		}
	}

	private @Nullable String propertyKey(String name) {
		Map<String, InformerProperties.Controller> configured = this.properties.getControllers();
		for (String candidate : List.of(name, kebab(name))) {
			if (configured.containsKey(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	private void checkUnknownProperties(Set<String> names) {
		Set<String> known = new LinkedHashSet<>();
		names.forEach((name) -> {
			known.add(name);
			known.add(kebab(name));
		});
		for (String key : this.properties.getControllers().keySet()) {
			if (!known.contains(key)) {
				throw new InformerConfigurationException(PREFIX + "." + key,
						"configures no controller; the controllers are " + names,
						"Use the name of a @KubernetesReconciler (its name attribute, by default its bean name)");
			}
		}
	}

	private static String kebab(String name) {
		return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	private static @Nullable Class<?> targetClass(ConfigurableListableBeanFactory beanFactory, String beanName) {
		try {
			return AutoProxyUtils.determineTargetClass(beanFactory, beanName);
		}
		catch (Throwable ex) {
			// an unresolvable bean type (a lazy bean, probably): it cannot be a reconciler we could call
			logger.debug("Could not resolve target class for bean with name '{}'", beanName, ex);
			return null;
		}
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (!this.leaderElection) {
			return;
		}
		if (event instanceof LeadershipGrantedEvent) {
			this.leader = true;
			for (Controller<?> controller : this.controllers.all()) {
				if (controller.settings().leaderOnly()) {
					controller.activate();
				}
			}
		}
		else if (event instanceof LeadershipRevokedEvent) {
			this.leader = false;
			List<Controller<?>> leaderOnly = this.controllers.all()
				.stream()
				.filter((controller) -> controller.settings().leaderOnly())
				.toList();
			leaderOnly.forEach(Controller::beginDeactivate);
			long deadline = System.nanoTime() + REVOKE_WAIT.toNanos();
			for (Controller<?> controller : leaderOnly) {
				if (!controller.awaitDeactivated(deadline)) {
					logger.warn("Leadership lost, but reconciles of controller '{}' did not end within {} of being "
							+ "interrupted (a reconciler that ignores interruption?)", controller.name(), REVOKE_WAIT);
				}
			}
		}
	}

	@Override
	public void start() {
		if (this.running) {
			return;
		}
		this.running = true;
		for (Controller<?> controller : this.controllers.all()) {
			controller.start();
			if (!this.leaderElection || !controller.settings().leaderOnly() || this.leader) {
				controller.activate();
			}
		}
	}

	@Override
	public void stop() {
		this.running = false;
		long deadline = System.nanoTime() + this.properties.getStartup().getShutdownTimeout().toNanos();
		this.controllers.all().forEach(Controller::beginStop);
		this.controllers.all().forEach((controller) -> controller.awaitStop(deadline));
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	/**
	 * Not pauseable: controllers keep running while a test context is paused, like the informers they read (see
	 * {@code InformerRegistry}).
	 */
	@Override
	public boolean isPauseable() {
		return false;
	}

}
