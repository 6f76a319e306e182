package io.github.informer.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test class or method only when {@code kubectl} is on {@code PATH} (to drive it against
 * {@link FakeKubernetesApiServer#writeKubeconfig a kubeconfig of the server}); otherwise JUnit reports it skipped
 * with the reason {@code kubectl is not on PATH (install kubectl to run it): skipping <test>}.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(KubectlCondition.class)
public @interface EnabledIfKubectl {

}
