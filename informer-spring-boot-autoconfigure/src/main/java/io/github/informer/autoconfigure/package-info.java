/**
 * Auto-configuration, configuration properties, customizer interfaces and failure analyzers.
 */
@NullMarked
package io.github.informer.autoconfigure;

import org.jspecify.annotations.NullMarked;
