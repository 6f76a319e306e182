/**
 * The API server JVM of the benchmarks: seeds realistic objects and writes updates on command.
 */
@NullMarked
package io.github.informer.benchmarks.server;

import org.jspecify.annotations.NullMarked;
