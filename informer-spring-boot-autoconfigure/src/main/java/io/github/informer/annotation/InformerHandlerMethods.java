package io.github.informer.annotation;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.core.ResolvableType;

/**
 * Reads {@link InformerHandler} method signatures. Shared by the informer registration (which creates informers for
 * handled types nobody configured) and the handler binding, so both agree on the handled type.
 */
public final class InformerHandlerMethods {

	/** The event wrapper type; compared by name so this class does not depend on the handler package. */
	static final String INFORMER_EVENT_CLASS_NAME = "io.github.informer.handler.InformerEvent";

	private InformerHandlerMethods() {
	}

	/**
	 * Return the Kubernetes object type a handler method handles: the first parameter's type, or {@code T} of an
	 * {@code InformerEvent<T>} first parameter, with type variables resolved against the bean's class (a method
	 * {@code on(T object)} declared in {@code Base<T>} handles {@code V1Pod} in {@code PodHandler extends
	 * Base<V1Pod>}). The one place that decides the handled type: informer inference and handler binding both call it.
	 * @param method the handler method
	 * @param targetClass the bean's (user) class
	 * @return the handled type, or {@code null} when the method has no parameter or {@code T} cannot be resolved
	 */
	public static @Nullable Class<?> objectType(Method method, Class<?> targetClass) {
		if (method.getParameterCount() == 0) {
			return null;
		}
		ResolvableType parameter = ResolvableType.forMethodParameter(method, 0, targetClass);
		Class<?> raw = parameter.resolve();
		if (raw == null) {
			return null;
		}
		if (INFORMER_EVENT_CLASS_NAME.equals(raw.getName())) {
			return parameter.hasUnresolvableGenerics() ? null : parameter.getGeneric(0).resolve();
		}
		return raw;
	}

}
