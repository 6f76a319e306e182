package io.github.informer.client;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.CoreV1Event;
import io.kubernetes.client.openapi.models.EventsV1Event;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BuiltInKinds}: the table resolves kinds with their group and matches what client-java's API classes list.
 */
class BuiltInKindsTests {

	/** client-java API class name prefixes and the API groups they call. */
	private static final Map<String, String> GROUPS = Map.ofEntries(
			Map.entry("Admissionregistration", "admissionregistration.k8s.io"),
			Map.entry("Apiextensions", "apiextensions.k8s.io"), Map.entry("Apiregistration", "apiregistration.k8s.io"),
			Map.entry("Apps", "apps"), Map.entry("Authentication", "authentication.k8s.io"),
			Map.entry("Authorization", "authorization.k8s.io"), Map.entry("Autoscaling", "autoscaling"),
			Map.entry("Batch", "batch"), Map.entry("Certificates", "certificates.k8s.io"),
			Map.entry("Coordination", "coordination.k8s.io"), Map.entry("Core", ""),
			Map.entry("Discovery", "discovery.k8s.io"), Map.entry("Events", "events.k8s.io"),
			Map.entry("FlowcontrolApiserver", "flowcontrol.apiserver.k8s.io"),
			Map.entry("InternalApiserver", "internal.apiserver.k8s.io"), Map.entry("Networking", "networking.k8s.io"),
			Map.entry("Node", "node.k8s.io"), Map.entry("Policy", "policy"),
			Map.entry("RbacAuthorization", "rbac.authorization.k8s.io"), Map.entry("Resource", "resource.k8s.io"),
			Map.entry("Scheduling", "scheduling.k8s.io"), Map.entry("Storage", "storage.k8s.io"),
			Map.entry("Storagemigration", "storagemigration.k8s.io"));

	@Test
	void resolvesKindsWithTheirGroup() {
		assertThat(BuiltInKinds.model("", "v1", "Pod")).isEqualTo(V1Pod.class);
		assertThat(BuiltInKinds.model("apps", "v1", "Deployment")).isEqualTo(V1Deployment.class);
		assertThat(BuiltInKinds.model("", "v1", "Deployment")).isNull();
		assertThat(BuiltInKinds.model("", "v1", "Event")).isEqualTo(CoreV1Event.class);
		assertThat(BuiltInKinds.model("events.k8s.io", "v1", "Event")).isEqualTo(EventsV1Event.class);
		assertThat(BuiltInKinds.of(V2HorizontalPodAutoscaler.class).apiVersion()).isEqualTo("autoscaling/v2");
		assertThat(BuiltInKinds.of(V1Deployment.class).apiVersion()).isEqualTo("apps/v1");
		assertThat(BuiltInKinds.named("deployment")).extracting(BuiltInKinds.Kind::apiVersion)
			.containsExactly("apps/v1");
		assertThat(BuiltInKinds.isBuiltInGroup("apps")).isTrue();
		assertThat(BuiltInKinds.isBuiltInGroup("example.com")).isFalse();
		assertThat(BuiltInKinds.isBuiltInGroup("authorization.k8s.io")).as("a group without listable kinds").isTrue();
		assertThat(BuiltInKinds.isClusterScoped("", "Node")).isTrue();
		assertThat(BuiltInKinds.isClusterScoped("resource.k8s.io", "ResourceSlice")).isTrue();
		assertThat(BuiltInKinds.isClusterScoped("", "Pod")).isFalse();
		assertThat(BuiltInKinds.isClusterScoped("example.com", "Node")).as("not built in").isFalse();
	}

	@Test
	void tableMatchesTheListableKindsOfClientJavasApiClasses() throws Exception {
		Pattern apiName = Pattern
			.compile("io/kubernetes/client/openapi/apis/([A-Za-z]+?)(V[0-9]+(?:alpha[0-9]+|beta[0-9]+)?)Api\\.class");
		Map<String, String> derived = new TreeMap<>();
		Set<String> derivedGroups = new TreeSet<>();
		URL jar = CoreV1Api.class.getResource("CoreV1Api.class");
		try (JarFile file = ((JarURLConnection) jar.openConnection()).getJarFile()) {
			for (var entry : file.stream().toList()) {
				Matcher matcher = apiName.matcher(entry.getName());
				if (!matcher.matches()) {
					continue;
				}
				String group = GROUPS.get(matcher.group(1));
				assertThat(group).as("group of %s", entry.getName()).isNotNull();
				String version = matcher.group(2).toLowerCase();
				derivedGroups.add(group);
				Class<?> api = Class.forName(entry.getName().replace('/', '.').replace(".class", ""));
				Set<String> methods = Arrays.stream(api.getMethods()).map(Method::getName).collect(Collectors.toSet());
				for (Method method : api.getMethods()) {
					if (!method.getName().startsWith("list") || method.getName().endsWith("Call")) {
						continue;
					}
					Class<?> list;
					Method items;
					try {
						list = method.getReturnType().getMethod("execute").getReturnType();
						items = list.getMethod("getItems");
					}
					catch (NoSuchMethodException ex) {
						continue;
					}
					Class<?> model = (Class<?>) ((ParameterizedType) items.getGenericReturnType())
						.getActualTypeArguments()[0];
					if (!io.kubernetes.client.common.KubernetesObject.class.isAssignableFrom(model)) {
						continue;
					}
					String kind = list.getSimpleName()
						.replaceAll("List$", "")
						.replaceFirst("^.*?V[0-9]+(alpha[0-9]+|beta[0-9]+)?", "");
					String scope = methods.contains("listNamespaced" + kind) ? "namespaced" : "cluster";
					derived.put(model.getSimpleName(), group + "|" + version + "|" + kind + "|" + scope);
				}
			}
		}
		Map<String, String> table = new TreeMap<>();
		Set<String> tableGroups = new TreeSet<>();
		try (InputStream stream = BuiltInKinds.class.getResourceAsStream("built-in-kinds.txt")) {
			for (String line : new String(stream.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
				if (!line.isBlank() && !line.startsWith("#")) {
					String[] parts = line.trim().split(" ", 2);
					if (parts[0].equals("group")) {
						tableGroups.add(parts[1]);
					}
					else {
						table.put(parts[0], parts[1]);
						tableGroups.add(parts[1].split("\\|")[0]);
					}
				}
			}
		}
		catch (IOException ex) {
			throw ex;
		}
		assertThat(derived).hasSizeGreaterThan(80);
		assertThat(table).isEqualTo(derived);
		assertThat(tableGroups).isEqualTo(derivedGroups);
	}

}
