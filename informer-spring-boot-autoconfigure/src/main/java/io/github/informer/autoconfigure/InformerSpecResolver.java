package io.github.informer.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.informer.client.BuiltInKinds;
import io.github.informer.client.FieldPruner;
import io.github.informer.client.ListStrategy;
import io.github.informer.client.ResourceType;
import io.github.informer.client.Selectors;
import io.github.informer.registry.InformerSpec;
import io.github.informer.registry.SpelIndexFunction;
import io.github.informer.decoder.DecoderType;
import io.kubernetes.client.apimachinery.GroupVersion;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.expression.ParseException;

/**
 * Turns {@link InformerProperties} into validated {@link InformerSpec}s, failing with an
 * {@link InformerConfigurationException} that names the property, the problem and the fix. Built-in kinds resolve to
 * client-java's model classes through {@link BuiltInKinds} (no API server needed); a kind in a
 * built-in API group with no model class is a mistake; a kind in any other group is a custom resource, cached as
 * {@link DynamicKubernetesObject} unless a {@code model} class is configured.
 */
final class InformerSpecResolver {

	private static final String PREFIX = "kubernetes.informers";

	private static final Pattern VERSION = Pattern.compile("v[0-9]+((alpha|beta)[0-9]+)?");

	private static final Pattern GROUP = Pattern
		.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

	private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

	private final InformerProperties properties;

	InformerSpecResolver(InformerProperties properties) {
		this.properties = properties;
	}

	/**
	 * Bind {@code kubernetes.informers} from an environment (with {@link Binder}: configuration properties beans do
	 * not exist yet when bean definitions are registered), rejecting unknown resource keys and invalid global
	 * settings.
	 * @param environment the environment
	 * @return a resolver of the bound properties
	 */
	static InformerSpecResolver of(Environment environment) {
		InformerPropertyNames.verify(environment);
		InformerSpecResolver resolver = new InformerSpecResolver(bind(environment));
		resolver.validateGlobalSettings();
		return resolver;
	}

	private static InformerProperties bind(Environment environment) {
		try {
			return Binder.get(environment)
				.bind(PREFIX, InformerProperties.class)
				.orElseGet(InformerProperties::new);
		}
		catch (BindException ex) {
			// Boot's own report says only "Update your application's configuration"; say what a valid value is
			Class<?> target = ex.getTarget().getType().resolve(Object.class);
			Object value = (ex.getProperty() != null) ? ex.getProperty().getValue() : null;
			String example = (target == Duration.class) ? "a duration such as 30s, 10m or PT1H"
					: target.isEnum() ? "one of " + enumValues(target) : "a " + target.getSimpleName();
			throw new InformerConfigurationException(ex.getName().toString(),
					"'" + value + "' is not " + example + " (" + rootMessage(ex) + ")", "Set it to " + example);
		}
	}

	/** An enum's values as written in properties: {@code watch-list} for {@code WATCH_LIST}. */
	private static String enumValues(Class<?> type) {
		List<String> values = new ArrayList<>();
		for (Object constant : type.getEnumConstants()) {
			values.add(((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'));
		}
		return String.join(", ", values);
	}

	private static String rootMessage(Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return String.valueOf(root.getMessage());
	}

	/**
	 * Validate the global settings ({@code list-page-size}, durations, handler overrides).
	 */
	void validateGlobalSettings() {
		nonNegative(PREFIX + ".resync", this.properties.getResync());
		nonNegative(PREFIX + ".client.token-refresh", this.properties.getClient().getTokenRefresh());
		nonNegative(PREFIX + ".client.read-timeout", this.properties.getClient().getReadTimeout());
		nonNegative(PREFIX + ".startup.sync-timeout", this.properties.getStartup().getSyncTimeout());
		nonNegative(PREFIX + ".startup.shutdown-timeout", this.properties.getStartup().getShutdownTimeout());
		nonNegative(PREFIX + ".health.list-failure-threshold", this.properties.getHealth().getListFailureThreshold());
		Duration initial = this.properties.getBackoff().getInitialDelay();
		Duration max = this.properties.getBackoff().getMaxDelay();
		if (initial == null || initial.isNegative() || initial.isZero()) {
			throw new InformerConfigurationException(PREFIX + ".backoff.initial-delay",
					"must be positive, got " + initial, "Set a positive duration such as 1s");
		}
		if (max == null || max.compareTo(initial) < 0) {
			throw new InformerConfigurationException(PREFIX + ".backoff.max-delay",
					"must be at least backoff.initial-delay (" + initial + "), got " + max,
					"Set a duration of at least " + initial + ", such as 30s");
		}
		if (this.properties.getListPageSize() < 0) {
			throw new InformerConfigurationException(PREFIX + ".list-page-size",
					"must not be negative, got " + this.properties.getListPageSize(),
					"Set a page size such as 500, or 0 to list in one request");
		}
		namespaces(PREFIX + ".namespaces", this.properties.getNamespaces());
		this.properties.getHandlers()
			.forEach((id, handler) -> nonNegative(PREFIX + ".handlers[" + id + "].resync", handler.getResync()));
	}

	/**
	 * Resolve every configured informer.
	 * @return the specs, in configuration order
	 */
	List<InformerSpec> resolveConfigured() {
		List<InformerSpec> specs = new ArrayList<>();
		this.properties.getResources().forEach((name, resource) -> specs.add(resolve(name, resource)));
		return specs;
	}

	private InformerSpec resolve(String name, InformerProperties.Resource resource) {
		String property = PREFIX + ".resources." + name;
		String apiVersion = resource.getApiVersion();
		String kind = resource.getKind();
		if (apiVersion == null || apiVersion.isBlank()) {
			throw new InformerConfigurationException(property + ".api-version", "is not set",
					"Set the resource's group/version, for example v1 for Pod or apps/v1 for Deployment");
		}
		if (kind == null || kind.isBlank()) {
			throw new InformerConfigurationException(property + ".kind", "is not set",
					"Set the resource's kind, for example Pod or Deployment");
		}
		apiVersion = apiVersion.trim();
		kind = kind.trim();
		GroupVersion groupVersion = parseGroupVersion(apiVersion);
		String group = (groupVersion != null) ? groupVersion.getGroup() : "";
		String version = (groupVersion != null) ? groupVersion.getVersion() : "";
		if (groupVersion == null || !VERSION.matcher(version).matches()
				|| (!group.isEmpty() && !GROUP.matcher(group).matches())) {
			throw new InformerConfigurationException(property + ".api-version",
					"'" + apiVersion + "' is not a group/version",
					"Use a version such as v1, or group/version such as apps/v1 or example.com/v1alpha1");
		}
		Class<? extends KubernetesObject> apiType = resolveType(property, group, version, kind, resource.getModel());
		List<String> namespaces = namespaces(property + ".namespaces", resource.getNamespaces());
		if (namespaces.isEmpty() && resource.getNamespaces() == null && !BuiltInKinds.isClusterScoped(group, kind)) {
			namespaces = namespaces(PREFIX + ".namespaces", this.properties.getNamespaces());
		}
		if (!namespaces.isEmpty() && BuiltInKinds.isClusterScoped(group, kind)) {
			throw new InformerConfigurationException(property + ".namespaces",
					kind + " is cluster-scoped, so it cannot be watched per namespace",
					"Remove " + property + ".namespaces");
		}
		String labelSelector = selector(property + ".label-selector", resource.getLabelSelector(), true);
		String fieldSelector = selector(property + ".field-selector", resource.getFieldSelector(), false);
		Duration resync = (resource.getResync() != null) ? resource.getResync() : this.properties.getResync();
		nonNegative(property + ".resync", resync);
		List<String> prune = List.copyOf(resource.getPrune());
		for (int i = 0; i < prune.size(); i++) {
			try {
				FieldPruner.compile(apiType, List.of(prune.get(i)));
			}
			catch (IllegalArgumentException ex) {
				throw problemAndFix(property + ".prune[" + i + "]", ex.getMessage(), "Use a dotted path of JSON field "
						+ "names that exists on " + apiType.getSimpleName() + ", such as status.containerStatuses");
			}
		}
		Map<String, String> indexes = indexes(property, resource.getIndexes());
		String plural = (resource.getPlural() != null && !resource.getPlural().isBlank())
				? resource.getPlural().trim() : null;
		DecoderType decoder = (resource.getDecoder() != null) ? resource.getDecoder() : this.properties.getDecoder();
		ListStrategy listStrategy = (resource.getListStrategy() != null) ? resource.getListStrategy()
				: this.properties.getListStrategy();
		return new InformerSpec(name, apiVersion, kind, apiType, plural, namespaces, labelSelector, fieldSelector,
				resync, prune, indexes, false, decoder, listStrategy);
	}

	/**
	 * Create the informers that handlers need but nobody configured: one per handled type with no configured
	 * informer of that type, all namespaces (or the global default namespaces), named after the resource plural, in
	 * the order of their class names.
	 * Types several configured informers have, and types client-java has no built-in kind for, are left to the
	 * handler machinery to report.
	 * @param handledTypes the types handler methods take
	 * @param configured the configured informers
	 * @return the inferred specs
	 */
	List<InformerSpec> resolveInferred(Collection<Class<?>> handledTypes, List<InformerSpec> configured) {
		Set<String> names = new LinkedHashSet<>();
		configured.forEach((spec) -> names.add(spec.name()));
		List<InformerSpec> inferred = new ArrayList<>();
		// reflection returns methods in no fixed order: sort so that names and order are stable
		List<Class<?>> types = handledTypes.stream().distinct().sorted(Comparator.comparing(Class::getName)).toList();
		for (Class<?> type : types) {
			if (!KubernetesObject.class.isAssignableFrom(type) || type == DynamicKubernetesObject.class
					|| configured.stream().anyMatch((spec) -> spec.apiType() == type)
					|| inferred.stream().anyMatch((spec) -> spec.apiType() == type)) {
				continue;
			}
			BuiltInKinds.Kind builtIn = BuiltInKinds.of(type);
			if (builtIn == null) {
				continue;
			}
			String name = ResourceType.guessPlural(builtIn.kind());
			if (names.contains(name)) {
				name = name + "-" + builtIn.apiVersion().replace('/', '-').replace('.', '-');
			}
			names.add(name);
			@SuppressWarnings("unchecked")
			Class<? extends KubernetesObject> apiType = (Class<? extends KubernetesObject>) type;
			inferred.add(inferred(name, apiType));
		}
		return inferred;
	}

	/**
	 * Create the spec of an informer inferred from a handler parameter type: all namespaces (or the global default
	 * namespaces), global resync.
	 * @param name the informer's name
	 * @param apiType a built-in model class
	 * @return the spec
	 */
	InformerSpec inferred(String name, Class<? extends KubernetesObject> apiType) {
		BuiltInKinds.Kind builtIn = BuiltInKinds.of(apiType);
		if (builtIn == null) {
			throw new IllegalStateException(apiType.getName() + " is not a built-in Kubernetes model");
		}
		List<String> namespaces = BuiltInKinds.isClusterScoped(builtIn.group(), builtIn.kind()) ? List.of()
				: this.properties.getNamespaces();
		return new InformerSpec(name, builtIn.apiVersion(), builtIn.kind(), apiType, null, namespaces, null, null,
				this.properties.getResync(), List.of(), Map.of(), true, this.properties.getDecoder(),
				this.properties.getListStrategy());
	}

	@SuppressWarnings("unchecked")
	private static Class<? extends KubernetesObject> resolveType(String property, String group, String version,
			String kind, @Nullable Class<? extends KubernetesObject> model) {
		if (model != null) {
			if (!KubernetesObject.class.isAssignableFrom(model)) {
				throw new InformerConfigurationException(property + ".model",
						model.getName() + " does not implement " + KubernetesObject.class.getName(),
						"Use a class implementing KubernetesObject, or remove the property to use "
								+ "DynamicKubernetesObject");
			}
			return model;
		}
		Class<? extends KubernetesObject> builtIn = BuiltInKinds.model(group, version, kind);
		if (builtIn != null) {
			return builtIn;
		}
		if (BuiltInKinds.isBuiltInGroup(group)) {
			String apiVersion = group.isEmpty() ? version : group + "/" + version;
			throw new InformerConfigurationException(property + ".kind",
					"client-java has no model for kind '" + kind + "' in " + apiVersion,
					suggestion(kind, apiVersion));
		}
		return DynamicKubernetesObject.class;
	}

	private static String suggestion(String kind, String apiVersion) {
		for (String candidate : new LinkedHashSet<>(List.of(kind, singular(kind)))) {
			List<BuiltInKinds.Kind> matches = BuiltInKinds.named(candidate);
			if (!matches.isEmpty()) {
				String where = String.join(", ", matches.stream().map(BuiltInKinds.Kind::apiVersion).toList());
				return "Did you mean kind '" + matches.get(0).kind() + "' with api-version " + where
						+ "? Kinds are singular and case-sensitive";
			}
		}
		return "Check the kind's spelling (singular, case-sensitive, such as Pod) and the api-version (such as apps/v1 "
				+ "for Deployment); " + apiVersion + " is a built-in API group, so custom resources cannot use it";
	}

	private static String capitalize(String kind) {
		return kind.isEmpty() ? kind : kind.substring(0, 1).toUpperCase(Locale.ROOT) + kind.substring(1);
	}

	private static String singular(String kind) {
		String capitalized = capitalize(kind);
		if (capitalized.endsWith("ies")) {
			return capitalized.substring(0, capitalized.length() - 3) + "y";
		}
		if (capitalized.endsWith("ses")) {
			return capitalized.substring(0, capitalized.length() - 2);
		}
		return capitalized.endsWith("s") ? capitalized.substring(0, capitalized.length() - 1) : capitalized;
	}

	private static List<String> namespaces(String property, @Nullable List<String> namespaces) {
		if (namespaces == null) {
			return List.of();
		}
		Set<String> unique = new LinkedHashSet<>();
		for (int i = 0; i < namespaces.size(); i++) {
			String namespace = (namespaces.get(i) != null) ? namespaces.get(i).trim() : "";
			if (!NAMESPACE.matcher(namespace).matches()) {
				throw new InformerConfigurationException(property + "[" + i + "]",
						"'" + namespace + "' is not a namespace name",
						"Use lowercase letters, digits and '-' (at most 63 characters), or remove it to watch all "
								+ "namespaces");
			}
			unique.add(namespace);
		}
		return List.copyOf(unique);
	}

	private static @Nullable String selector(String property, @Nullable String selector, boolean label) {
		if (selector == null) {
			return null;
		}
		try {
			if (label) {
				Selectors.validateLabelSelector(selector);
			}
			else {
				Selectors.validateFieldSelector(selector);
			}
		}
		catch (IllegalArgumentException ex) {
			throw problemAndFix(property, ex.getMessage(), "Fix the selector syntax");
		}
		return selector.trim();
	}

	/**
	 * A validation message of the form {@code problem; fix} as the exception naming the property; split at the last
	 * {@code "; "}, since a problem may quote kube-apiserver's selector message, which joins its parts with it.
	 */
	private static InformerConfigurationException problemAndFix(String property, String message, String defaultFix) {
		int fix = message.lastIndexOf("; ");
		return new InformerConfigurationException(property, (fix > 0) ? message.substring(0, fix) : message,
				(fix > 0) ? capitalize(message.substring(fix + 2)) : defaultFix);
	}

	private static Map<String, String> indexes(String property, Map<String, String> indexes) {
		Map<String, String> resolved = new LinkedHashMap<>();
		indexes.forEach((name, expression) -> {
			String indexProperty = property + ".indexes." + name;
			if (name.equals("namespace")) {
				throw new InformerConfigurationException(indexProperty, "'namespace' is the built-in namespace index",
						"Choose another index name; the namespace index is always present");
			}
			if (expression == null || expression.isBlank()) {
				throw new InformerConfigurationException(indexProperty, "has no expression",
						"Set a SpEL expression on the object, such as spec.nodeName or metadata.labels['app']");
			}
			try {
				new SpelIndexFunction<>(expression);
			}
			catch (ParseException | IllegalStateException ex) {
				throw new InformerConfigurationException(indexProperty,
						"'" + expression + "' is not a valid SpEL expression: " + ex.getMessage(),
						"Use a SpEL expression on the object, such as spec.nodeName or metadata.labels['app']");
			}
			resolved.put(name, expression);
		});
		return resolved;
	}

	private static void nonNegative(String property, @Nullable Duration duration) {
		if (duration != null && duration.isNegative()) {
			throw new InformerConfigurationException(property, "must not be negative, got " + duration,
					"Use a positive duration such as 30s or 10m, or 0");
		}
	}

	private static @Nullable GroupVersion parseGroupVersion(String apiVersion) {
		try {
			return InformerSpec.groupVersion(apiVersion);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
