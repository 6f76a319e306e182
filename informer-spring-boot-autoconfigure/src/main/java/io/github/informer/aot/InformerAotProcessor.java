package io.github.informer.aot;

import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.informer.annotation.InformerHandler;
import io.github.informer.annotation.InformerHandlerMethods;
import io.github.informer.autoconfigure.InformerBeanDefinitionRegistrar;
import io.github.informer.autoconfigure.InformerDefinitions;
import io.github.informer.handler.HandlerExpressionRootObject;
import io.github.informer.registry.InformerSpec;
import io.kubernetes.client.common.KubernetesObject;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Contributes the runtime hints of what an application declares, found at build time in its bean factory:
 * <ul>
 * <li>the model class of every informer (configured or inferred) and of every bean whose type has a Kubernetes model
 * type argument ({@code Lister<V1Pod>}, {@code SharedIndexInformer<V1Pod>}, a {@code Reconciler<V1Deployment>}, or
 * any bean registered the same way), with the model types they contain ({@link KubernetesModelHints});</li>
 * <li>every {@code @InformerHandler} method (invoked reflectively) and the property paths of its condition, typed by
 * the method's parameters;</li>
 * <li>the property paths of every index expression, typed by the informer's model class.</li>
 * </ul>
 * Registered in {@code META-INF/spring/aot.factories}.
 */
class InformerAotProcessor implements BeanFactoryInitializationAotProcessor {

	private static final ParameterNameDiscoverer PARAMETER_NAMES = new DefaultParameterNameDiscoverer();

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		Set<Class<?>> models = new LinkedHashSet<>();
		Map<Class<?>, Map<Method, InformerHandler>> handlers = new LinkedHashMap<>();
		for (String beanName : beanFactory.getBeanDefinitionNames()) {
			ResolvableType beanType = beanType(beanFactory, beanName);
			if (beanType == null) {
				continue;
			}
			collectModelTypes(beanType, models, new LinkedHashSet<>());
			Class<?> userClass = ClassUtils.getUserClass(beanType.toClass());
			Map<Method, InformerHandler> methods = InformerHandlerMethods.find(userClass);
			if (!methods.isEmpty()) {
				handlers.put(userClass, methods);
			}
		}
		List<InformerSpec> specs = specs(beanFactory);
		specs.forEach((spec) -> models.add(spec.apiType()));
		if (models.isEmpty() && handlers.isEmpty()) {
			return null;
		}
		return (generationContext, code) -> register(generationContext.getRuntimeHints(), models, handlers, specs);
	}

	private static void register(RuntimeHints hints, Set<Class<?>> models,
			Map<Class<?>, Map<Method, InformerHandler>> handlers, List<InformerSpec> specs) {
		ReflectionHints reflection = hints.reflection();
		models.forEach((model) -> KubernetesModelHints.register(reflection, model));
		handlers.forEach((userClass, methods) -> methods.forEach((method, annotation) -> {
			reflection.registerMethod(method, ExecutableMode.INVOKE);
			Class<?> handled = InformerHandlerMethods.objectType(method, userClass);
			if (handled != null && KubernetesObject.class.isAssignableFrom(handled)) {
				KubernetesModelHints.register(reflection, handled);
			}
			if (StringUtils.hasText(annotation.condition())) {
				ExpressionPathHints.register(reflection, annotation.condition(),
						ResolvableType.forClass(HandlerExpressionRootObject.class), variables(method, userClass));
			}
		}));
		for (InformerSpec spec : specs) {
			spec.indexes()
				.values()
				.forEach((expression) -> ExpressionPathHints.register(reflection, expression,
						ResolvableType.forClass(spec.apiType()), Map.of()));
		}
	}

	/** The variables of a handler condition: parameters by name, {@code #a0}, {@code #p0}. */
	private static Map<String, ResolvableType> variables(Method method, Class<?> userClass) {
		Map<String, ResolvableType> variables = new HashMap<>();
		@Nullable String[] names = PARAMETER_NAMES.getParameterNames(method);
		for (int i = 0; i < method.getParameterCount(); i++) {
			ResolvableType type = ResolvableType.forMethodParameter(method, i, userClass);
			variables.put("a" + i, type);
			variables.put("p" + i, type);
			if (names != null && names[i] != null) {
				variables.put(names[i], type);
			}
		}
		return variables;
	}

	@SuppressWarnings("unchecked")
	private static List<InformerSpec> specs(ConfigurableListableBeanFactory beanFactory) {
		if (!beanFactory.containsBeanDefinition(InformerBeanDefinitionRegistrar.DEFINITIONS_BEAN_NAME)) {
			return List.of();
		}
		Object specs = beanFactory.getBeanDefinition(InformerBeanDefinitionRegistrar.DEFINITIONS_BEAN_NAME)
			.getAttribute(InformerDefinitions.SPECS_ATTRIBUTE);
		return (specs instanceof List<?> list) ? (List<InformerSpec>) list : List.of();
	}

	private static @Nullable ResolvableType beanType(ConfigurableListableBeanFactory beanFactory, String beanName) {
		try {
			ResolvableType type = RegisteredBean.of(beanFactory, beanName).getBeanType();
			return (type.resolve() != null) ? type : null;
		}
		catch (RuntimeException | LinkageError ex) {
			// a bean whose type cannot be resolved at build time (an optional class missing) holds no model type
			return null;
		}
	}

	/** Every Kubernetes model type among the type arguments of a type, its superclasses and interfaces. */
	private static void collectModelTypes(ResolvableType type, Set<Class<?>> models, Set<Class<?>> visited) {
		Class<?> raw = type.resolve();
		if (raw == null || raw == Object.class || !visited.add(raw)) {
			return;
		}
		for (ResolvableType generic : type.getGenerics()) {
			Class<?> argument = generic.resolve();
			if (argument != null && KubernetesObject.class.isAssignableFrom(argument)
					&& argument != KubernetesObject.class) {
				models.add(argument);
			}
		}
		collectModelTypes(type.getSuperType(), models, visited);
		for (ResolvableType implemented : type.getInterfaces()) {
			collectModelTypes(implemented, models, visited);
		}
	}

}
