package io.github.informer.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.github.informer.registry.InformerRegistry;
import io.github.informer.registry.InformerSpec;
import io.github.informer.registry.ManagedInformer;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.cache.Lister;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The informers resolved at bean-definition time (configured, then inferred from handler parameter types), handed to
 * the {@code InformerRegistry} bean.
 * <p>
 * Every bean {@link InformerBeanDefinitionRegistrar} registers is created by a static factory method of this class
 * with plain argument values (names, class names), never by an instance supplier, because Spring AOT can generate
 * code for factory methods but not for lambdas. Which informers exist (their names and types) is fixed when the bean
 * definitions are registered: at startup, or at build time when the application is processed ahead of time. Their
 * settings (namespaces, selectors, resync, indexes, ...) are bound from the environment when the application runs,
 * as {@code @ConfigurationProperties} are.
 */
public final class InformerDefinitions {

	/**
	 * Bean definition attribute of the definitions bean holding the resolved {@code List<InformerSpec>}: read at build
	 * time by the AOT processor that registers runtime hints (attributes are not part of the generated code).
	 */
	public static final String SPECS_ATTRIBUTE = InformerDefinitions.class.getName() + ".specs";

	private final List<InformerSpec> specs;

	InformerDefinitions(List<InformerSpec> specs) {
		this.specs = List.copyOf(specs);
	}

	/**
	 * Return every informer spec, configured ones first.
	 * @return the specs
	 */
	public List<InformerSpec> specs() {
		return this.specs;
	}

	/**
	 * Factory method of the definitions bean: binds {@code kubernetes.informers} and resolves the informers whose
	 * beans were registered, failing when the configured resources are no longer those the beans were registered for
	 * (an application processed ahead of time and run with other resources).
	 * @param names every informer's name, configured ones first
	 * @param types the informers' model class names, in the same order
	 * @param inferred whether each informer was inferred from a handler's parameter type
	 * @param environment the environment to bind
	 * @param beanFactory the bean factory, for its class loader
	 * @return the definitions
	 */
	static InformerDefinitions resolve(String[] names, String[] types, boolean[] inferred, Environment environment,
			BeanFactory beanFactory) {
		ClassLoader classLoader = (beanFactory instanceof ConfigurableBeanFactory configurable)
				? configurable.getBeanClassLoader() : null;
		InformerSpecResolver resolver = InformerSpecResolver.of(environment);
		List<InformerSpec> configured = resolver.resolveConfigured();
		Map<String, String> expected = new LinkedHashMap<>();
		List<InformerSpec> specs = new ArrayList<>(configured);
		for (int i = 0; i < names.length; i++) {
			if (inferred[i]) {
				specs.add(resolver.inferred(names[i], modelType(types[i], classLoader)));
			}
			else {
				expected.put(names[i], types[i]);
			}
		}
		Map<String, String> actual = configured.stream()
			.collect(Collectors.toMap(InformerSpec::name, (spec) -> spec.apiType().getName(), (a, b) -> a,
					LinkedHashMap::new));
		if (!actual.equals(expected)) {
			throw new InformerConfigurationException("kubernetes.informers.resources",
					"the configured resources " + describe(actual) + " are not those the informer beans were "
							+ "registered for " + describe(expected) + " (the application was processed ahead of time "
							+ "with other resources)",
					"Build the application again with this configuration; with Spring AOT (spring.aot.enabled=true) "
							+ "the set of informers and their kinds are fixed at build time, their other settings "
							+ "(namespaces, selectors, resync, indexes) can still change at run time");
		}
		return new InformerDefinitions(specs);
	}

	/**
	 * Factory method of the {@code Lister<T>} bean of an informer.
	 * @param name the informer's name
	 * @param registry the registry owning the informer
	 * @return the informer's lister
	 */
	static Lister<?> lister(String name, InformerRegistry registry) {
		return managed(registry, name).lister();
	}

	/**
	 * Factory method of the {@code SharedIndexInformer<T>} bean of an informer.
	 * @param name the informer's name
	 * @param registry the registry owning the informer
	 * @return the informer
	 */
	static SharedIndexInformer<?> informer(String name, InformerRegistry registry) {
		return managed(registry, name).informer();
	}

	private static ManagedInformer<?> managed(InformerRegistry registry, String name) {
		ManagedInformer<?> informer = registry.informers().get(name);
		if (informer == null) {
			throw new IllegalStateException("The InformerRegistry bean has no informer '" + name + "'; known: "
					+ registry.informers().keySet() + ". A user-defined InformerRegistry must hold every informer of "
					+ "kubernetes.informers.resources and of the handlers (InformerDefinitions.specs())");
		}
		return informer;
	}

	@SuppressWarnings("unchecked")
	private static Class<? extends KubernetesObject> modelType(String className, @Nullable ClassLoader classLoader) {
		try {
			return (Class<? extends KubernetesObject>) ClassUtils.forName(className, classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			throw new IllegalStateException("Model class " + className + " of an informer inferred from a handler "
					+ "parameter type is not on the class path", ex);
		}
	}

	private static String describe(Map<String, String> informers) {
		return informers.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + " (" + ClassUtils.getShortName(entry.getValue()) + ")")
			.collect(Collectors.joining(", ", "[", "]"));
	}

}
