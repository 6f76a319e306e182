package io.github.informer.client;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;

/**
 * Logs the first failure of one local function (an index function, a transform) as a warning and every later one at
 * debug level: a function that fails on many objects fails for the same reason, and one line per object would flood
 * the log of a large cache.
 */
final class FirstFailureLog {

	private final Logger logger;

	private final AtomicBoolean warned = new AtomicBoolean();

	FirstFailureLog(Logger logger) {
		this.logger = logger;
	}

	/**
	 * Log one failure.
	 * @param message the line, with SLF4J placeholders; {@code what} is appended to the first one only
	 * @param what appended to the warning, for example "; logged once per index, then at debug level"
	 * @param failure the failure, whose stack trace is logged at debug level
	 * @param arguments the placeholders' values
	 */
	void failed(String message, String what, Throwable failure, Object... arguments) {
		if (this.warned.compareAndSet(false, true)) {
			this.logger.warn(message + what, arguments);
		}
		if (this.logger.isDebugEnabled()) {
			Object[] withFailure = new Object[arguments.length + 1];
			System.arraycopy(arguments, 0, withFailure, 0, arguments.length);
			withFailure[arguments.length] = failure;
			this.logger.debug(message, withFailure);
		}
	}

	static String describe(Throwable failure) {
		String message = failure.getMessage();
		return failure.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
