package io.github.informer.aot;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

import com.google.gson.annotations.JsonAdapter;
import io.kubernetes.client.common.KubernetesObject;
import io.kubernetes.client.openapi.models.V1ObjectMeta;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.core.ResolvableType;
import org.springframework.util.ReflectionUtils;

/**
 * Reflection hints for a Kubernetes model class and every model type reachable from its fields (list elements, map
 * values, superclasses): declared fields and constructors, which is what Gson, the streaming decoder, the cache
 * transforms (pruning, string interning) and {@code DynamicKubernetesObject}'s conversion read reflectively, the
 * declared classes (the decoder looks for client-java's generated {@code CustomTypeAdapterFactory}), and the
 * {@code @JsonAdapter} classes Gson instantiates. JDK, Gson and Kotlin types are skipped: the native image
 * configuration of those libraries covers them.
 */
final class KubernetesModelHints {

	private static final MemberCategory[] MODEL_MEMBERS = { MemberCategory.ACCESS_DECLARED_FIELDS,
			MemberCategory.INVOKE_DECLARED_CONSTRUCTORS, MemberCategory.DECLARED_CLASSES };

	private KubernetesModelHints() {
	}

	/**
	 * Register hints for a model class and the model types it contains. On the cached type itself also the
	 * {@code setApiVersion}/{@code setKind} methods, which fill the type meta that list items arrive without, and
	 * {@code setMetadata}, which the decoder calls.
	 * @param hints the reflection hints to add to
	 * @param model the model class
	 */
	public static void register(ReflectionHints hints, Class<?> model) {
		if (KubernetesObject.class.isAssignableFrom(model)) {
			for (String setter : new String[] { "setApiVersion", "setKind" }) {
				Method method = ReflectionUtils.findMethod(model, setter, String.class);
				if (method != null) {
					hints.registerMethod(method, ExecutableMode.INVOKE);
				}
			}
			Method setMetadata = ReflectionUtils.findMethod(model, "setMetadata", V1ObjectMeta.class);
			if (setMetadata != null) {
				hints.registerMethod(setMetadata, ExecutableMode.INVOKE);
			}
		}
		Set<Class<?>> seen = new HashSet<>();
		Deque<Class<?>> pending = new ArrayDeque<>();
		pending.add(model);
		while (!pending.isEmpty()) {
			Class<?> type = pending.poll();
			if (!isModel(type) || !seen.add(type)) {
				continue;
			}
			hints.registerType(type, MODEL_MEMBERS);
			JsonAdapter adapter = type.getAnnotation(JsonAdapter.class);
			if (adapter != null) {
				hints.registerType(adapter.value(), MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
			}
			if (type.getSuperclass() != null) {
				pending.add(type.getSuperclass());
			}
			for (Field field : type.getDeclaredFields()) {
				if (Modifier.isStatic(field.getModifiers())) {
					continue;
				}
				JsonAdapter fieldAdapter = field.getAnnotation(JsonAdapter.class);
				if (fieldAdapter != null) {
					hints.registerType(fieldAdapter.value(), MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
				}
				addTypes(ResolvableType.forField(field), pending);
			}
		}
	}

	/**
	 * Return whether a class is a model class hints are registered for (not primitive, not a JDK, Gson or Kotlin
	 * type).
	 * @param type the class
	 * @return whether it is a model class
	 */
	static boolean isModel(Class<?> type) {
		if (type.isPrimitive() || type.isArray() || type == Object.class) {
			return false;
		}
		String name = type.getName();
		return !(name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
				|| name.startsWith("sun.") || name.startsWith("kotlin.") || name.startsWith("com.google.gson."));
	}

	private static void addTypes(ResolvableType type, Deque<Class<?>> pending) {
		if (type.isArray()) {
			addTypes(type.getComponentType(), pending);
			return;
		}
		Class<?> raw = type.resolve();
		if (raw != null) {
			pending.add(raw);
		}
		for (ResolvableType generic : type.getGenerics()) {
			addTypes(generic, pending);
		}
	}

}
