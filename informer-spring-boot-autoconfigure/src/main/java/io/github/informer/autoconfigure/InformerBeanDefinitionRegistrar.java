package io.github.informer.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.github.informer.annotation.InformerHandler;
import io.github.informer.annotation.InformerHandlerMethods;
import io.github.informer.controller.KubernetesReconciler;
import io.github.informer.controller.KubernetesReconcilerProcessor;
import io.github.informer.registry.InformerSpec;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.cache.Lister;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Registers the per-informer beans at bean-definition time, so they can be injected by generic type: for each informer
 * a {@code Lister<T>} and a {@code SharedIndexInformer<T>} bean with its generic target type and the informer's name as
 * qualifier. Binds {@code kubernetes.informers} early with {@link Binder} (configuration properties beans do not exist
 * yet) and validates it, so configuration mistakes fail before any bean is created. After every other bean definition
 * exists, scans bean classes for {@link InformerHandler} methods (and {@link KubernetesReconciler} classes) that name
 * no informer and creates an informer for each handled type nobody configured.
 * <p>
 * Spring AOT: every definition is a static factory method of {@link InformerDefinitions} with plain arguments, so
 * {@code spring-boot:process-aot} generates code for them. Being a {@link BeanFactoryInitializationAotProcessor}, this
 * post-processor is left out of the generated code: an application started with {@code -Dspring.aot.enabled=true}
 * gets the definitions registered at build time and does not register them again. Runtime hints are contributed by
 * {@code io.github.informer.aot.InformerAotProcessor}.
 */
public final class InformerBeanDefinitionRegistrar implements BeanDefinitionRegistryPostProcessor,
		BeanFactoryInitializationAotProcessor, EnvironmentAware, Ordered {

	/** Bean name of the {@link InformerDefinitions}. */
	public static final String DEFINITIONS_BEAN_NAME = "io.github.informer.autoconfigure.internalInformerDefinitions";

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
		InformerSpecResolver specResolver = (this.environment != null) ? InformerSpecResolver.of(this.environment)
				: new InformerSpecResolver(new InformerProperties());
		this.resolver = specResolver;
		for (InformerSpec spec : specResolver.resolveConfigured()) {
			this.configured.add(spec);
			registerTypedBeans(registry, spec);
		}
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (this.resolver == null || !(beanFactory instanceof BeanDefinitionRegistry registry)) {
			return;
		}
		List<InformerSpec> specs = new ArrayList<>(this.configured);
		for (InformerSpec spec : this.resolver.resolveInferred(handledTypes(beanFactory), this.configured)) {
			specs.add(spec);
			registerTypedBeans(registry, spec);
		}
		registry.registerBeanDefinition(DEFINITIONS_BEAN_NAME, definitionsBean(specs));
	}

	/**
	 * Contributes nothing: implemented so that AOT processing leaves this post-processor out of the generated code.
	 * @param beanFactory the bean factory
	 * @return {@code null}
	 */
	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		return null;
	}

	private static RootBeanDefinition definitionsBean(List<InformerSpec> specs) {
		String[] names = new String[specs.size()];
		String[] types = new String[specs.size()];
		boolean[] inferred = new boolean[specs.size()];
		for (int i = 0; i < specs.size(); i++) {
			names[i] = specs.get(i).name();
			types[i] = specs.get(i).apiType().getName();
			inferred[i] = specs.get(i).inferred();
		}
		RootBeanDefinition definition = factoryMethodBean("resolve", names, types, inferred);
		definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
		definition.setAttribute(InformerDefinitions.SPECS_ATTRIBUTE, List.copyOf(specs));
		return definition;
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
			Class<?> reconciled = reconciledType(userType);
			if (reconciled != null) {
				types.add(reconciled);
			}
			InformerHandlerMethods.find(userType).forEach((method, annotation) -> {
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

	/**
	 * The {@code T} of a {@code @KubernetesReconciler} that names no informer, so that an informer exists for it.
	 */
	private static @Nullable Class<?> reconciledType(Class<?> type) {
		KubernetesReconciler reconciler = AnnotatedElementUtils.findMergedAnnotation(type, KubernetesReconciler.class);
		if (reconciler == null || !reconciler.informer().isEmpty()) {
			return null;
		}
		return KubernetesReconcilerProcessor.reconciledType(type);
	}

	private static void registerTypedBeans(BeanDefinitionRegistry registry, InformerSpec spec) {
		String name = spec.name();
		RootBeanDefinition lister = factoryMethodBean("lister", name);
		lister.setTargetType(ResolvableType.forClassWithGenerics(Lister.class, spec.apiType()));
		lister.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
		registry.registerBeanDefinition(name + "Lister", lister);
		// the registry owns the informer's lifecycle: no destroy method
		RootBeanDefinition informer = factoryMethodBean("informer", name);
		informer.setTargetType(ResolvableType.forClassWithGenerics(SharedIndexInformer.class, spec.apiType()));
		informer.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
		registry.registerBeanDefinition(name + "Informer", informer);
	}

	/**
	 * A bean made by a static factory method of {@link InformerDefinitions}: the given arguments first, the remaining
	 * parameters autowired, as for a {@code @Bean} method.
	 */
	private static RootBeanDefinition factoryMethodBean(String factoryMethod, Object... arguments) {
		RootBeanDefinition definition = new RootBeanDefinition(InformerDefinitions.class);
		definition.setFactoryMethodName(factoryMethod);
		definition.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
		for (int i = 0; i < arguments.length; i++) {
			definition.getConstructorArgumentValues().addIndexedArgumentValue(i, arguments[i]);
		}
		return definition;
	}

}
