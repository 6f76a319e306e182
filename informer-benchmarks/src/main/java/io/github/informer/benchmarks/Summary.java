package io.github.informer.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** The repetitions of one figure on one side: the values measured and the runs that failed (and why). */
final class Summary {

	private final List<Double> values = new ArrayList<>();

	private final List<String> failures = new ArrayList<>();

	void add(double value) {
		this.values.add(value);
	}

	void fail(String reason) {
		this.failures.add(reason);
	}

	List<Double> values() {
		return this.values;
	}

	List<String> failures() {
		return this.failures;
	}

	boolean isEmpty() {
		return this.values.isEmpty() && this.failures.isEmpty();
	}

	/** The median of the values (mean of the middle two for an even count), or {@code null} when none. */
	@Nullable Double median() {
		if (this.values.isEmpty()) {
			return null;
		}
		List<Double> sorted = new ArrayList<>(this.values);
		sorted.sort(null);
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
	}

	/** The median, or the failure when every run failed, or "-" when not measured; failed runs are counted. */
	String display() {
		Double median = median();
		if (median == null) {
			return this.failures.isEmpty() ? "-" : String.join("; ", new java.util.LinkedHashSet<>(this.failures));
		}
		String text = format(median);
		return this.failures.isEmpty() ? text
				: text + " (" + this.failures.size() + " of " + (this.failures.size() + this.values.size())
						+ " runs failed: " + this.failures.get(0) + ")";
	}

	static String format(double value) {
		double magnitude = Math.abs(value);
		if (magnitude >= 100) {
			return String.format(Locale.ROOT, "%,.0f", value);
		}
		if (magnitude >= 10) {
			return String.format(Locale.ROOT, "%.1f", value);
		}
		return String.format(Locale.ROOT, "%.2f", value);
	}

}
