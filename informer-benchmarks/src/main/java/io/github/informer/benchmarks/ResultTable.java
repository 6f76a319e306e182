package io.github.informer.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.GsonBuilder;

/**
 * The results of a benchmark run: the rows of the table, the raw figures of every measured JVM, and the conditions
 * (machine, load, settings). Printed as a Markdown table and written as {@code results.md} and {@code results.json}.
 */
final class ResultTable {

	private final Map<String, Object> conditions = new LinkedHashMap<>();

	private final List<ResultRow> rows = new ArrayList<>();

	private final List<Map<String, Object>> runs = new ArrayList<>();

	void condition(String name, Object value) {
		this.conditions.put(name, value);
	}

	void add(ResultRow row) {
		this.rows.add(row);
	}

	/** Keeps the raw figures of one measured JVM (or its failure) for the JSON file. */
	void run(String scenario, String side, Map<String, Object> figures) {
		Map<String, Object> run = new LinkedHashMap<>();
		run.put("scenario", scenario);
		run.put("side", side);
		run.putAll(figures);
		this.runs.add(run);
	}

	List<ResultRow> rows() {
		return this.rows;
	}

	String markdown() {
		StringBuilder text = new StringBuilder();
		text.append("| scenario | figure | reference | starter | starter/reference | lower bound | target | result | conditions |\n");
		text.append("|---|---|---:|---:|---:|---:|---|---|---|\n");
		for (ResultRow row : this.rows) {
			text.append("| ")
				.append(row.scenario())
				.append(" | ")
				.append(row.figure())
				.append(" (")
				.append(row.unit())
				.append(") | ")
				.append(row.reference().display())
				.append(" | ")
				.append(row.starter().display())
				.append(" | ")
				.append(row.ratioText())
				.append(" | ")
				.append((row.lowerBound() != null) ? row.lowerBound().display() : "")
				.append(" | ")
				.append((row.target() != null) ? row.target().toString() : "")
				.append(" | ")
				.append(row.verdict())
				.append(" | ")
				.append(row.note())
				.append(" |\n");
		}
		text.append("\nConditions: ");
		this.conditions.forEach((name, value) -> text.append(name).append(" = ").append(value).append("; "));
		text.append('\n');
		return text.toString();
	}

	String json() {
		List<Map<String, Object>> table = new ArrayList<>();
		for (ResultRow row : this.rows) {
			Map<String, Object> line = new LinkedHashMap<>();
			line.put("scenario", row.scenario());
			line.put("figure", row.figure());
			line.put("unit", row.unit());
			line.put("reference", side(row.reference()));
			line.put("starter", side(row.starter()));
			line.put("ratio", row.ratio());
			if (row.lowerBound() != null) {
				line.put("lowerBound", side(row.lowerBound()));
			}
			line.put("target", (row.target() != null) ? row.target().toString() : null);
			line.put("result", row.verdict());
			line.put("conditions", row.note());
			table.add(line);
		}
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("conditions", this.conditions);
		document.put("table", table);
		document.put("runs", this.runs);
		return new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create().toJson(document);
	}

	/** Writes {@code results.md} and {@code results.json} into {@code directory}. */
	void write(Path directory) throws IOException {
		Files.createDirectories(directory);
		Files.writeString(directory.resolve("results.md"), markdown());
		Files.writeString(directory.resolve("results.json"), json());
	}

	private static Map<String, Object> side(Summary summary) {
		Map<String, Object> side = new LinkedHashMap<>();
		side.put("median", summary.median());
		side.put("values", summary.values());
		side.put("failures", summary.failures());
		return side;
	}

}
