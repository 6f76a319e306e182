package io.github.informer.handler;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.expression.BeanFactoryResolver;
import org.springframework.context.expression.CachedExpressionEvaluator;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;

/**
 * Parses and evaluates {@code @InformerHandler} conditions the way Spring's {@code EventExpressionEvaluator} does
 * for {@code @EventListener}: parameters by name ({@code #pod}), {@code #p0}/{@code #a0}, {@code #root.event}, and
 * beans as {@code @name}. Parsing happens once at startup so a bad expression fails the application early.
 */
class HandlerExpressionEvaluator extends CachedExpressionEvaluator {

	private final @Nullable BeanFactory beanFactory;

	HandlerExpressionEvaluator(@Nullable BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
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

	boolean matches(Expression condition, Method method, InformerEvent<?> event, @Nullable Object[] args) {
		MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(
				new HandlerExpressionRootObject(event, args), method, args, getParameterNameDiscoverer());
		if (this.beanFactory != null) {
			context.setBeanResolver(new BeanFactoryResolver(this.beanFactory));
		}
		return Boolean.TRUE.equals(condition.getValue(context, Boolean.class));
	}

}
