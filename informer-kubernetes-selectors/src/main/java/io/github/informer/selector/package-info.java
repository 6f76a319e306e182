/**
 * Kubernetes label and field selectors, parsed exactly as kube-apiserver parses them (apimachinery's
 * {@code labels.Parse} and {@code fields.ParseSelector}), with kube-apiserver's error messages. One parser for the
 * starter's startup validation and the test kit's matching, so both accept and reject what a real cluster does.
 */
@NullMarked
package io.github.informer.selector;

import org.jspecify.annotations.NullMarked;
