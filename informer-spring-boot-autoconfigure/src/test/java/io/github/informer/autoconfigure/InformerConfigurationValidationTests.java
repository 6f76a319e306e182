package io.github.informer.autoconfigure;

import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad configuration fails startup before any informer starts, naming the property, the problem and the fix.
 */
class InformerConfigurationValidationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(InformerAutoConfiguration.class))
		.withPropertyValues("kubernetes.informers.client.url=http://127.0.0.1:1",
				"kubernetes.informers.startup.wait-for-sync=false",
				"kubernetes.informers.resources.pods.api-version=v1", "kubernetes.informers.resources.pods.kind=Pod");

	@Test
	void malformedLabelSelectorNamesThePropertyAndTheSyntax() {
		fails("kubernetes.informers.resources.pods.label-selector=app=web,tier!", (exception) -> {
			assertThat(exception.getProperty()).isEqualTo("kubernetes.informers.resources.pods.label-selector");
			assertThat(exception.getProblem()).contains("'app=web,tier!'")
				.contains("unable to parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt");
			assertThat(exception.getAction()).contains("app=web").contains("notin");
		});
	}

	@Test
	void kubeApiserversMessageIsQuotedWholeBeforeTheSyntax() {
		fails("kubernetes.informers.resources.pods.label-selector=a/", (exception) -> {
			assertThat(exception.getProblem()).isEqualTo("'a/' is not a valid label selector (unable to parse "
					+ "requirement: <nil>: Invalid value: \"a/\": name part must be non-empty; name part must consist "
					+ "of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
					+ "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
					+ "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]'))");
			assertThat(exception.getAction()).startsWith("Use comma-separated requirements such as 'app=web'");
		});
	}

	@Test
	void labelSelectorWithBadSetSyntaxFails() {
		fails("kubernetes.informers.resources.pods.label-selector=env in prod", (exception) -> assertThat(
				exception.getProperty()).isEqualTo("kubernetes.informers.resources.pods.label-selector"));
	}

	@Test
	void malformedFieldSelectorNamesTheProperty() {
		fails("kubernetes.informers.resources.pods.field-selector=spec.nodeName", (exception) -> {
			assertThat(exception.getProperty()).isEqualTo("kubernetes.informers.resources.pods.field-selector");
			assertThat(exception.getProblem())
				.isEqualTo("'spec.nodeName' is not a valid field selector (invalid selector: 'spec.nodeName'; can't "
						+ "understand 'spec.nodeName')");
			assertThat(exception.getAction()).contains("spec.nodeName=node-1");
		});
	}

	@Test
	void negativeDurationsFail() {
		fails("kubernetes.informers.resources.pods.resync=-5s", (exception) -> {
			assertThat(exception.getProperty()).isEqualTo("kubernetes.informers.resources.pods.resync");
			assertThat(exception.getProblem()).contains("negative");
		});
		fails("kubernetes.informers.startup.sync-timeout=-1m", (exception) -> assertThat(exception.getProperty())
			.isEqualTo("kubernetes.informers.startup.sync-timeout"));
		fails("kubernetes.informers.handlers[pod-auditor.on-pod].resync=-1s", (exception) -> assertThat(
				exception.getProperty()).isEqualTo("kubernetes.informers.handlers[pod-auditor.on-pod].resync"));
	}

	@Test
	void unknownBuiltInKindFailsWithASuggestion() {
		fails(new String[] { "kubernetes.informers.resources.deployments.api-version=v1",
				"kubernetes.informers.resources.deployments.kind=Deployment" }, (exception) -> {
					assertThat(exception.getProperty()).isEqualTo("kubernetes.informers.resources.deployments.kind");
					assertThat(exception.getProblem()).contains("'Deployment'").contains("v1");
					assertThat(exception.getAction()).contains("apps/v1");
				});
		fails(new String[] { "kubernetes.informers.resources.pods.kind=Pods" },
				(exception) -> assertThat(exception.getAction()).contains("'Pod'"));
	}

	@Test
	void malformedApiVersionFails() {
		fails("kubernetes.informers.resources.pods.api-version=apps/v1/extra", (exception) -> assertThat(
				exception.getProperty()).isEqualTo("kubernetes.informers.resources.pods.api-version"));
	}

	@Test
	void missingKindFails() {
		fails("kubernetes.informers.resources.things.api-version=example.com/v1", (exception) -> {
			assertThat(exception.getProperty()).isEqualTo("kubernetes.informers.resources.things.kind");
			assertThat(exception.getProblem()).isEqualTo("is not set");
		});
	}

	@Test
	void prunePathThatDoesNotExistFails() {
		fails("kubernetes.informers.resources.pods.prune=status.containerStatus", (exception) -> {
			assertThat(exception.getProperty()).isEqualTo("kubernetes.informers.resources.pods.prune[0]");
			assertThat(exception.getProblem()).contains("V1PodStatus has no field 'containerStatus'")
				.contains("containerStatuses");
		});
	}

	@Test
	void indexExpressionThatDoesNotParseFails() {
		fails("kubernetes.informers.resources.pods.indexes.by-node=spec.nodeName ==", (exception) -> {
			assertThat(exception.getProperty()).isEqualTo("kubernetes.informers.resources.pods.indexes.by-node");
			assertThat(exception.getProblem()).contains("not a valid SpEL expression");
		});
	}

	@Test
	void namespacesOnAClusterScopedKindFail() {
		fails(new String[] { "kubernetes.informers.resources.nodes.api-version=v1",
				"kubernetes.informers.resources.nodes.kind=Node",
				"kubernetes.informers.resources.nodes.namespaces=web" },
				(exception) -> {
					assertThat(exception.getProperty()).isEqualTo("kubernetes.informers.resources.nodes.namespaces");
					assertThat(exception.getProblem()).contains("cluster-scoped");
				});
	}

	@Test
	void theScopeOfEveryBuiltInKindComesFromTheDerivedTableNotAHandList() {
		// ResourceSlice was missing from the hand-kept list of cluster-scoped kinds
		fails(new String[] { "kubernetes.informers.resources.slices.api-version=resource.k8s.io/v1",
				"kubernetes.informers.resources.slices.kind=ResourceSlice",
				"kubernetes.informers.resources.slices.namespaces=web" },
				(exception) -> {
					assertThat(exception.getProperty()).isEqualTo("kubernetes.informers.resources.slices.namespaces");
					assertThat(exception.getProblem()).contains("cluster-scoped");
				});
	}

	@Test
	void badNamespaceNameFails() {
		fails("kubernetes.informers.namespaces=Web_Team", (exception) -> assertThat(exception.getProperty())
			.isEqualTo("kubernetes.informers.namespaces[0]"));
	}

	@Test
	void unknownKeysAnywhereFailNamingTheKnownKeysOfTheirGroup() {
		fails("kubernetes.informers.client.read-timout=2s", (exception) -> {
			assertThat(exception.getProperty()).isEqualTo("kubernetes.informers.client.read-timout");
			assertThat(exception.getProblem()).isEqualTo("is not a known property");
			assertThat(exception.getAction())
				.startsWith("Did you mean kubernetes.informers.client.read-timeout? Use one of ")
				.contains("context", "kubeconfig", "read-timeout", "token-refresh", "url", "verify-ssl")
				.endsWith(" under kubernetes.informers.client");
		});
		fails("kubernetes.informers.startup.wait-for-synk=true", (exception) -> {
			assertThat(exception.getProperty()).isEqualTo("kubernetes.informers.startup.wait-for-synk");
			assertThat(exception.getAction())
				.startsWith("Did you mean kubernetes.informers.startup.wait-for-sync? Use one of ");
		});
	}

	@Test
	void failureAnalyzerReportsPropertyProblemAndFix() {
		this.runner.withPropertyValues("kubernetes.informers.resources.pods.label-selector=tier!").run((context) -> {
			FailureAnalysis analysis = new InformerConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).startsWith("Invalid Kubernetes informer configuration: "
					+ "kubernetes.informers.resources.pods.label-selector 'tier!' is not a valid label selector (unable to "
					+ "parse requirement: found '!', expected: in, notin, =, ==, !=, gt, lt)");
			assertThat(analysis.getAction()).startsWith("Use comma-separated requirements");
		});
	}

	@Test
	void failureAnalyzersAreRegistered() {
		// analyzers of other modules that need constructor arguments are skipped
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
			.load(FailureAnalyzer.class, null, (type, implementation, failure) -> {
			}))
			.hasAtLeastOneElementOfType(InformerConfigurationFailureAnalyzer.class)
			.hasAtLeastOneElementOfType(InformerSyncTimeoutFailureAnalyzer.class);
	}

	private void fails(String property, Consumer<InformerConfigurationException> check) {
		fails(new String[] { property }, check);
	}

	private void fails(String[] properties, Consumer<InformerConfigurationException> check) {
		this.runner.withPropertyValues(properties).run((context) -> {
			assertThat(context).hasFailed();
			check.accept(InformerLifecycleTests.findCause(context.getStartupFailure(),
					InformerConfigurationException.class));
		});
	}

}
