package io.github.informer.sample;

import java.time.Duration;

import io.github.informer.sample.cluster.EmbeddedClusterInitializer;
import io.github.informer.test.FakeKubernetesApiServer;
import io.kubernetes.client.openapi.models.V1Deployment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The resync-driven reminder: with the handler's resync shortened through its property, every round repeats the
 * deployments still not fully available, and stops repeating one once it recovers.
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE,
		properties = { "sample.embedded-cluster.mode=always", "sample.embedded-cluster.workload-interval=0s",
				"kubernetes.informers.handlers.deployment-availability-reporter.on-deployment.resync=300ms" })
@ExtendWith(OutputCaptureExtension.class)
class DeploymentAvailabilityReporterTests {

	private static final String REMINDER = "Deployment shop/payments still not fully available: 1/2 replicas available";

	@Autowired
	@Qualifier(EmbeddedClusterInitializer.SERVER_BEAN_NAME)
	FakeKubernetesApiServer server;

	@Test
	void everyResyncRemindsOfUnavailableDeploymentsUntilTheyRecover(CapturedOutput output) {
		assertThat(output).contains("Deployment shop/payments not fully available: 1/2 replicas available");
		await().atMost(Duration.ofSeconds(10)).until(() -> reminders(output) >= 2);
		assertThat(output).doesNotContain("Deployment shop/frontend still not fully available");

		V1Deployment payments = this.server.get(V1Deployment.class, "shop", "payments").orElseThrow();
		payments.getStatus().availableReplicas(2).readyReplicas(2).unavailableReplicas(null);
		this.server.update(payments);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> output.toString()
				.contains("Deployment shop/payments fully available again: 2/2 replicas available"));
		int after = reminders(output);
		await().pollDelay(Duration.ofMillis(1000)).until(() -> true);
		assertThat(reminders(output)).isEqualTo(after);
	}

	private static int reminders(CapturedOutput output) {
		return output.toString().split(REMINDER, -1).length - 1;
	}

}
