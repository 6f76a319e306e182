package io.github.informer.autoconfigure;

import org.springframework.beans.factory.BeanInitializationException;

/**
 * Invalid informer configuration, found at startup: names the property (or method), what is wrong and the fix, which
 * {@link InformerConfigurationFailureAnalyzer} shows as the startup failure report.
 */
public class InformerConfigurationException extends BeanInitializationException {

	private final String property;

	private final String problem;

	private final String action;

	/**
	 * Create an exception.
	 * @param property the property or method at fault
	 * @param problem what is wrong
	 * @param action how to fix it
	 */
	public InformerConfigurationException(String property, String problem, String action) {
		super(property + ": " + problem + ". " + action);
		this.property = property;
		this.problem = problem;
		this.action = action;
	}

	public String getProperty() {
		return this.property;
	}

	public String getProblem() {
		return this.problem;
	}

	public String getAction() {
		return this.action;
	}

}
