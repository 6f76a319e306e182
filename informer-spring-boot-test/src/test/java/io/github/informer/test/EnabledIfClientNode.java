package io.github.informer.test;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated tests only where node can run {@code @kubernetes/client-node} (installed in
 * {@code src/test/node}); otherwise JUnit reports them skipped with what is missing.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ExternalClients.ClientNodeCondition.class)
@interface EnabledIfClientNode {

}
