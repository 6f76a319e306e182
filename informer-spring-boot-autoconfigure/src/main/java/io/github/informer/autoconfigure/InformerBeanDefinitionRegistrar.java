package io.github.informer.autoconfigure;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.informer.annotation.InformerHandler;
import io.github.informer.annotation.InformerHandlerMethods;
import io.github.informer.registry.InformerRegistry;
import io.github.informer.registry.InformerSpec;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.cache.Lister;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Registers the per-informer beans at bean-definition time, so they can be injected by generic type: for each informer
 * a {@code Lister<T>} and a {@code SharedIndexInformer<T>} bean with its generic target type and the informer's name as
 * qualifier. Binds {@code kubernetes.informers} early with {@link Binder} (configuration properties beans do not exist
 * yet) and validates it, so configuration mistakes fail before any bean is created. After every other bean definition
 * exists, scans bean classes for {@link InformerHandler} methods that name no informer and creates an informer for
 * each handled type nobody configured.
 */
public final class InformerBeanDefinitionRegistrar
		implements BeanDefinitionRegistryPostProcessor, EnvironmentAware, Ordered {

	/** Bean name of the {@link InformerDefinitions}. */
	public static final String DEFINITIONS_BEAN_NAME = "io.github.informer.autoconfigure.internalInformerDefinitions";

	private final InformerDefinitions definitions = new InformerDefinitions();

	private @Nullable Environment environment;

	private @Nullable InformerSpecResolver resolver;

	private final List<InformerSpec> configured = new ArrayList<>();

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		InformerProperties properties = new InformerProperties();
		if (this.environment != null) {
			InformerPropertyNames.verify(this.environment);
			properties = bind(this.environment);
		}
		InformerSpecResolver specResolver = new InformerSpecResolver(properties);
		specResolver.validateGlobalSettings();
		this.resolver = specResolver;
		RootBeanDefinition holder = new RootBeanDefinition(InformerDefinitions.class, () -> this.definitions);
		holder.setRole(RootBeanDefinition.ROLE_INFRASTRUCTURE);
		registry.registerBeanDefinition(DEFINITIONS_BEAN_NAME, holder);
		BeanFactory beanFactory = (BeanFactory) registry;
		for (InformerSpec spec : specResolver.resolveConfigured()) {
			this.configured.add(spec);
			this.definitions.add(spec);
			registerTypedBeans(registry, beanFactory, spec);
		}
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (this.resolver == null || !(beanFactory instanceof BeanDefinitionRegistry registry)) {
			return;
		}
		for (InformerSpec spec : this.resolver.resolveInferred(handledTypes(beanFactory), this.configured)) {
			this.definitions.add(spec);
			registerTypedBeans(registry, beanFactory, spec);
		}
	}

	private static InformerProperties bind(Environment environment) {
		try {
			return Binder.get(environment)
				.bind("kubernetes.informers", InformerProperties.class)
				.orElseGet(InformerProperties::new);
		}
		catch (BindException ex) {
			// Boot's own report says only "Update your application's configuration"; say what a valid value is
			Class<?> target = ex.getTarget().getType().resolve(Object.class);
			Object value = (ex.getProperty() != null) ? ex.getProperty().getValue() : null;
			String example = (target == Duration.class) ? "a duration such as 30s, 10m or PT1H"
					: "a " + target.getSimpleName();
			throw new InformerConfigurationException(ex.getName().toString(),
					"'" + value + "' is not " + example + " (" + rootMessage(ex) + ")", "Set it to " + example);
		}
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return String.valueOf(root.getMessage());
	}

	private static Set<Class<?>> handledTypes(ConfigurableListableBeanFactory beanFactory) {
		Set<Class<?>> types = new LinkedHashSet<>();
		for (String beanName : beanFactory.getBeanDefinitionNames()) {
			if (ScopedProxyUtils.isScopedTarget(beanName) || beanName.equals(DEFINITIONS_BEAN_NAME)) {
				continue;
			}
			Class<?> beanType;
			try {
				beanType = beanFactory.getType(beanName, false);
			}
			catch (RuntimeException | LinkageError ex) {
				continue;
			}
			if (beanType == null) {
				continue;
			}
			Class<?> userType = ClassUtils.getUserClass(beanType);
			if (!AnnotationUtils.isCandidateClass(userType, InformerHandler.class)) {
				continue;
			}
			Map<Method, InformerHandler> methods = MethodIntrospector.selectMethods(userType,
					(MethodIntrospector.MetadataLookup<InformerHandler>) (method) -> AnnotatedElementUtils
						.findMergedAnnotation(method, InformerHandler.class));
			methods.forEach((method, annotation) -> {
				if (annotation.informer().isEmpty()) {
					Class<?> handled = InformerHandlerMethods.objectType(method, userType);
					if (handled != null) {
						types.add(handled);
					}
				}
			});
		}
		return types;
	}

	private static void registerTypedBeans(BeanDefinitionRegistry registry, BeanFactory beanFactory,
			InformerSpec spec) {
		String name = spec.name();
		RootBeanDefinition lister = new RootBeanDefinition(Lister.class);
		lister.setTargetType(ResolvableType.forClassWithGenerics(Lister.class, spec.apiType()));
		lister.setInstanceSupplier(() -> beanFactory.getBean(InformerRegistry.class).informers().get(name).lister());
		lister.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
		registry.registerBeanDefinition(name + "Lister", lister);
		RootBeanDefinition informer = new RootBeanDefinition(SharedIndexInformer.class);
		informer.setTargetType(ResolvableType.forClassWithGenerics(SharedIndexInformer.class, spec.apiType()));
		informer.setInstanceSupplier(
				() -> beanFactory.getBean(InformerRegistry.class).informers().get(name).informer());
		informer.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
		// the registry owns the informer's lifecycle; no inferred destroy method
		informer.setDestroyMethodName(null);
		registry.registerBeanDefinition(name + "Informer", informer);
	}

}
