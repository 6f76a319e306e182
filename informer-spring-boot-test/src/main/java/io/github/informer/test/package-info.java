/**
 * The test kit: {@link io.github.informer.test.FakeKubernetesApiServer}, an in-JVM Kubernetes API server that
 * client-java, informers and kubectl can talk to, with JUnit 5 and Spring Boot test support.
 */
@NullMarked
package io.github.informer.test;

import org.jspecify.annotations.NullMarked;
