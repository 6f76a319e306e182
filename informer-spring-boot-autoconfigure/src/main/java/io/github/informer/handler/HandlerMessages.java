package io.github.informer.handler;

import java.lang.reflect.Method;

/**
 * How startup errors name a handler method.
 */
final class HandlerMessages {

	private HandlerMessages() {
	}

	static String describe(Method method) {
		return "@InformerHandler method '" + method.toGenericString() + "'";
	}

}
