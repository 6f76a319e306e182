/**
 * The measured JVMs: one informer set-up (starter or hand-wired reference) per process, reporting figures as a JSON line.
 */
@NullMarked
package io.github.informer.benchmarks.run;

import org.jspecify.annotations.NullMarked;
