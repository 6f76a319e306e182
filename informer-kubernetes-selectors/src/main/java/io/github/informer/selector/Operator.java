package io.github.informer.selector;

/**
 * A selector operator, as apimachinery's {@code selection.Operator}; {@link #symbol()} is the Go string value (the
 * one kube-apiserver prints in "expected: in, notin, =, ==, !=, gt, lt").
 */
public enum Operator {

	/** {@code key in (a,b)}. */
	IN("in"),

	/** {@code key notin (a,b)}. */
	NOT_IN("notin"),

	/** {@code key=value}. */
	EQUALS("="),

	/** {@code key==value}. */
	DOUBLE_EQUALS("=="),

	/** {@code key!=value}. */
	NOT_EQUALS("!="),

	/** {@code key>1}. */
	GREATER_THAN("gt"),

	/** {@code key<1}. */
	LESS_THAN("lt"),

	/** {@code key}. */
	EXISTS("exists"),

	/** {@code !key}. */
	DOES_NOT_EXIST("!");

	private final String symbol;

	Operator(String symbol) {
		this.symbol = symbol;
	}

	/** The Go value of the operator ({@code selection.Operator}). */
	public String symbol() {
		return this.symbol;
	}

}
