package io.github.informer.handler;

import java.util.List;
import java.util.stream.Collectors;

import io.github.informer.annotation.InformerHandler;
import io.github.informer.registry.Informers;
import io.github.informer.registry.ManagedInformer;
import io.kubernetes.client.common.KubernetesObject;

/**
 * Chooses the informer of a handler method: by the annotation's {@code informer} name, else by the parameter type.
 */
final class InformerBinder {

	private InformerBinder() {
	}

	static ManagedInformer<?> bind(InformerHandlerMethod method, Informers informers) {
		return method.informer().isEmpty() ? byType(method, informers) : byName(method, informers);
	}

	private static ManagedInformer<?> byName(InformerHandlerMethod method, Informers informers) {
		String name = method.informer();
		if (!informers.names().contains(name)) {
			throw new InformerHandlerDefinitionException(
					method.description() + " names informer '" + name + "', which does not exist; known informers: "
							+ informers.names().stream().sorted().toList() + ".",
					"Set informer to one of the known names, configure kubernetes.informers.resources." + name
							+ ", or remove the informer attribute to bind by parameter type.");
		}
		ManagedInformer<?> informer = informers.get(name);
		if (!method.objectType().isAssignableFrom(informer.apiType())) {
			throw new InformerHandlerDefinitionException(
					method.description() + " takes " + method.objectType().getName() + " but informer '" + name
							+ "' holds " + informer.apiType().getName() + ".",
					"Change the parameter type to " + informer.apiType().getSimpleName()
							+ ", or set informer to one holding " + method.objectType().getSimpleName() + ".");
		}
		return informer;
	}

	private static ManagedInformer<?> byType(InformerHandlerMethod method, Informers informers) {
		List<? extends ManagedInformer<?>> candidates = ofType(informers, method.objectType());
		if (candidates.size() == 1) {
			return candidates.get(0);
		}
		String type = method.objectType().getName();
		if (candidates.isEmpty()) {
			List<String> known = informers.names().stream().sorted().toList();
			throw new InformerHandlerDefinitionException(
					method.description() + " takes " + type + ", and no informer holds that type.",
					"Configure kubernetes.informers.resources.<name> (api-version and kind) for it, or set "
							+ "@InformerHandler(informer = \"...\") to one of " + known + ".");
		}
		List<String> names = candidates.stream().map(ManagedInformer::name).sorted().collect(Collectors.toList());
		throw new InformerHandlerDefinitionException(
				method.description() + " takes " + type + ", which several informers hold: " + names + ".",
				"Choose one with @InformerHandler(informer = \"" + names.get(0) + "\") (or any of " + names + ").");
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static List<? extends ManagedInformer<?>> ofType(Informers informers,
			Class<? extends KubernetesObject> type) {
		return (List) informers.ofType((Class) type);
	}

}
