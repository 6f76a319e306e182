/**
 * Spring AOT support: the runtime hints a native image needs for the informers, handlers and indexes an application
 * declares (model classes for decoding, handler methods, the property paths of SpEL conditions and index expressions,
 * the resources the starter reads).
 */
@NullMarked
package io.github.informer.aot;

import org.jspecify.annotations.NullMarked;
