package io.github.informer.handler;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import io.github.informer.registry.JsonPropertyAccessor;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.context.expression.CachedExpressionEvaluator;
import org.springframework.core.NativeDetector;
import org.springframework.expression.BeanResolver;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.PropertyAccessor;
import org.springframework.expression.spel.SpelCompilerMode;
import org.springframework.expression.spel.SpelParserConfiguration;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.expression.spel.support.ReflectivePropertyAccessor;
import org.springframework.expression.spel.support.StandardEvaluationContext;

/**
 * Parses and evaluates the condition of one {@code @InformerHandler} method the way Spring's
 * {@code EventExpressionEvaluator} does for {@code @EventListener}: parameters by name ({@code #pod}),
 * {@code #p0}/{@code #a0}, {@code #root.event}, {@code #root.args}, and beans as {@code @name}; read-only. Custom
 * resources ({@code DynamicKubernetesObject}) navigate by JSON field name, as in index expressions.
 * <p>
 * Conditions run per event, possibly thousands of times a second, so unlike {@code MethodBasedEvaluationContext}
 * the parameter names are resolved once, the property accessors (and their caches) are shared, and expressions are
 * compiled once they have run ({@link SpelCompilerMode#MIXED}): a few microseconds per evaluation instead of about 20.
 * In a GraalVM native image, which cannot define classes at run time, they are interpreted.
 */
class HandlerExpressionEvaluator extends CachedExpressionEvaluator {

	private static final List<PropertyAccessor> PROPERTY_ACCESSORS = List.of(new JsonPropertyAccessor(),
			new ReflectivePropertyAccessor(false));

	private final @Nullable BeanResolver beanResolver;

	private final @Nullable String[] parameterNames;

	HandlerExpressionEvaluator(@Nullable BeanFactory beanFactory, Method method) {
		super(new SpelExpressionParser(
				new SpelParserConfiguration(compilerMode(NativeDetector.inNativeImage()),
						method.getDeclaringClass().getClassLoader())));
		this.beanResolver = (beanFactory != null) ? new BeanFactoryResolver(beanFactory) : null;
		@Nullable String[] names = getParameterNameDiscoverer().getParameterNames(method);
		this.parameterNames = (names != null) ? names : new String[method.getParameterCount()];
	}

	static SpelCompilerMode compilerMode(boolean inNativeImage) {
		return inNativeImage ? SpelCompilerMode.OFF : SpelCompilerMode.MIXED;
	}

	/**
	 * Parse a condition.
	 * @param expression the condition text
	 * @return the parsed expression
	 * @throws ParseException if it does not parse
	 */
	Expression parse(String expression) {
		return parseExpression(expression);
	}

	boolean matches(Expression condition, InformerEvent<?> event, @Nullable Object[] args) {
		StandardEvaluationContext context = new StandardEvaluationContext(new HandlerExpressionRootObject(event, args));
		context.setPropertyAccessors(new ArrayList<>(PROPERTY_ACCESSORS));
		if (this.beanResolver != null) {
			context.setBeanResolver(this.beanResolver);
		}
		for (int i = 0; i < args.length; i++) {
			context.setVariable("a" + i, args[i]);
			context.setVariable("p" + i, args[i]);
			String name = (i < this.parameterNames.length) ? this.parameterNames[i] : null;
			if (name != null) {
				context.setVariable(name, args[i]);
			}
		}
		return Boolean.TRUE.equals(condition.getValue(context, Boolean.class));
	}

}
