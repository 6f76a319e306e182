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
	 * {@code InformerEvent<T>} first parameter.
	 * @param method the handler method
	 * @return the handled type, or {@code null} when the method has no parameter or {@code T} cannot be resolved
	 */
	public static @Nullable Class<?> objectType(Method method) {
		if (method.getParameterCount() == 0) {
			return null;
		}
		ResolvableType parameter = ResolvableType.forMethodParameter(method, 0);
		Class<?> raw = parameter.resolve();
		if (raw == null) {
			return null;
		}
		if (INFORMER_EVENT_CLASS_NAME.equals(raw.getName())) {
			return parameter.getGeneric(0).resolve();
		}
		return raw;
	}

}
