package io.github.informer.annotation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

import io.github.informer.handler.InformerHandlerDefinitionException;
import io.github.informer.handler.InformerHandlerMethod;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
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

	private final Binder binder;

	HandlerResyncResolver(Environment environment) {
		this.binder = Binder.get(environment);
	}

	Duration resolve(InformerHandlerMethod method, Duration informerResync) {
		Duration property = property(method);
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
		String kebab = id.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
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
