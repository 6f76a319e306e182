package io.github.informer.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Time from start to synced and heap retained per object, starter against reference, on one API server JVM seeded
 * with {@code count} objects in one namespace, with the decode lower bound; the two sides alternate in each
 * repetition.
 */
final class SyncScenario {

	private static final List<String> FIELDS = List.of("lastAppliedAnnotation", "managedFields", "emptyCollections",
			"status");

	/** How long the reference may try to sync 100k Pods. */
	static final long REFERENCE_100K_BUDGET_SECONDS = 150;

	private final BenchmarkRunner runner;

	private final Setup setup;

	private final String name;

	private final String resource;

	private final int count;

	private final String starterHeap;

	private final String referenceHeap;

	private final int decodePageSize;

	private final List<Map<String, Object>> reference = new ArrayList<>();

	private final List<Map<String, Object>> starter = new ArrayList<>();

	private final List<Map<String, Object>> decode = new ArrayList<>();

	SyncScenario(BenchmarkRunner runner, Setup setup) {
		this.runner = runner;
		this.setup = setup;
		this.name = setup.name();
		this.resource = setup.resource();
		this.count = setup.count();
		this.starterHeap = setup.starterHeap();
		this.referenceHeap = setup.referenceHeap();
		this.decodePageSize = setup.decodePageSize();
	}

	void run(int starterReps, int referenceReps, boolean fieldBreakdown) throws Exception {
		String serverHeap = (this.count > 50_000 && this.resource.equals("pods")) ? "-Xmx12g" : "-Xmx3g";
		try (ForkedJvm server = this.runner.startServer(this.name, serverHeap,
				List.of(this.resource, this.name, Integer.toString(this.count)))) {
			String url = BenchmarkRunner.awaitUrl(server);
			List<String> args = List.of("--mode", "sync", "--resource", this.resource, "--namespace", this.name,
					"--url", url);
			Duration timeout = Duration.ofSeconds(60 + this.count / 250);
			// the reference on 100k Pods fills its heap and runs back-to-back full GCs for minutes before its
			// OutOfMemoryError (450 s in a trial run): it gets a sync budget, and reports its heap when that runs out
			List<String> referenceArgs = new ArrayList<>(args);
			Duration referenceTimeout = timeout;
			if (this.count >= 100_000) {
				referenceArgs.addAll(List.of("--sync-timeout-seconds", Long.toString(REFERENCE_100K_BUDGET_SECONDS)));
				referenceTimeout = Duration.ofSeconds(REFERENCE_100K_BUDGET_SECONDS + 90);
			}
			for (int rep = 0; rep < Math.max(starterReps, referenceReps); rep++) {
				boolean referenceFirst = rep % 2 == 0;
				for (int turn = 0; turn < 2; turn++) {
					boolean isReference = (turn == 0) == referenceFirst;
					if (isReference && rep < referenceReps) {
						record(this.reference, this.runner.measure(this.name, "reference",
								List.of(this.referenceHeap), BenchmarkRunner.REFERENCE_MAIN, referenceArgs, referenceTimeout));
					}
					else if (!isReference && rep < starterReps) {
						record(this.starter, this.runner.measure(this.name, "starter", List.of(this.starterHeap),
								BenchmarkRunner.STARTER_MAIN, args, timeout));
					}
				}
			}
			List<String> decodeArgs = List.of("--resource", this.resource, "--namespace", this.name, "--url", url,
					"--page-size", Integer.toString(this.decodePageSize), "--warm",
					Boolean.toString(this.count <= 50_000));
			int decodeReps = (this.count > 50_000) ? 1 : Math.min(3, starterReps);
			for (int rep = 0; rep < decodeReps; rep++) {
				record(this.decode, this.runner.measure(this.name, "decode",
						List.of((this.count > 50_000) ? "-Xmx8g" : "-Xmx2g"), BenchmarkRunner.DECODE_MAIN,
						decodeArgs, timeout.multipliedBy(3)));
			}
			List<Map<String, Object>> managedFieldsKept = new ArrayList<>();
			if (fieldBreakdown) {
				record(managedFieldsKept, this.runner.measure(this.name, "reference-managed-fields",
						List.of(this.referenceHeap, "-Dkubernetes.client.includeManagedFields=true"),
						BenchmarkRunner.REFERENCE_MAIN, args, timeout));
			}
			addRows(fieldBreakdown, managedFieldsKept);
			server.send("quit");
			server.waitForExit(Duration.ofSeconds(30));
		}
	}

	private void addRows(boolean fieldBreakdown, List<Map<String, Object>> managedFieldsKept) {
		ResultTable table = this.runner.table();
		String objects = String.format(Locale.ROOT, "%,d %s", this.count, this.resource);
		String sizes = "runs: reference " + this.reference.size() + ", starter " + this.starter.size() + ", decode "
				+ this.decode.size() + "; reference " + this.referenceHeap + ", starter " + this.starterHeap + "; "
				+ objects + " of "
				+ summary(this.decode, "jsonBytesPerObject").display() + " B JSON each";
		table.add(new ResultRow(this.name, "time from start to synced", "ms", summary(this.reference, "syncMillis"),
				summary(this.starter, "syncMillis"), summary(this.decode, "decodeMillis"),
				this.setup.syncTarget(),
				sizes + "; lower bound: decoding the list JSON in memory (HTTP transfer alone: "
						+ summary(this.decode, "transferMillis").display() + " ms"
						+ ((this.decodePageSize > 0) ? ", pages of " + this.decodePageSize : ", one page")
						+ warmDecode() + ")"));
		if (this.setup.lowerBoundTarget() != null) {
			table.add(new ResultRow(this.name, "time from start to synced, against the lower bound", "ms",
					summary(this.decode, "decodeMillis"), summary(this.starter, "syncMillis"), null,
					this.setup.lowerBoundTarget(), "reference column: the lower bound (client-java's JSON decoding the "
							+ "same pages in memory, cold); starter column: the starter's sync"));
		}
		table.add(new ResultRow(this.name, "GC time during the sync", "ms", summary(this.reference, "gcMillisDuringSync"),
				summary(this.starter, "gcMillisDuringSync"), null, null,
				"collection time (all collectors) from the informer's start to synced"));
		if (summary(this.decode, "streamingWarmMillis").median() != null) {
			addDecodeRows(table);
		}
		table.add(new ResultRow(this.name, "heap retained per object after sync and full GC", "bytes",
				summary(this.reference, "heapGrowthPerObjectBytes"), summary(this.starter, "heapGrowthPerObjectBytes"),
				null, this.setup.heapTarget(),
				"used heap after sync minus used heap just before the informer started, both after System.gc()"));
		table.add(new ResultRow(this.name, "cache per object", "bytes", summary(this.reference, "cachePerObjectBytes"),
				summary(this.starter, "cachePerObjectBytes"), null, null,
				"heap given back when the stopped informer's cache is cleared"));
		if (fieldBreakdown) {
			for (String field : FIELDS) {
				Summary reference = summary(this.reference, "fieldCost." + field + "Bytes");
				if (field.equals("managedFields")) {
					reference = summary(managedFieldsKept, "fieldCost.managedFieldsBytes");
				}
				table.add(new ResultRow(this.name, "of which " + field, "bytes per object", reference,
						summary(this.starter, "fieldCost." + field + "Bytes"), null, null, fieldNote(field)));
			}
		}
	}

	/**
	 * The decode-only figures of the same bytes in memory, JIT-compiled (second of two passes): client-java against
	 * the streaming decoder, the starter's sync against its decoder's lower bound, the tree-parse floors, and the
	 * tokenizers the streaming decoder could have been built on.
	 */
	private void addDecodeRows(ResultTable table) {
		Summary streaming = summary(this.decode, "streamingWarmMillis");
		table.add(new ResultRow(this.name, "decode only, in memory, JIT-compiled: client-java's JSON vs the streaming "
				+ "decoder", "ms", summary(this.decode, "decodeWarmMillis"), streaming, null, null,
				"the same list bytes; reference column: client-java's JSON (second pass), starter column: the starter's "
						+ "streaming decoder (second of two passes)"));
		table.add(new ResultRow(this.name, "time from start to synced, against the streaming decoder's lower bound",
				"ms", streaming, summary(this.starter, "syncMillis"), null, null,
				"reference column: the streaming decoder alone on the same bytes in memory, JIT-compiled; starter "
						+ "column: the starter's sync (HTTP, paging off as configured, JIT warm-up, caching, transform)"));
		table.add(new ResultRow(this.name, "floor: Gson tree parse (JsonParser) vs the streaming decoder", "ms",
				summary(this.decode, "gsonTreeWarmMillis"), streaming, null, null,
				"reference column: a JsonElement tree of the same bytes, no model objects; JIT-compiled"));
		table.add(new ResultRow(this.name, "floor: Jackson tree parse (ObjectMapper.readTree) vs the streaming decoder",
				"ms", summary(this.decode, "jacksonTreeWarmMillis"), streaming, null, null,
				"reference column: a JsonNode tree of the same bytes (jackson-databind 2, on client-java's class path); "
						+ "JIT-compiled"));
		table.add(new ResultRow(this.name, "tokenizer only: Jackson JsonParser vs Gson JsonReader", "ms",
				summary(this.decode, "jacksonTokensWarmMillis"), summary(this.decode, "gsonTokensWarmMillis"), null,
				null, "every name and value read as a string, no objects; reference column: Jackson, starter column: "
						+ "Gson (what the streaming decoder reads with); JIT-compiled"));
	}

	private String warmDecode() {
		Summary warm = summary(this.decode, "decodeWarmMillis");
		return (warm.median() != null) ? "; decoding again, JIT-compiled: " + warm.display() + " ms" : "";
	}

	private static String fieldNote(String field) {
		return switch (field) {
			case "lastAppliedAnnotation" -> "heap given back by removing kubectl.kubernetes.io/last-applied-configuration from every cached object";
			case "managedFields" -> "reference: a run with -Dkubernetes.client.includeManagedFields=true (client-java drops them by default)";
			case "emptyCollections" -> "the empty lists and maps client-java's models are created with (nulled in place)";
			case "status" -> "Pod status (conditions, containerStatuses, IPs)";
			default -> "";
		};
	}

	private static void record(List<Map<String, Object>> runs, Map<String, Object> figures) {
		runs.add(figures);
	}

	/** One figure over the runs of one side: its values, and the runs that failed. */
	static Summary summary(List<Map<String, Object>> runs, String figure) {
		Summary summary = new Summary();
		for (Map<String, Object> run : runs) {
			BenchmarkRunner.collect(summary, run, figure);
		}
		return summary;
	}

	/**
	 * What one sync scenario runs: {@code count} objects of {@code resource} in a namespace named after the scenario,
	 * each side's heap, the decode lower bound's page size (0: one request, as the reference lists), the targets.
	 */
	record Setup(String name, String resource, int count, String starterHeap, String referenceHeap, int decodePageSize,
			@Nullable Target syncTarget, @Nullable Target heapTarget, @Nullable Target lowerBoundTarget) {
	}

}
