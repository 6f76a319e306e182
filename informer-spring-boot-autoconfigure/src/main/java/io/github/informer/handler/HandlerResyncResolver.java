package io.github.informer.handler;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.github.informer.annotation.EventType;
import io.github.informer.annotation.InformerHandler;
import io.github.informer.handler.InformerHandlerDefinitionException.Problem;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.Environment;

/**
 * Resolves a handler's effective resync period: {@code kubernetes.informers.handlers.<id>.resync} &gt; the
 * annotation's {@code resync} &gt; the informer's resync (its resource's, else the global default).
 * <p>
 * The property is looked up per handler id directly rather than through a {@code Map} of handlers, because ids contain
 * a dot ({@code podAuditor.onPod}) that map binding would split; {@code handlers.pod-auditor.on-pod.resync},
 * {@code handlers[pod-auditor.on-pod].resync} and {@code handlers[podAuditor.onPod].resync} all work.
 */
final class HandlerResyncResolver {

	private static final ConfigurationPropertyName HANDLERS = ConfigurationPropertyName
		.of("kubernetes.informers.handlers");

	private final Environment environment;

	private final Binder binder;

	HandlerResyncResolver(Environment environment) {
		this.environment = environment;
		this.binder = Binder.get(environment);
	}

	/**
	 * Find {@code kubernetes.informers.handlers.<id>.*} properties whose id matches no handler, which would otherwise
	 * be silently ignored (a typo, or a handler that was renamed).
	 * @param methods every handler method
	 * @return one problem per unknown id
	 */
	List<Problem> unknownHandlerProperties(List<InformerHandlerMethod> methods) {
		Set<String> known = new HashSet<>();
		methods.forEach((method) -> known.add(normalize(method.id())));
		List<String> ids = methods.stream().map(InformerHandlerMethod::id).sorted().toList();
		Map<String, ConfigurationPropertyName> unknown = new TreeMap<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream().filter(HANDLERS::isAncestorOf).forEach((name) -> {
					String key = handlerKey(name);
					if (key != null && !known.contains(normalize(key))) {
						unknown.putIfAbsent(key, name);
					}
				});
			}
		}
		List<Problem> problems = new ArrayList<>();
		unknown.forEach((key, name) -> problems.add(new Problem("Property '" + name + "' configures handler '" + key
				+ "', but no @InformerHandler has that id; known ids: " + ids + ".",
				"Use one of the known ids (kebab case, or verbatim in brackets: "
						+ "kubernetes.informers.handlers[<id>].resync), or remove the property.")));
		return problems;
	}

	private static @Nullable String handlerKey(ConfigurationPropertyName name) {
		int first = HANDLERS.getNumberOfElements();
		int last = name.getNumberOfElements() - 1;
		if (last <= first) {
			return null;
		}
		StringBuilder key = new StringBuilder();
		for (int i = first; i < last; i++) {
			key.append((i > first) ? "." : "").append(name.getElement(i, ConfigurationPropertyName.Form.ORIGINAL));
		}
		return key.toString();
	}

	private static String normalize(String id) {
		return id.replace("-", "").toLowerCase(Locale.ROOT);
	}

	/**
	 * The one decision of a handler's resync period: none for a handler that does not receive {@code UPDATED} events
	 * (resync deliveries are updates), else the handler's property, else the annotation's {@code resync}, else the
	 * informer's period ({@code resources.<name>.resync}, else {@code kubernetes.informers.resync}, as its
	 * {@code InformerSpec} resolved it).
	 * @param method the handler method
	 * @param informerResync the resync period of the informer it is bound to
	 * @return the effective period, {@link Duration#ZERO} for none
	 */
	Duration resolve(InformerHandlerMethod method, Duration informerResync) {
		Duration property = property(method);
		if (!method.accepts(EventType.UPDATED)) {
			return Duration.ZERO;
		}
		if (property != null) {
			return property;
		}
		Duration annotation = method.resync();
		return (annotation != null) ? annotation : informerResync;
	}

	private @Nullable Duration property(InformerHandlerMethod method) {
		for (ConfigurationPropertyName name : names(method.id())) {
			Duration resync;
			try {
				resync = this.binder.bind(name, Bindable.of(Duration.class)).orElse(null);
			}
			catch (BindException ex) {
				throw new InformerHandlerDefinitionException("Property '" + name + "' of " + method.description()
						+ " is not a duration: " + NestedExceptionUtils.getMostSpecificCause(ex).getMessage(),
						"Use a duration such as 30s, 10m or PT1H, or 0s for no resync.");
			}
			if (resync != null) {
				if (resync.isNegative()) {
					throw new InformerHandlerDefinitionException(
							"Property '" + name + "' of " + method.description() + " is negative (" + resync + ").",
							"Use a positive duration such as 30s, or 0s for no resync.");
				}
				return resync;
			}
		}
		return null;
	}

	private static List<ConfigurationPropertyName> names(String id) {
		List<ConfigurationPropertyName> names = new ArrayList<>();
		String kebab = DataObjectPropertyName.toDashedForm(id);
		ConfigurationPropertyName dotted = ConfigurationPropertyName
			.ofIfValid("kubernetes.informers.handlers." + kebab + ".resync");
		names.add((dotted != null) ? dotted
				: HANDLERS.append(ConfigurationPropertyName.adapt(id, '.')).append("resync"));
		for (String key : new LinkedHashSet<>(List.of(id, kebab))) {
			ConfigurationPropertyName indexed = ConfigurationPropertyName
				.ofIfValid("kubernetes.informers.handlers[" + key + "].resync");
			if (indexed != null) {
				names.add(indexed);
			}
		}
		return names;
	}

}
