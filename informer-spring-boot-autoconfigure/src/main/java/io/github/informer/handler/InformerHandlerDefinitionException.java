package io.github.informer.handler;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.beans.factory.BeanInitializationException;

/**
 * Thrown at startup when one or more {@code @InformerHandler} methods are declared wrongly. Every problem names the
 * method, what is wrong, and how to fix it.
 */
public class InformerHandlerDefinitionException extends BeanInitializationException {

	private final List<Problem> problems;

	public InformerHandlerDefinitionException(List<Problem> problems) {
		super(message(problems));
		this.problems = List.copyOf(problems);
	}

	public InformerHandlerDefinitionException(String description, String action) {
		this(List.of(new Problem(description, action)));
	}

	/**
	 * The problems found, at least one.
	 * @return the problems
	 */
	public List<Problem> getProblems() {
		return this.problems;
	}

	private static String message(List<Problem> problems) {
		if (problems.size() == 1) {
			return problems.get(0).toString();
		}
		return problems.size() + " invalid @InformerHandler declarations:\n"
				+ problems.stream().map((problem) -> " - " + problem).collect(Collectors.joining("\n"));
	}

	/**
	 * One invalid handler declaration.
	 *
	 * @param description what is wrong, naming the method
	 * @param action how to fix it
	 */
	public record Problem(String description, String action) {

		@Override
		public String toString() {
			return this.description + " " + this.action;
		}

	}

}
