package io.github.informer.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import io.github.informer.autoconfigure.KubernetesConnectionDetails;
import io.github.informer.sample.cluster.DemoCluster;
import io.github.informer.test.FakeKubernetesApiServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.Resource;

/**
 * A development-time Kubernetes cluster, as Spring Boot's Testcontainers support gives a database: a
 * {@link FakeKubernetesApiServer} bean seeded with the sample's CustomResourceDefinitions and then from
 * {@code dev-cluster.yaml} (or {@code dev-cluster.seed}), and the
 * {@link KubernetesConnectionDetails} that point the application at it. It writes a kubeconfig
 * ({@code dev-cluster.kubeconfig}, default {@code target/dev-cluster.kubeconfig}) so kubectl can change the cluster
 * while the application runs. The server is a bean, so it stops with the application.
 */
@TestConfiguration(proxyBeanMethods = false)
public class DevelopmentCluster {

	private static final Logger logger = LoggerFactory.getLogger(DevelopmentCluster.class);

	@Bean(destroyMethod = "close")
	FakeKubernetesApiServer developmentKubernetesApiServer(@Value("${dev-cluster.port:0}") int port,
			@Value("${dev-cluster.seed:classpath:dev-cluster.yaml}") Resource seed,
			@Value("${dev-cluster.kubeconfig:target/dev-cluster.kubeconfig}") Path kubeconfig) throws IOException {
		FakeKubernetesApiServer server = FakeKubernetesApiServer.builder().port(port).build().start();
		try {
			// the CRDs the sample's informers and controller need, as on the embedded cluster, then the seed file
			int objects = server.seedYaml(DemoCluster.customResourceDefinitions());
			objects += server.seedYaml(seed.getContentAsString(StandardCharsets.UTF_8));
			Files.createDirectories(kubeconfig.toAbsolutePath().getParent());
			server.writeKubeconfig(kubeconfig);
			logger.info("Development cluster: FakeKubernetesApiServer at {} with {} objects from {}. "
					+ "Try: kubectl --kubeconfig {} get pods -A", server.url(), objects, seed.getDescription(),
					kubeconfig);
			return server;
		}
		catch (IOException | RuntimeException ex) {
			server.close();
			throw ex;
		}
	}

	@Bean
	KubernetesConnectionDetails kubernetesConnectionDetails(FakeKubernetesApiServer developmentKubernetesApiServer) {
		return developmentKubernetesApiServer::url;
	}

}
