/**
 * The embedded fake cluster the sample starts when no Kubernetes cluster is configured, so that it runs on a fresh
 * machine: detection, demo objects and a simulated workload.
 */
@NullMarked
package io.github.informer.sample.cluster;

import org.jspecify.annotations.NullMarked;
