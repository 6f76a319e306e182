package io.github.informer.benchmarks;

import java.util.Locale;

/** A goal for the ratio starter / reference of one figure: at most or at least a factor. */
record Target(boolean atMost, double ratio) {

	static Target atMost(double ratio) {
		return new Target(true, ratio);
	}

	static Target atLeast(double ratio) {
		return new Target(false, ratio);
	}

	boolean isMet(double actual) {
		return this.atMost ? actual <= this.ratio : actual >= this.ratio;
	}

	@Override
	public String toString() {
		return (this.atMost ? "<= " : ">= ") + String.format(Locale.ROOT, "%.2fx", this.ratio);
	}

}
