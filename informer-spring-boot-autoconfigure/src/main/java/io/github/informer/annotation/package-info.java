/**
 * The {@code @InformerHandler} annotation and the processor that finds annotated methods.
 */
@NullMarked
package io.github.informer.annotation;

import org.jspecify.annotations.NullMarked;
