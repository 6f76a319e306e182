package io.github.informer.benchmarks;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One line of the results table: a figure measured on the reference and on the starter (medians of the
 * repetitions), their ratio, the lower bound where there is one, and the target.
 */
record ResultRow(String scenario, String figure, String unit, Summary reference, Summary starter,
		@Nullable Summary lowerBound, @Nullable Target target, String note) {

	/** starter / reference of the medians, or {@code null} when either side has no value. */
	@Nullable Double ratio() {
		Double reference = this.reference.median();
		Double starter = this.starter.median();
		return (reference == null || starter == null || reference == 0) ? null : starter / reference;
	}

	/** "met", "missed", "not measured" (or why there is no verdict), or "" when there is no target. */
	String verdict() {
		if (this.target == null) {
			return "";
		}
		if (this.target.kind() == Target.Kind.SUCCEEDS_WHERE_REFERENCE_FAILS) {
			boolean starterSynced = this.starter.median() != null && this.starter.failures().isEmpty();
			boolean referenceFailed = this.reference.median() == null && !this.reference.failures().isEmpty();
			return (starterSynced && referenceFailed) ? "met" : (starterSynced ? "reference synced too" : "missed");
		}
		Double ratio = ratio();
		if (ratio == null) {
			return (this.starter.median() != null && !this.reference.failures().isEmpty())
					? "no ratio (reference failed)" : "not measured";
		}
		return this.target.isMet(ratio) ? "met" : "missed";
	}

	String ratioText() {
		Double ratio = ratio();
		return (ratio != null) ? String.format(Locale.ROOT, "%.2fx", ratio) : "-";
	}

}
