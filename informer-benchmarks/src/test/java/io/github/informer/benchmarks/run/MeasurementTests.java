package io.github.informer.benchmarks.run;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.github.informer.benchmarks.server.BenchmarkObjects;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1Pod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MeasurementTests {

	@Test
	void recorderMeasuresLatencyFromTheServersStampAfterTheWarmupAndIgnoresUnstampedUpdates() {
		EventRecorder recorder = new EventRecorder(1, 1);
		recorder.updated(new V1Pod().metadata(new V1ObjectMeta().name("unstamped")));
		recorder.updated(stamped(Instant.now().minusSeconds(3600)));
		assertThat(recorder.await(Duration.ofMillis(10))).isFalse();
		recorder.updated(stamped(Instant.now().minusMillis(20)));
		assertThat(recorder.await(Duration.ofSeconds(1))).isTrue();
		Report report = new Report();
		recorder.report(report);
		assertThat(report.figures()).containsEntry("events", 1).containsEntry("warmupEvents", 1);
		assertThat((double) report.figures().get("latencyP50Millis")).isBetween(20.0, 5000.0);
	}

	private static V1Pod stamped(Instant written) {
		long micros = TimeUnit.SECONDS.toMicros(written.getEpochSecond()) + written.getNano() / 1000;
		return new V1Pod().metadata(new V1ObjectMeta().name("a")
			.putAnnotationsItem(BenchmarkObjects.WRITTEN_AT, Long.toString(micros)));
	}

	@Test
	void percentileIsTheNearestRank() {
		long[] sorted = new long[100];
		for (int i = 0; i < sorted.length; i++) {
			sorted[i] = i + 1;
		}
		assertThat(EventRecorder.percentile(sorted, 0.50)).isEqualTo(50);
		assertThat(EventRecorder.percentile(sorted, 0.99)).isEqualTo(99);
		assertThat(EventRecorder.percentile(new long[0], 0.99)).isZero();
	}

	@Test
	void continueTokenIsReadFromTheListMetadataWithoutDecodingThePage() {
		String page = "{\"apiVersion\":\"v1\",\"items\":[],\"kind\":\"PodList\",\"metadata\":{\"continue\":\"abc%3D\","
				+ "\"resourceVersion\":\"12\"}}";
		assertThat(DecodeRun.continueToken(page.getBytes(StandardCharsets.UTF_8))).isEqualTo("abc%3D");
		String last = "{\"kind\":\"PodList\",\"metadata\":{\"resourceVersion\":\"12\"},\"items\":[]}";
		assertThat(DecodeRun.continueToken(last.getBytes(StandardCharsets.UTF_8))).isNull();
	}

	@Test
	void argumentsAreNameValuePairs() {
		Arguments arguments = new Arguments(new String[] { "--mode", "sync", "--events", "5" });
		assertThat(arguments.get("mode")).isEqualTo("sync");
		assertThat(arguments.getInt("events")).isEqualTo(5);
		assertThat(arguments.get("missing", "default")).isEqualTo("default");
	}

}
