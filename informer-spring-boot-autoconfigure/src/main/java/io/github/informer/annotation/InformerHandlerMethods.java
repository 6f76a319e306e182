package io.github.informer.annotation;

import java.lang.reflect.Method;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodIntrospector;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;

/**
 * Finds {@link InformerHandler} methods and reads their signatures. Shared by the informer registration (which
 * creates informers for handled types nobody configured), the handler binding and the AOT processing (which registers
 * runtime hints for handler methods), so all agree on what a handler is and which type it handles.
 */
public final class InformerHandlerMethods {

	/** The event wrapper type; compared by name so this class does not depend on the handler package. */
	static final String INFORMER_EVENT_CLASS_NAME = "io.github.informer.handler.InformerEvent";

	private InformerHandlerMethods() {
	}

	/**
	 * Return the {@code @InformerHandler} methods of a class (and of its superclasses and interfaces).
	 * @param type the user class of a bean (behind any proxy)
	 * @return the methods and their merged annotations, empty if none
	 */
	public static Map<Method, InformerHandler> find(Class<?> type) {
		if (!AnnotationUtils.isCandidateClass(type, InformerHandler.class)) {
			return Map.of();
		}
		return MethodIntrospector.selectMethods(type,
				(MethodIntrospector.MetadataLookup<InformerHandler>) (method) -> AnnotatedElementUtils
					.findMergedAnnotation(method, InformerHandler.class));
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
