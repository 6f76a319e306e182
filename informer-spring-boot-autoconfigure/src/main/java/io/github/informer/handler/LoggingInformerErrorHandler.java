package io.github.informer.handler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link InformerErrorHandler}: one log line (with the stack trace) per failed event, naming the handler
 * and the object's key, never the object's contents.
 */
public class LoggingInformerErrorHandler implements InformerErrorHandler {

	private static final Logger logger = LoggerFactory.getLogger(LoggingInformerErrorHandler.class);

	@Override
	public void handleError(String handlerId, InformerEvent<?> event, Throwable exception) {
		String type = event.type() + (event.resync() ? " (resync)" : "");
		logger.error("Informer handler '" + handlerId + "' failed on " + type + " of " + event.key()
				+ " from informer '" + event.informer() + "'", exception);
	}

}
