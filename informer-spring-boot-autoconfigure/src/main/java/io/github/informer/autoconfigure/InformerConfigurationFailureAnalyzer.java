package io.github.informer.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports invalid informer configuration as the property at fault, the problem and the fix.
 */
class InformerConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InformerConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InformerConfigurationException cause) {
		return new FailureAnalysis("Invalid Kubernetes informer configuration: " + cause.getProperty() + " "
				+ cause.getProblem() + ".", cause.getAction() + ".", cause);
	}

}
