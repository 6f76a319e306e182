/**
 * Benchmark harness: runs the starter and hand-wired client-java against the same API server and reports the ratios.
 */
@NullMarked
package io.github.informer.benchmarks;

import org.jspecify.annotations.NullMarked;
