package io.github.informer.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ResultTableTests {

	@Test
	void rowReportsMediansRatioAndWhetherTheTargetIsMet() {
		ResultRow row = new ResultRow("sync-pods-10k", "time from start to synced", "ms", summary(5000, 5200, 4900),
				summary(5100, 5000, 5300), summary(3000), Target.atMost(1.05), "3 repetitions");
		assertThat(row.reference().median()).isEqualTo(5000.0);
		assertThat(row.starter().median()).isEqualTo(5100.0);
		assertThat(row.ratioText()).isEqualTo("1.02x");
		assertThat(row.verdict()).isEqualTo("met");
	}

	@Test
	void medianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
		assertThat(summary(1, 4, 2, 3).median()).isEqualTo(2.5);
	}

	@Test
	void atLeastTargetIsMissedBelowItsRatio() {
		ResultRow row = new ResultRow("events-max-rate", "events per second", "events/s", summary(3000),
				summary(2700), null, Target.atLeast(0.95), "");
		assertThat(row.verdict()).isEqualTo("missed");
	}

	@Test
	void failedReferenceRunsAreShownWithTheirReason() {
		Summary reference = new Summary();
		reference.fail("OutOfMemoryError");
		ResultRow row = new ResultRow("sync-pods-100k", "time from start to synced", "ms", reference,
				summary(40000), null, Target.atMost(1.05), "");
		assertThat(row.reference().display()).isEqualTo("OutOfMemoryError");
		assertThat(row.ratioText()).isEqualTo("-");
		assertThat(row.verdict()).isEqualTo("no ratio (reference failed)");
	}

	@Test
	void starterSyncingWhereTheReferenceRanOutOfMemoryMeetsThatTarget() {
		Summary reference = new Summary();
		reference.fail("OutOfMemoryError");
		ResultRow row = new ResultRow("sync-pods-100k", "time from start to synced", "ms", reference,
				summary(21000), null, Target.succeedsWhereReferenceFails(), "");
		assertThat(row.verdict()).isEqualTo("met");
		Summary starterFailed = new Summary();
		starterFailed.fail("OutOfMemoryError");
		assertThat(new ResultRow("sync-pods-100k", "time", "ms", reference, starterFailed, null,
				Target.succeedsWhereReferenceFails(), "").verdict()).isEqualTo("missed");
	}

	@Test
	void sideThatWasNotMeasuredShowsADash() {
		ResultRow row = new ResultRow("events-max-rate", "events per second", "events/s", summary(3000),
				new Summary(), null, Target.atLeast(0.95), "");
		assertThat(row.starter().display()).isEqualTo("-");
		assertThat(row.verdict()).isEqualTo("not measured");
	}

	@Test
	void writesTheTableAsMarkdownAndJson(@TempDir Path directory) throws Exception {
		ResultTable table = new ResultTable();
		table.condition("cores", 2);
		table.add(new ResultRow("sync-pods-10k", "time from start to synced", "ms", summary(5000), summary(4800),
				summary(3000), Target.atMost(1.05), "-Xmx2g"));
		table.run("sync-pods-10k", "reference", Map.of("syncMillis", 5000.0));
		table.write(directory);
		String markdown = Files.readString(directory.resolve("results.md"));
		assertThat(markdown).contains(
				"| sync-pods-10k | time from start to synced (ms) | 5,000 | 4,800 | 0.96x | 3,000 | <= 1.05x | met | -Xmx2g |")
			.contains("cores = 2");
		JsonObject json = JsonParser.parseString(Files.readString(directory.resolve("results.json"))).getAsJsonObject();
		JsonObject line = json.getAsJsonArray("table").get(0).getAsJsonObject();
		assertThat(line.getAsJsonObject("starter").get("median").getAsDouble()).isEqualTo(4800.0);
		assertThat(line.get("ratio").getAsDouble()).isEqualTo(0.96);
		assertThat(json.getAsJsonArray("runs").get(0).getAsJsonObject().get("side").getAsString())
			.isEqualTo("reference");
	}

	@Test
	void classPathWithoutTheStarterDropsOnlyItsAutoConfiguration() {
		String classPath = String.join(java.io.File.pathSeparator, "/r/informer-spring-boot-autoconfigure/target/classes",
				"/m2/spring-boot-4.1.2.jar", "/r/informer-benchmarks/target/classes");
		assertThat(StartupScenario.withoutStarter(classPath)).isEqualTo(String.join(java.io.File.pathSeparator,
				"/m2/spring-boot-4.1.2.jar", "/r/informer-benchmarks/target/classes"));
	}

	private static Summary summary(double... values) {
		Summary summary = new Summary();
		for (double value : values) {
			summary.add(value);
		}
		return summary;
	}

}
