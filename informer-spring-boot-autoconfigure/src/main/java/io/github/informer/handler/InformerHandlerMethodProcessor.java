package io.github.informer.handler;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.github.informer.annotation.InformerHandler;
import io.github.informer.annotation.InformerHandlerMethods;
import io.github.informer.handler.InformerHandlerDefinitionException.Problem;
import io.github.informer.registry.Informers;
import io.github.informer.registry.ManagedInformer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedObject;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.Assert;

/**
 * Finds {@code @InformerHandler} methods on every bean (behind proxies too) once all singletons exist, validates all
 * of them, binds each to its informer, resolves its resync period, and registers one {@link HandlerEndpoint} per
 * method with {@link InformerHandlers}, which attaches them to their informers when those start, so the initial list
 * arrives as ADDED events. Modelled on Spring's {@code EventListenerMethodProcessor} (finding) and spring-kafka's
 * {@code KafkaListenerAnnotationBeanPostProcessor} (endpoints into a registry). Every mistake found is reported
 * together in one {@link InformerHandlerDefinitionException}.
 */
public class InformerHandlerMethodProcessor implements SmartInitializingSingleton, ApplicationContextAware {

	private static final Logger logger = LoggerFactory.getLogger(InformerHandlerMethodProcessor.class);

	private final Set<Class<?>> nonAnnotatedClasses = Collections.newSetFromMap(new ConcurrentHashMap<>(64));

	private @Nullable ConfigurableApplicationContext applicationContext;

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
		List<Problem> problems = new ArrayList<>();
		List<InformerHandlerMethod> methods = findHandlerMethods(context, problems);
		checkUniqueIds(methods, problems);
		Informers informers = context.getBean(Informers.class);
		HandlerResyncResolver resyncResolver = new HandlerResyncResolver(context.getEnvironment());
		problems.addAll(resyncResolver.unknownHandlerProperties(methods));
		Map<String, List<HandlerEndpoint>> byInformer = new LinkedHashMap<>();
		for (InformerHandlerMethod method : methods) {
			try {
				ManagedInformer<?> informer = InformerBinder.bind(method, informers);
				Duration resync = resyncResolver.resolve(method, informer.resync());
				byInformer.computeIfAbsent(informer.name(), (name) -> new ArrayList<>())
					.add(new HandlerEndpoint(method, informer.name(), resync));
			}
			catch (InformerHandlerDefinitionException ex) {
				problems.addAll(ex.getProblems());
			}
		}
		if (!problems.isEmpty()) {
			throw new InformerHandlerDefinitionException(problems);
		}
		InformerHandlers handlers = context.getBean(InformerHandlers.class);
		byInformer.values().forEach((endpoints) -> {
			endpoints.sort(Comparator.comparingInt((HandlerEndpoint endpoint) -> endpoint.method().order()));
			endpoints.forEach(handlers::register);
		});
	}

	private List<InformerHandlerMethod> findHandlerMethods(ConfigurableApplicationContext context,
			List<Problem> problems) {
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		List<InformerHandlerMethod> methods = new ArrayList<>();
		for (String beanName : beanFactory.getBeanNamesForType(Object.class)) {
			if (ScopedProxyUtils.isScopedTarget(beanName)) {
				continue;
			}
			Class<?> type = targetClass(beanFactory, beanName);
			if (type != null && ScopedObject.class.isAssignableFrom(type)) {
				type = targetClass(beanFactory, ScopedProxyUtils.getTargetBeanName(beanName));
			}
			if (type == null || this.nonAnnotatedClasses.contains(type)
					|| !AnnotationUtils.isCandidateClass(type, InformerHandler.class)) {
				continue;
			}
			Map<Method, InformerHandler> annotated = InformerHandlerMethods.find(type);
			if (annotated.isEmpty()) {
				this.nonAnnotatedClasses.add(type);
				continue;
			}
			for (Method method : annotated.keySet()) {
				try {
					methods.add(
							InformerHandlerMethod.of(beanName, type, method, beanFactory, context.getEnvironment()));
				}
				catch (InformerHandlerDefinitionException ex) {
					problems.addAll(ex.getProblems());
				}
			}
		}
		return methods;
	}

	private static @Nullable Class<?> targetClass(ConfigurableListableBeanFactory beanFactory, String beanName) {
		try {
			return AutoProxyUtils.determineTargetClass(beanFactory, beanName);
		}
		catch (Throwable ex) {
			// An unresolvable bean type, probably from a lazy bean: it cannot hold handlers we could call.
			logger.debug("Could not resolve target class for bean with name '" + beanName + "'", ex);
			return null;
		}
	}

	private static void checkUniqueIds(List<InformerHandlerMethod> methods, List<Problem> problems) {
		Map<String, List<InformerHandlerMethod>> byId = methods.stream()
			.collect(Collectors.groupingBy(InformerHandlerMethod::id, LinkedHashMap::new, Collectors.toList()));
		byId.forEach((id, sameId) -> {
			if (sameId.size() > 1) {
				String declarations = sameId.stream()
					.map(InformerHandlerMethod::description)
					.collect(Collectors.joining(" and "));
				problems.add(new Problem("Handler id '" + id + "' is used by " + declarations + ".",
						"Give each an explicit, unique @InformerHandler(id = \"...\"); ids key per-handler properties "
								+ "(kubernetes.informers.handlers.<id>.*), the endpoint and metrics."));
			}
		});
	}

}
