package io.github.informer.handler;

import java.lang.reflect.Method;
import java.util.Set;

import io.github.informer.annotation.EventType;
import io.github.informer.annotation.InformerHandlerMethods;
import io.kubernetes.client.common.KubernetesObject;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ResolvableType;

/**
 * The parameter lists an {@code @InformerHandler} method may declare, and how each is filled from an event.
 */
enum HandlerSignature {

	/** {@code (T object)}: the new state, or the last state on delete. */
	OBJECT {
		@Override
		@Nullable Object[] arguments(InformerEvent<?> event) {
			return new Object[] { event.object() };
		}
	},

	/** {@code (T oldObject, T newObject)}: updates only. */
	OLD_AND_NEW {
		@Override
		@Nullable Object[] arguments(InformerEvent<?> event) {
			return new Object[] { event.oldObject(), event.object() };
		}
	},

	/** {@code (T object, boolean finalStateUnknown)}: deletes only. */
	OBJECT_AND_FINAL_STATE_UNKNOWN {
		@Override
		@Nullable Object[] arguments(InformerEvent<?> event) {
			return new Object[] { event.object(), event.finalStateUnknown() };
		}
	},

	/** {@code (InformerEvent<T> event)}: everything. */
	EVENT {
		@Override
		@Nullable Object[] arguments(InformerEvent<?> event) {
			return new Object[] { event };
		}
	};

	static final String SUPPORTED = "Declare one of: (T object); (T oldObject, T newObject) with events = UPDATED; "
			+ "(T object, boolean finalStateUnknown) with events = DELETED; (InformerEvent<T> event); where T is a "
			+ "Kubernetes model type such as V1Pod.";

	abstract @Nullable Object[] arguments(InformerEvent<?> event);

	/**
	 * Determine the signature of a method and the Kubernetes object type it handles.
	 * @param method the method
	 * @param targetClass the bean's class, to resolve generic parameters
	 * @param events the event types the annotation asks for
	 * @return the signature and object type
	 * @throws InformerHandlerDefinitionException if the parameters are not a supported combination
	 */
	static Resolved resolve(Method method, Class<?> targetClass, Set<EventType> events) {
		String name = HandlerMessages.describe(method);
		int count = method.getParameterCount();
		if (count == 0 || count > 2) {
			throw new InformerHandlerDefinitionException(name + " declares " + count
					+ " parameters, which is not a supported @InformerHandler signature.", SUPPORTED);
		}
		ResolvableType first = ResolvableType.forMethodParameter(method, 0, targetClass);
		Class<?> handled = InformerHandlerMethods.objectType(method, targetClass);
		if (count == 1 && InformerEvent.class == first.resolve()) {
			if (handled == null || !KubernetesObject.class.isAssignableFrom(handled)) {
				throw new InformerHandlerDefinitionException(
						name + " takes an InformerEvent without a concrete Kubernetes object type argument.",
						"Declare the type, for example InformerEvent<V1Pod>.");
			}
			return new Resolved(EVENT, handled.asSubclass(KubernetesObject.class));
		}
		// an InformerEvent is only valid alone; as the first of two parameters it is not an object type
		Class<? extends KubernetesObject> type = objectType(name, first,
				(InformerEvent.class == first.resolve()) ? null : handled,
				(count == 1) ? "its parameter" : "its first parameter");
		if (count == 1) {
			return new Resolved(OBJECT, type);
		}
		ResolvableType second = ResolvableType.forMethodParameter(method, 1, targetClass);
		Class<?> secondType = second.resolve();
		if (secondType == boolean.class || secondType == Boolean.class) {
			requireOnly(name, events, EventType.DELETED, "(T object, boolean finalStateUnknown)");
			return new Resolved(OBJECT_AND_FINAL_STATE_UNKNOWN, type);
		}
		if (secondType == type) {
			requireOnly(name, events, EventType.UPDATED, "(T oldObject, T newObject)");
			return new Resolved(OLD_AND_NEW, type);
		}
		throw new InformerHandlerDefinitionException(name + " has a second parameter of type " + second
				+ ", which is neither the object type " + type.getName() + " nor boolean.", SUPPORTED);
	}

	private static Class<? extends KubernetesObject> objectType(String name, ResolvableType parameter,
			@Nullable Class<?> type, String which) {
		if (type == null || !KubernetesObject.class.isAssignableFrom(type)) {
			throw new InformerHandlerDefinitionException(name + " takes " + parameter + " as " + which
					+ ", which is not a Kubernetes object type (io.kubernetes.client.common.KubernetesObject).",
					SUPPORTED);
		}
		return type.asSubclass(KubernetesObject.class);
	}

	private static void requireOnly(String name, Set<EventType> events, EventType only, String signature) {
		if (!events.equals(Set.of(only))) {
			throw new InformerHandlerDefinitionException(
					name + " has the signature " + signature + ", which only fits " + only + " events, but asks for "
							+ events + ".",
					"Set @InformerHandler(events = " + only + "), or take (T object) or (InformerEvent<T> event) "
							+ "to receive every event type.");
		}
	}

	/**
	 * A method's signature and the object type it handles.
	 *
	 * @param signature the signature
	 * @param objectType the Kubernetes object type
	 */
	record Resolved(HandlerSignature signature, Class<? extends KubernetesObject> objectType) {
	}

}
