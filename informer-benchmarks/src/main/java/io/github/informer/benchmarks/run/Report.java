package io.github.informer.benchmarks.run;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

import com.google.gson.Gson;

/**
 * The figures one measured JVM reports, written as one {@code BENCH-RESULT {json}} line on stdout so the runner can
 * tell them from log output.
 */
public final class Report {

	/** The prefix of the line carrying a measured JVM's figures. */
	public static final String RESULT = "BENCH-RESULT ";

	/** The prefix of the line a measured JVM prints when its informer has synced and it waits for server writes. */
	public static final String READY = "BENCH-READY";

	private final Map<String, Object> figures = new LinkedHashMap<>();

	public Report put(String name, Object value) {
		this.figures.put(name, value);
		return this;
	}

	public Map<String, Object> figures() {
		return this.figures;
	}

	/** Prints the result line and flushes, so the runner sees it even if the JVM is then killed. */
	public void print(PrintStream out) {
		out.println(RESULT + new Gson().toJson(this.figures));
		out.flush();
	}

	/** Tells the runner this JVM is synced and waiting for the server's writes. */
	public static void ready(PrintStream out) {
		out.println(READY);
		out.flush();
	}

}
