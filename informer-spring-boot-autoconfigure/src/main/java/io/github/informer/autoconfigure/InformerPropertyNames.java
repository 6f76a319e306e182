package io.github.informer.autoconfigure;

import java.beans.PropertyDescriptor;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Fails on an unknown key anywhere under {@code kubernetes.informers}: Spring Boot ignores unknown properties, so a
 * typo such as {@code client.read-timout} or {@code resources.pods.label-selecter} would silently fall back to the
 * default. The known keys are derived from {@link InformerProperties} itself (nested groups, maps of groups keyed by
 * name, maps and lists of values), so a property added to that class is known without a change here.
 * <p>
 * A map of groups is keyed by one name element, as Spring Boot binds it ({@code resources.pods.kind},
 * {@code resources[web.pods].kind}), except {@code handlers}: handler ids contain a dot ({@code podAuditor.onPod}),
 * and the handler machinery reads {@code handlers.pod-auditor.on-pod.resync} by id, so there the key is whatever
 * leaves a known property after it (unknown ids are reported by the handler machinery, naming the known ids).
 * Environment variables are not checked: their names cannot tell a map key's dashes from nesting.
 */
final class InformerPropertyNames {

	static final String PREFIX = "kubernetes.informers";

	private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of(PREFIX);

	/** Maps of groups whose keys may span several name elements. */
	private static final Set<String> DOTTED_KEYS = Set.of(PREFIX + ".handlers");

	private static final Map<Class<?>, Group> GROUPS = new ConcurrentHashMap<>();

	private static final Group PROPERTIES = group(InformerProperties.class);

	private InformerPropertyNames() {
	}

	/**
	 * Check every property under {@code kubernetes.informers} against the known keys.
	 * @param environment the environment
	 * @throws InformerConfigurationException naming the first unknown key and the known keys of its group
	 */
	static void verify(Environment environment) {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (!(source instanceof IterableConfigurationPropertySource iterable)
					|| source.getUnderlyingSource() instanceof SystemEnvironmentPropertySource) {
				continue;
			}
			iterable.filter(ROOT::isAncestorOf).stream().sorted().forEach(InformerPropertyNames::verify);
		}
	}

	private static void verify(ConfigurationPropertyName name) {
		Unknown unknown = PROPERTIES.unknown(name, ROOT.getNumberOfElements(), PREFIX);
		if (unknown != null) {
			String property = unknown.parent() + "." + name.getElement(unknown.index(), Form.ORIGINAL);
			if (unknown.group().names().isEmpty()) {
				throw new InformerConfigurationException(property, "is not a known property",
						unknown.parent() + " takes a value and has no properties below it; set " + unknown.parent()
								+ " itself");
			}
			String element = name.getElement(unknown.index(), Form.UNIFORM);
			String suggestion = unknown.group().closest(element);
			throw new InformerConfigurationException(property, "is not a known property",
					((suggestion != null) ? "Did you mean " + unknown.parent() + "." + suggestion + "? " : "")
							+ "Use one of " + String.join(", ", unknown.group().names()) + " under "
							+ unknown.parent());
		}
	}

	/** Where a name stops matching: the element at {@code index} is not a property of {@code group}. */
	private record Unknown(Group group, String parent, int index) {
	}

	/** The bindable properties of one class, by their uniform name (lowercase, no dashes). */
	private static final class Group {

		private final Map<String, Property> properties;

		private final Set<String> names = new TreeSet<>();

		Group(Class<?> type) {
			Map<String, Property> found = new TreeMap<>();
			if (type.isRecord()) {
				for (RecordComponent component : type.getRecordComponents()) {
					add(found, component.getName(), ResolvableType.forType(component.getGenericType()));
				}
			}
			else {
				for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
					if (descriptor.getReadMethod() != null && !descriptor.getName().equals("class")) {
						add(found, descriptor.getName(), ResolvableType.forMethodReturnType(descriptor.getReadMethod()));
					}
				}
			}
			this.properties = Collections.unmodifiableMap(found);
		}

		private void add(Map<String, Property> found, String name, ResolvableType type) {
			String kebab = DataObjectPropertyName.toDashedForm(name);
			found.put(uniform(kebab), new Property(kebab, type));
			this.names.add(kebab);
		}

		Collection<String> names() {
			return this.names;
		}

		/**
		 * Find the first element of {@code name}, from {@code index}, that is not a known property.
		 * @return {@code null} when the whole name is known
		 */
		@Nullable Unknown unknown(ConfigurationPropertyName name, int index, String parent) {
			if (index >= name.getNumberOfElements()) {
				return null;
			}
			Property property = this.properties.get(name.getElement(index, Form.UNIFORM));
			if (property == null) {
				return new Unknown(this, parent, index);
			}
			return property.unknown(name, index + 1, parent + "." + property.name());
		}

		/** The known name fewest edits (at most two) away from the given uniform element, for "did you mean". */
		@Nullable String closest(String element) {
			String closest = null;
			int best = 3;
			for (Map.Entry<String, Property> entry : this.properties.entrySet()) {
				int distance = distance(entry.getKey(), element);
				if (distance < best) {
					best = distance;
					closest = entry.getValue().name();
				}
			}
			return closest;
		}

	}

	/** One property: a value, a nested group, a map or a list. */
	private record Property(String name, ResolvableType type) {

		@Nullable Unknown unknown(ConfigurationPropertyName name, int index, String path) {
			if (index >= name.getNumberOfElements()) {
				return null;
			}
			Class<?> raw = this.type.resolve(Object.class);
			if (Map.class.isAssignableFrom(raw)) {
				Class<?> valueType = this.type.asMap().getGeneric(1).resolve(Object.class);
				if (!isGroup(valueType)) {
					// a map of values: the rest of the name is the key (it may contain dots)
					return null;
				}
				Group values = group(valueType);
				if (!DOTTED_KEYS.contains(path)) {
					return values.unknown(name, index + 1, path + "." + name.getElement(index, Form.ORIGINAL));
				}
				// the longest key that leaves a known property after it; if none does, report the last element
				Unknown last = null;
				for (int end = index + 1; end < name.getNumberOfElements(); end++) {
					Unknown unknown = values.unknown(name, end, path + "." + key(name, index, end));
					if (unknown == null) {
						return null;
					}
					last = unknown;
				}
				return last;
			}
			if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
				Class<?> elementType = raw.isArray() ? raw.getComponentType()
						: this.type.asCollection().getGeneric(0).resolve(Object.class);
				if (!name.isNumericIndex(index) || !isGroup(elementType)) {
					// a comma-separated value, or elements by index
					return (name.isNumericIndex(index) && index + 1 == name.getNumberOfElements()) ? null
							: new Unknown(group(Leaf.class), path, index);
				}
				return group(elementType).unknown(name, index + 1, path + "[" + name.getElement(index, Form.ORIGINAL)
						+ "]");
			}
			if (isGroup(raw)) {
				return group(raw).unknown(name, index, path);
			}
			// a value has nothing below it
			return new Unknown(group(Leaf.class), path, index);
		}

		private static String key(ConfigurationPropertyName name, int from, int to) {
			StringBuilder key = new StringBuilder();
			for (int i = from; i < to; i++) {
				key.append((i > from) ? "." : "").append(name.getElement(i, Form.ORIGINAL));
			}
			return key.toString();
		}

	}

	/** A value property: no property is known below it. */
	private static final class Leaf {

	}

	private static Group group(Class<?> type) {
		return GROUPS.computeIfAbsent(type, Group::new);
	}

	/**
	 * Groups are this starter's own classes with properties; everything else (String, Duration, Class, enums) is a
	 * value.
	 */
	private static boolean isGroup(Class<?> type) {
		return !type.isEnum() && !type.isInterface() && type != Leaf.class
				&& type.getName().startsWith("io.github.informer.") && !group(type).names().isEmpty();
	}

	private static String uniform(String kebab) {
		return kebab.replace("-", "").toLowerCase(Locale.ROOT);
	}

	private static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}

}
