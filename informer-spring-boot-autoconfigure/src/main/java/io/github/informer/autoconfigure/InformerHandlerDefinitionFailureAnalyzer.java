package io.github.informer.autoconfigure;

import java.util.List;

import io.github.informer.handler.InformerHandlerDefinitionException;
import io.github.informer.handler.InformerHandlerDefinitionException.Problem;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns invalid {@code @InformerHandler} declarations into a startup report listing every method, what is wrong with
 * it, and the fix.
 */
class InformerHandlerDefinitionFailureAnalyzer extends AbstractFailureAnalyzer<InformerHandlerDefinitionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InformerHandlerDefinitionException cause) {
		if (cause.getProblems().size() == 1) {
			Problem problem = cause.getProblems().get(0);
			return new FailureAnalysis(problem.description(), problem.action(), cause);
		}
		List<Problem> problems = cause.getProblems();
		StringBuilder description = new StringBuilder(problems.size() + " invalid @InformerHandler declarations:");
		StringBuilder action = new StringBuilder("Fix each:");
		for (int i = 0; i < problems.size(); i++) {
			description.append("\n").append(i + 1).append(". ").append(problems.get(i).description());
			action.append("\n").append(i + 1).append(". ").append(problems.get(i).action());
		}
		return new FailureAnalysis(description.toString(), action.toString(), cause);
	}

}
