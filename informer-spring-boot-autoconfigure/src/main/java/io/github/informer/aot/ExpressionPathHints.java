package io.github.informer.aot;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;

import com.google.gson.JsonElement;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.CompoundExpression;
import org.springframework.expression.spel.ast.Indexer;
import org.springframework.expression.spel.ast.MethodReference;
import org.springframework.expression.spel.ast.Projection;
import org.springframework.expression.spel.ast.PropertyOrFieldReference;
import org.springframework.expression.spel.ast.Selection;
import org.springframework.expression.spel.ast.VariableReference;
import org.springframework.expression.spel.standard.SpelExpression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.StringUtils;

/**
 * Reflection hints for the property paths of a SpEL expression (a handler condition, an index expression): walks the
 * expression's syntax tree with the static types of its root object and variables and registers each getter (or field)
 * a path reads, and each method it calls, since SpEL finds them reflectively. {@code #pod.metadata.labels['app']} on a
 * {@code V1Pod} parameter registers {@code V1Pod.getMetadata()} and {@code V1ObjectMeta.getLabels()}. Navigation stops
 * where the type is no longer known statically ({@code Object}, a raw collection) or needs no reflection (maps, JSON
 * of custom resources, which the starter's JSON property accessor reads).
 */
final class ExpressionPathHints {

	private static final SpelExpressionParser PARSER = new SpelExpressionParser();

	private final ReflectionHints hints;

	private final ResolvableType root;

	private final Map<String, ResolvableType> variables;

	private ExpressionPathHints(ReflectionHints hints, ResolvableType root, Map<String, ResolvableType> variables) {
		this.hints = hints;
		this.root = root;
		this.variables = variables;
	}

	/**
	 * Register the hints of an expression.
	 * @param hints the hints to add to
	 * @param expression the expression text (already validated at startup; one that does not parse is ignored)
	 * @param root the type of the root object
	 * @param variables the types of the variables by name (without {@code #})
	 */
	static void register(ReflectionHints hints, String expression, ResolvableType root,
			Map<String, ResolvableType> variables) {
		SpelNode ast;
		try {
			ast = ((SpelExpression) PARSER.parseExpression(expression)).getAST();
		}
		catch (RuntimeException ex) {
			return;
		}
		new ExpressionPathHints(hints, root, variables).visit(ast, root, root);
	}

	/**
	 * Walk a node evaluated against an active context object of the given type, in a scope whose root has the given
	 * type (the root object, or the element inside a projection or selection), as SpEL evaluates it.
	 * @return the node's value type, {@link ResolvableType#NONE} when unknown
	 */
	private ResolvableType visit(SpelNode node, ResolvableType active, ResolvableType scope) {
		if (node instanceof CompoundExpression) {
			ResolvableType current = active;
			for (int i = 0; i < node.getChildCount(); i++) {
				current = visit(node.getChild(i), current, scope);
			}
			return current;
		}
		if (node instanceof PropertyOrFieldReference property) {
			return property(active, property.getName());
		}
		if (node instanceof VariableReference) {
			String name = node.toStringAST().substring(1);
			if (name.equals("root")) {
				return this.root;
			}
			if (name.equals("this")) {
				return scope;
			}
			return this.variables.getOrDefault(name, ResolvableType.NONE);
		}
		if (node instanceof MethodReference method) {
			children(node, scope, scope);
			return method(active, method.getName());
		}
		if (node instanceof Indexer) {
			children(node, scope, scope);
			return element(active);
		}
		if (node instanceof Projection || node instanceof Selection) {
			ResolvableType element = element(active);
			children(node, element, element);
			return (node instanceof Selection) ? active : ResolvableType.NONE;
		}
		// operators, literals, ternaries: operands are evaluated against the same context
		children(node, active, scope);
		return ResolvableType.NONE;
	}

	private void children(SpelNode node, ResolvableType active, ResolvableType scope) {
		for (int i = 0; i < node.getChildCount(); i++) {
			visit(node.getChild(i), active, scope);
		}
	}

	private ResolvableType property(ResolvableType owner, String name) {
		Class<?> type = owner.resolve();
		if (type == null) {
			return ResolvableType.NONE;
		}
		if (!needsReflection(type)) {
			// map.key reads an entry (MapAccessor); custom resources' JSON needs no reflection
			return Map.class.isAssignableFrom(type) ? owner.asMap().getGeneric(1) : ResolvableType.NONE;
		}
		String suffix = StringUtils.capitalize(name);
		for (String candidate : new String[] { "get" + suffix, "is" + suffix, name }) {
			Method getter = ReflectionUtils.findMethod(type, candidate);
			if (getter != null && Modifier.isPublic(getter.getModifiers()) && getter.getReturnType() != void.class) {
				this.hints.registerMethod(getter, ExecutableMode.INVOKE);
				return returnType(getter, owner);
			}
		}
		Field field = ReflectionUtils.findField(type, name);
		if (field != null) {
			this.hints.registerField(field);
			return ResolvableType.forField(field, owner);
		}
		return ResolvableType.NONE;
	}

	private ResolvableType method(ResolvableType owner, String name) {
		Class<?> type = owner.resolve();
		if (type == null || !needsReflection(type)) {
			return ResolvableType.NONE;
		}
		ResolvableType result = ResolvableType.NONE;
		for (Method method : type.getMethods()) {
			if (method.getName().equals(name)) {
				this.hints.registerMethod(method, ExecutableMode.INVOKE);
				result = returnType(method, owner);
			}
		}
		return result;
	}

	/** The return type, with the owner's type arguments: {@code T object()} of {@code InformerEvent<V1Pod>}. */
	private static ResolvableType returnType(Method method, ResolvableType owner) {
		return ResolvableType.forMethodParameter(new MethodParameter(method, -1), owner);
	}

	/** The element type of a collection or array, the value type of a map. */
	private static ResolvableType element(ResolvableType type) {
		if (type.isArray()) {
			return type.getComponentType();
		}
		Class<?> raw = type.resolve();
		if (raw == null) {
			return ResolvableType.NONE;
		}
		if (Collection.class.isAssignableFrom(raw)) {
			return type.asCollection().getGeneric(0);
		}
		if (Map.class.isAssignableFrom(raw)) {
			return type.asMap().getGeneric(1);
		}
		return ResolvableType.NONE;
	}

	private static boolean needsReflection(Class<?> type) {
		return !(Map.class.isAssignableFrom(type) || JsonElement.class.isAssignableFrom(type)
				|| DynamicKubernetesObject.class.isAssignableFrom(type) || type == Object.class);
	}

}
