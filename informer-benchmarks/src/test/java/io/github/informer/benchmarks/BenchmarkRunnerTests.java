package io.github.informer.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole harness on a tiny size: the API server JVM, a reference JVM, a starter JVM (Spring Boot with the
 * starter) and a decode JVM, each reporting over its stdout, then the table written.
 */
class BenchmarkRunnerTests {

	@Test
	void tinyConfigMapSyncRunsBothSidesInTheirOwnJvmsAndWritesTheTable(@TempDir Path out) throws Exception {
		BenchmarkRunner.RunnerOptions options = BenchmarkRunner.RunnerOptions.parse(new String[] { "--scale", "1000",
				"--reps", "1", "--scenarios", "sync-configmaps-100k", "--out", out.toString() });
		ResultTable table = new BenchmarkRunner(options).runAll();
		ResultRow sync = table.rows().get(0);
		assertThat(sync.scenario()).isEqualTo("sync-configmaps-100");
		assertThat(sync.reference().values()).hasSize(1).allSatisfy((millis) -> assertThat(millis).isPositive());
		assertThat(sync.starter().values()).hasSize(1).allSatisfy((millis) -> assertThat(millis).isPositive());
		assertThat(sync.lowerBound()).isNotNull();
		assertThat(sync.lowerBound().values()).hasSize(1);
		assertThat(sync.note()).contains("100 configmaps");
		assertThat(table.rows()).extracting(ResultRow::figure).contains("GC time during the sync");
		ResultRow heap = table.rows()
			.stream()
			.filter((row) -> row.figure().startsWith("heap retained"))
			.findFirst()
			.orElseThrow();
		assertThat(heap.reference().median()).isPositive();
		assertThat(heap.starter().median()).isPositive();
		table.write(out);
		assertThat(Files.readString(out.resolve("results.md"))).contains("| sync-configmaps-100 | time from start to synced");
	}

	@Test
	void optionsScaleEverySizeAndQuickIsATenth() {
		BenchmarkRunner.RunnerOptions quick = BenchmarkRunner.RunnerOptions.parse(new String[] { "--quick" });
		assertThat(quick.scaled(10_000)).isEqualTo(1000);
		assertThat(quick.reps()).isEqualTo(1);
		BenchmarkRunner.RunnerOptions full = BenchmarkRunner.RunnerOptions.parse(new String[] { "" });
		assertThat(full.scaled(100_000)).isEqualTo(100_000);
		assertThat(full.reps()).isEqualTo(3);
		assertThat(full.scenarios()).contains("sync-pods-10k", "events", "startup");
	}

}
