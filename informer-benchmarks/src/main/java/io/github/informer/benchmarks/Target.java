package io.github.informer.benchmarks;

import java.util.Locale;

/**
 * A goal for one figure: the ratio starter / reference at most or at least a factor, or the starter succeeding
 * where the reference fails (the 100k-Pod sync within a smaller heap).
 */
record Target(Kind kind, double ratio) {

	static Target atMost(double ratio) {
		return new Target(Kind.AT_MOST, ratio);
	}

	static Target atLeast(double ratio) {
		return new Target(Kind.AT_LEAST, ratio);
	}

	static Target succeedsWhereReferenceFails() {
		return new Target(Kind.SUCCEEDS_WHERE_REFERENCE_FAILS, 0);
	}

	boolean isMet(double actual) {
		return switch (this.kind) {
			case AT_MOST -> actual <= this.ratio;
			case AT_LEAST -> actual >= this.ratio;
			case SUCCEEDS_WHERE_REFERENCE_FAILS -> true;
		};
	}

	@Override
	public String toString() {
		return switch (this.kind) {
			case AT_MOST -> "<= " + String.format(Locale.ROOT, "%.2fx", this.ratio);
			case AT_LEAST -> ">= " + String.format(Locale.ROOT, "%.2fx", this.ratio);
			case SUCCEEDS_WHERE_REFERENCE_FAILS -> "starter syncs, reference fails";
		};
	}

	enum Kind {

		AT_MOST, AT_LEAST, SUCCEEDS_WHERE_REFERENCE_FAILS

	}

}
