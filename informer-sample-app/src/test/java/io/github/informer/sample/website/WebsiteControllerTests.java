package io.github.informer.sample.website;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import io.github.informer.sample.Kubectl;
import io.github.informer.sample.cluster.DemoCluster;
import io.github.informer.sample.cluster.EmbeddedClusterInitializer;
import io.github.informer.test.EnabledIfKubectl;
import io.github.informer.test.FakeKubernetesApiServer;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1OwnerReference;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample's Website controller on the embedded cluster, as the README's command runs it: the demo Websites are
 * reconciled into owned ConfigMaps and Deployments with a Ready status, new and changed Websites follow, and
 * {@code GET /api/websites} answers from the caches.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sample.embedded-cluster.mode=always", "sample.embedded-cluster.workload-interval=0s" })
@DirtiesContext
class WebsiteControllerTests {

	@LocalServerPort
	int port;

	@Autowired
	@Qualifier(EmbeddedClusterInitializer.SERVER_BEAN_NAME)
	FakeKubernetesApiServer server;

	@TempDir
	Path directory;

	@Test
	void demoWebsitesGetAnOwnedConfigMapAndDeploymentAndAReadyStatus() {
		reconciled().untilAsserted(() -> {
			assertReconciled("docs", "<h1>Shop documentation</h1>", "nginx:1.27", 2);
			assertReconciled("status", "<h1>All systems operational</h1>", "nginx:1.27-alpine", 1);
		});
	}

	@Test
	void aNewWebsiteGetsItsDeploymentAndAChangedOneIsUpdated() {
		this.server.create(DemoCluster.website("web", "careers", "<h1>Join us</h1>", "nginx:1.27", 1));
		reconciled().untilAsserted(() -> assertReconciled("careers", "<h1>Join us</h1>", "nginx:1.27", 1));
		DynamicKubernetesObject careers = website("careers");
		careers.getRaw().getAsJsonObject("spec").addProperty("replicas", 3);
		careers.getRaw().getAsJsonObject("spec").addProperty("content", "<h1>Join us: 3 openings</h1>");
		this.server.update(careers);
		reconciled().untilAsserted(() -> assertReconciled("careers", "<h1>Join us: 3 openings</h1>", "nginx:1.27", 3));
	}

	@Test
	void anOwnedDeploymentDeletedByHandIsRecreated() {
		reconciled().untilAsserted(() -> assertThat(this.server.get(V1Deployment.class, "web", "docs")).isPresent());
		String uid = this.server.get(V1Deployment.class, "web", "docs").orElseThrow().getMetadata().getUid();
		this.server.delete("apps/v1", "Deployment", "web", "docs");
		reconciled().untilAsserted(() -> assertThat(this.server.get(V1Deployment.class, "web", "docs"))
			.hasValueSatisfying((deployment) -> assertThat(deployment.getMetadata().getUid()).isNotEqualTo(uid)));
	}

	@Test
	@EnabledIfKubectl
	void kubectlApplyOfANewWebsiteMakesItsDeploymentAppear() throws Exception {
		Path kubeconfig = this.server.writeKubeconfig(this.directory.resolve("fake.kubeconfig"));
		String example = Path.of("..", "deploy", "examples", "website.yaml").toString();
		String applied = Kubectl.run(kubeconfig, "apply", "-f", example);
		assertThat(applied).contains("website.sample.informer.io/status-page created");
		reconciled().untilAsserted(
				() -> assertReconciled("status-page", "<h1>All systems operational</h1>", "nginx:1.27", 2));
		assertThat(Kubectl.run(kubeconfig, "get", "website", "status-page", "-n", "web", "-o",
				"jsonpath={.status.conditions[?(@.type==\"Ready\")].status}")).isEqualTo("True");
	}

	@Test
	void websitesEndpointAnswersFromTheCaches() throws Exception {
		reconciled().untilAsserted(() -> {
			DocumentContext json = get("/api/websites");
			assertThat(json.<List<String>>read("$[*].name")).contains("docs", "status");
			List<Map<String, Object>> docs = json.read("$[?(@.name == 'docs')]");
			assertThat(docs).singleElement()
				.satisfies((website) -> assertThat(website).containsEntry("namespace", "web")
					.containsEntry("image", "nginx:1.27")
					.containsEntry("replicas", 2)
					.containsEntry("ready", "True")
					.containsEntry("configMap", "docs-content")
					.containsEntry("deployedImage", "nginx:1.27")
					.containsEntry("deployedReplicas", 2));
		});
	}

	/** Until the controller has written them, the owned objects are absent: keep polling. */
	private static ConditionFactory reconciled() {
		return await().atMost(Duration.ofSeconds(60)).ignoreExceptionsInstanceOf(NoSuchElementException.class);
	}

	private void assertReconciled(String name, String content, String image, int replicas) {
		V1ConfigMap configMap = this.server.get(V1ConfigMap.class, "web", name + "-content").orElseThrow();
		assertThat(configMap.getData()).containsEntry("index.html", content);
		V1Deployment deployment = this.server.get(V1Deployment.class, "web", name).orElseThrow();
		assertThat(deployment.getSpec().getReplicas()).isEqualTo(replicas);
		assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo(image);
		DynamicKubernetesObject website = website(name);
		for (List<V1OwnerReference> owners : List.of(configMap.getMetadata().getOwnerReferences(),
				deployment.getMetadata().getOwnerReferences())) {
			assertThat(owners).singleElement().satisfies((owner) -> {
				assertThat(owner.getKind()).isEqualTo("Website");
				assertThat(owner.getApiVersion()).isEqualTo("sample.informer.io/v1");
				assertThat(owner.getUid()).isEqualTo(website.getMetadata().getUid());
				assertThat(owner.getController()).isTrue();
			});
		}
		assertThat(Website.readyCondition(website)).isEqualTo("True");
		assertThat(website.getRaw().getAsJsonObject("status").get("observedGeneration").getAsLong())
			.isEqualTo(website.getMetadata().getGeneration());
	}

	private DynamicKubernetesObject website(String name) {
		return this.server.get("sample.informer.io/v1", "Website", "web", name).orElseThrow();
	}

	private DocumentContext get(String path) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return JsonPath.parse(response.body());
	}

}
