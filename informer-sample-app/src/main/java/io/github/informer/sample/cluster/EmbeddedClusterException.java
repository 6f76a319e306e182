package io.github.informer.sample.cluster;

/** The embedded cluster could not start; says which {@code sample.embedded-cluster.*} property to change. */
public class EmbeddedClusterException extends RuntimeException {

	private final String action;

	EmbeddedClusterException(String message, String action, Throwable cause) {
		super(message, cause);
		this.action = action;
	}

	/**
	 * What to change.
	 * @return the fix, one sentence
	 */
	public String getAction() {
		return this.action;
	}

}
