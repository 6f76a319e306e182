package io.github.informer.sample.cluster;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports an embedded cluster that could not start as a start-up failure with its fix, not a stack trace. */
class EmbeddedClusterFailureAnalyzer extends AbstractFailureAnalyzer<EmbeddedClusterException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, EmbeddedClusterException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
