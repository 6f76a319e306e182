package io.github.informer.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.github.informer.test.EnabledIfKubectl;
import io.github.informer.test.FakeKubernetesApiServer;
import io.github.informer.test.FakeKubernetesApiServerExtension;
import io.kubernetes.client.openapi.models.V1ClusterRole;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1PolicyRule;
import io.kubernetes.client.openapi.models.V1Role;
import io.kubernetes.client.openapi.models.V1RoleBinding;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manifests in {@code deploy/}: RBAC grants exactly list and watch on the resources the sample's
 * {@code application.yaml} configures, the probes hit the health groups, and kubectl applies them (against the fake
 * API server; that part is skipped when kubectl is not on PATH).
 */
class DeployManifestsTests {

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	private static final Path DEPLOY = Path.of("..", "deploy");

	@TempDir
	Path directory;

	@Test
	void clusterRoleGrantsListAndWatchOnTheCachedResourcesAndOnlyTheWritesTheControllerMakes(
			FakeKubernetesApiServer server) throws IOException {
		server.seedYaml(read("rbac.yaml"));
		V1ClusterRole role = server.get(V1ClusterRole.class, null, "informer-sample-app").orElseThrow();
		Map<String, Set<String>> granted = new TreeMap<>();
		for (V1PolicyRule rule : role.getRules()) {
			for (String group : rule.getApiGroups()) {
				rule.getResources()
					.forEach((resource) -> granted.computeIfAbsent(group + "/" + resource, (key) -> new TreeSet<>())
						.addAll(rule.getVerbs()));
			}
		}
		Map<String, Set<String>> expected = new TreeMap<>();
		configuredResources().forEach((resource) -> expected.put(resource, new TreeSet<>(Set.of("list", "watch"))));
		// the Website controller creates and replaces what it owns, and reports in websites/status
		expected.get("/configmaps").addAll(Set.of("create", "update"));
		expected.get("apps/deployments").addAll(Set.of("create", "update"));
		expected.put("sample.informer.io/websites/status", Set.of("update"));
		assertThat(granted).isEqualTo(expected);
		assertThat(server.get(V1ServiceAccount.class, "default", "informer-sample-app")).isPresent();
	}

	@Test
	void leaseRoleGrantsGetCreateUpdateOnLeasesInItsOwnNamespaceOnly(FakeKubernetesApiServer server) throws IOException {
		server.seedYaml(read("rbac.yaml"));
		V1Role role = server.get(V1Role.class, "default", "informer-sample-app-leader-election").orElseThrow();
		assertThat(role.getRules()).singleElement().satisfies((rule) -> {
			assertThat(rule.getApiGroups()).containsExactly("coordination.k8s.io");
			assertThat(rule.getResources()).containsExactly("leases");
			assertThat(rule.getVerbs()).containsExactly("get", "create", "update");
		});
		V1RoleBinding binding = server.get(V1RoleBinding.class, "default", "informer-sample-app-leader-election")
			.orElseThrow();
		assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
		assertThat(binding.getSubjects()).singleElement()
			.satisfies((subject) -> assertThat(subject.getName()).isEqualTo("informer-sample-app"));
		server.seedYaml(read("deployment.yaml"));
		assertThat(server.get(V1Deployment.class, "default", "informer-sample-app")
			.orElseThrow()
			.getSpec()
			.getReplicas()).isEqualTo(2);
	}

	@Test
	void deploymentProbesTheHealthGroupsAsTheServiceAccount(FakeKubernetesApiServer server) throws IOException {
		server.seedYaml(read("deployment.yaml"));
		V1Deployment deployment = server.get(V1Deployment.class, "default", "informer-sample-app").orElseThrow();
		assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
			.isEqualTo("informer-sample-app");
		V1Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
		assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/readiness");
		assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/actuator/health/liveness");
		assertThat(container.getPorts()).singleElement()
			.satisfies((port) -> assertThat(port.getContainerPort()).isEqualTo(8080));
	}

	@Test
	@EnabledIfKubectl
	void kubectlAppliesEveryManifest(FakeKubernetesApiServer server) throws Exception {
		Path kubeconfig = server.writeKubeconfig(this.directory.resolve("fake.kubeconfig"));
		String applied = Kubectl.run(kubeconfig, "apply", "-f", DEPLOY.toString());
		assertThat(applied).contains("serviceaccount/informer-sample-app created",
				"clusterrole.rbac.authorization.k8s.io/informer-sample-app created",
				"clusterrolebinding.rbac.authorization.k8s.io/informer-sample-app created",
				"deployment.apps/informer-sample-app created", "service/informer-sample-app created",
				"customresourcedefinition.apiextensions.k8s.io/websites.sample.informer.io created");
		assertThat(server.get(V1Deployment.class, "default", "informer-sample-app")).isPresent();
		String again = Kubectl.run(kubeconfig, "apply", "-f", DEPLOY.toString());
		assertThat(again).contains("deployment.apps/informer-sample-app unchanged");
	}

	/** {@code group/plural} of every resource in {@code application.yaml}, as RBAC names them. */
	@SuppressWarnings("unchecked")
	private static Set<String> configuredResources() throws IOException {
		// the first document: the one that applies everywhere (the second turns leader election on in a cluster)
		Map<String, Object> yaml = (Map<String, Object>) new Yaml()
			.loadAll(Files.readString(Path.of("src/main/resources/application.yaml"), StandardCharsets.UTF_8))
			.iterator()
			.next();
		Map<String, Object> informers = (Map<String, Object>) ((Map<String, Object>) yaml.get("kubernetes"))
			.get("informers");
		Map<String, Map<String, String>> resources = (Map<String, Map<String, String>>) informers.get("resources");
		Set<String> names = new TreeSet<>();
		resources.values().forEach((resource) -> {
			String apiVersion = resource.get("api-version");
			String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
			names.add(group + "/" + resource.get("kind").toLowerCase(Locale.ROOT) + "s");
		});
		return names;
	}

	private static String read(String file) throws IOException {
		return Files.readString(DEPLOY.resolve(file), StandardCharsets.UTF_8);
	}

}
