package io.github.informer.test;

import java.util.List;

import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.openapi.ApiException;
import io.kubernetes.client.openapi.apis.AuthenticationV1Api;
import io.kubernetes.client.openapi.apis.AuthorizationV1Api;
import io.kubernetes.client.openapi.apis.CoreV1Api;
import io.kubernetes.client.openapi.models.V1ResourceAttributes;
import io.kubernetes.client.openapi.models.V1ResourceRule;
import io.kubernetes.client.openapi.models.V1SelfSubjectAccessReview;
import io.kubernetes.client.openapi.models.V1SelfSubjectAccessReviewSpec;
import io.kubernetes.client.openapi.models.V1SelfSubjectReview;
import io.kubernetes.client.openapi.models.V1SelfSubjectRulesReview;
import io.kubernetes.client.openapi.models.V1SelfSubjectRulesReviewSpec;
import io.kubernetes.client.openapi.models.V1SubjectRulesReviewStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * SelfSubjectAccessReview, SelfSubjectRulesReview and SelfSubjectReview through client-java: what
 * {@code kubectl auth can-i} and {@code auth whoami} ask, answered consistently with {@code forbid()}.
 */
class AccessReviewsTests {

	@RegisterExtension
	static final FakeKubernetesApiServerExtension fake = new FakeKubernetesApiServerExtension().perTest();

	private FakeKubernetesApiServer server;

	private ApiClient client;

	@BeforeEach
	void useServer(FakeKubernetesApiServer server) {
		this.server = server;
		this.client = this.server.apiClient();
	}

	@Test
	void anAccessReviewIsAllowedUntilTheResourceIsForbiddenThere() throws ApiException {
		assertThat(canI("list", "secrets", "team-a")).isTrue();
		this.server.forbid("secrets", "team-a");
		assertThat(canI("list", "secrets", "team-a")).isFalse();
		assertThat(canI("list", "secrets", "team-b")).isTrue();
		assertThat(canI("list", "configmaps", "team-a")).isTrue();
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> new CoreV1Api(this.client).listNamespacedSecret("team-a").execute())
			.satisfies((ex) -> assertThat(ex.getCode()).isEqualTo(403));
		this.server.forbid("pods", null);
		assertThat(canI("get", "pods", "")).isFalse();
		assertThat(canI("get", "pods", "anywhere")).isFalse();
		this.server.allow("pods", null);
		assertThat(canI("get", "pods", "")).isTrue();
	}

	@Test
	void aRulesReviewListsWhatIsAllowedInTheNamespace() throws ApiException {
		V1SubjectRulesReviewStatus open = rules("team-a");
		assertThat(open.getIncomplete()).isFalse();
		assertThat(open.getResourceRules()).singleElement().satisfies((rule) -> {
			assertThat(rule.getApiGroups()).containsExactly("*");
			assertThat(rule.getResources()).containsExactly("*");
			assertThat(rule.getVerbs()).containsExactly("*");
		});
		assertThat(open.getNonResourceRules()).singleElement()
			.satisfies((rule) -> assertThat(rule.getNonResourceURLs()).containsExactly("*"));
		this.server.forbid("secrets", "team-a");
		List<V1ResourceRule> restricted = rules("team-a").getResourceRules();
		assertThat(restricted).flatExtracting(V1ResourceRule::getResources).contains("configmaps", "pods")
			.doesNotContain("secrets", "*");
		assertThat(restricted).filteredOn((rule) -> rule.getApiGroups().contains("apps"))
			.flatExtracting(V1ResourceRule::getResources)
			.contains("deployments");
		assertThat(rules("team-b").getResourceRules()).singleElement()
			.satisfies((rule) -> assertThat(rule.getResources()).containsExactly("*"));
	}

	@Test
	void aSelfSubjectReviewSaysWhoTheCallerIs() throws ApiException {
		V1SelfSubjectReview review = new AuthenticationV1Api(this.client)
			.createSelfSubjectReview(new V1SelfSubjectReview())
			.execute();
		assertThat(review.getStatus().getUserInfo().getUsername()).isEqualTo("system:anonymous");
		assertThat(review.getStatus().getUserInfo().getGroups()).containsExactly("system:unauthenticated");
	}

	@Test
	void discoveryListsTheReviewGroupsAndTheirCreateOnlyResources() throws ApiException {
		assertThat(new io.kubernetes.client.openapi.apis.ApisApi(this.client).getAPIVersions().execute().getGroups())
			.extracting(io.kubernetes.client.openapi.models.V1APIGroup::getName)
			.contains("authorization.k8s.io", "authentication.k8s.io");
		assertThat(new AuthorizationV1Api(this.client).getAPIResources().execute().getResources())
			.extracting((resource) -> resource.getName() + " " + resource.getVerbs())
			.containsExactly("selfsubjectaccessreviews [create]", "selfsubjectrulesreviews [create]");
		assertThat(new AuthenticationV1Api(this.client).getAPIResources().execute().getResources())
			.extracting((resource) -> resource.getName() + " " + resource.getKind())
			.containsExactly("selfsubjectreviews SelfSubjectReview");
	}

	@Test
	void reviewsAreCreateOnly() throws Exception {
		try (okhttp3.Response response = this.client.getHttpClient()
			.newCall(new okhttp3.Request.Builder()
				.url(this.server.url() + "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews")
				.build())
			.execute()) {
			assertThat(response.code()).isEqualTo(405);
		}
	}

	private boolean canI(String verb, String resource, String namespace) throws ApiException {
		V1SelfSubjectAccessReview review = new V1SelfSubjectAccessReview()
			.spec(new V1SelfSubjectAccessReviewSpec().resourceAttributes(
					new V1ResourceAttributes().verb(verb).resource(resource).namespace(namespace)));
		return new AuthorizationV1Api(this.client).createSelfSubjectAccessReview(review)
			.execute()
			.getStatus()
			.getAllowed();
	}

	private V1SubjectRulesReviewStatus rules(String namespace) throws ApiException {
		return new AuthorizationV1Api(this.client)
			.createSelfSubjectRulesReview(
					new V1SelfSubjectRulesReview().spec(new V1SelfSubjectRulesReviewSpec().namespace(namespace)))
			.execute()
			.getStatus();
	}

}
