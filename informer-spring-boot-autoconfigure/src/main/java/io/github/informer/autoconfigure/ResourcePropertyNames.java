package io.github.informer.autoconfigure;

import java.beans.PropertyDescriptor;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Fails on an unknown key under {@code kubernetes.informers.resources.<name>}. Spring Boot ignores unknown properties,
 * so a typo such as {@code label-selecter} would silently watch every object. Environment variables are not checked
 * (their names cannot tell a map key's dashes from nesting).
 */
final class ResourcePropertyNames {

	private static final ConfigurationPropertyName RESOURCES = ConfigurationPropertyName
		.of("kubernetes.informers.resources");

	/** Uniform form (lowercase, no dashes) to kebab-case, from the properties class itself. */
	private static final Map<String, String> KNOWN = known();

	private ResourcePropertyNames() {
	}

	/**
	 * Check every property under {@code kubernetes.informers.resources.<name>} against the known keys.
	 * @param environment the environment
	 * @throws InformerConfigurationException naming the first unknown key and the known ones
	 */
	static void verify(Environment environment) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)
					|| source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource) {
				continue;
			}
			iterable.filter(RESOURCES::isAncestorOf).stream().forEach(ResourcePropertyNames::verify);
		}
	}

	private static void verify(ConfigurationPropertyName name) {
		int depth = RESOURCES.getNumberOfElements();
		if (name.getNumberOfElements() <= depth + 1) {
			return;
		}
		String key = name.getElement(depth + 1, Form.UNIFORM);
		if (!KNOWN.containsKey(key)) {
			String resource = name.getElement(depth, Form.ORIGINAL);
			String property = RESOURCES + "." + resource + "." + name.getElement(depth + 1, Form.ORIGINAL);
			throw new InformerConfigurationException(property, "is not a known property of an informer resource",
					"Use one of " + String.join(", ", KNOWN.values()) + " under " + RESOURCES + "." + resource);
		}
	}

	private static Map<String, String> known() {
		Map<String, String> known = new TreeMap<>();
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(InformerProperties.Resource.class)) {
			if (descriptor.getWriteMethod() != null) {
				String dashed = dashed(descriptor.getName());
				known.put(dashed.replace("-", ""), dashed);
			}
		}
		return known;
	}

	private static String dashed(String camelCase) {
		StringBuilder dashed = new StringBuilder();
		for (char c : camelCase.toCharArray()) {
			if (Character.isUpperCase(c)) {
				dashed.append('-').append(Character.toLowerCase(c));
			}
			else {
				dashed.append(c);
			}
		}
		return dashed.toString();
	}

}
