package io.github.informer.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Starts a {@link FakeKubernetesApiServer} for each Spring test application context of the annotated class,
 * registers it as a bean (inject it with {@code @Autowired FakeKubernetesApiServer server}), points
 * {@code kubernetes.informers.client.url} at it, and closes it after the context's other beans are destroyed.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface EnableFakeKubernetesApiServer {

	/** Port on 127.0.0.1; 0 (the default) picks a free one. */
	int port() default 0;

	/** The property set to the server's URL. */
	String urlProperty() default "kubernetes.informers.client.url";

}
