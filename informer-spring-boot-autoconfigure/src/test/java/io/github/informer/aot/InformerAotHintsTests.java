package io.github.informer.aot;

import com.google.gson.annotations.JsonAdapter;
import io.github.informer.actuate.InformerDescriptor;
import io.github.informer.actuate.InformersDescriptor;
import io.github.informer.handler.HandlerExpressionRootObject;
import io.github.informer.client.ObjectList;
import io.github.informer.handler.InformerEvent;
import io.kubernetes.client.custom.Quantity;
import io.kubernetes.client.openapi.models.V1APIResource;
import io.kubernetes.client.openapi.models.V1APIResourceList;
import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1DeploymentSpec;
import io.kubernetes.client.openapi.models.V1Lease;
import io.kubernetes.client.openapi.models.V1LeaseSpec;
import io.kubernetes.client.openapi.models.V1ListMeta;
import io.kubernetes.client.openapi.models.V1ObjectMeta;
import io.kubernetes.client.openapi.models.V1OwnerReference;
import io.kubernetes.client.openapi.models.V1Pod;
import io.kubernetes.client.openapi.models.V1PodSpec;
import io.kubernetes.client.openapi.models.V1ResourceRequirements;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceSpec;
import io.kubernetes.client.openapi.models.V1Status;
import io.kubernetes.client.openapi.models.V1StatusDetails;
import io.kubernetes.client.util.Watch;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runtime hints AOT processing contributes for the application of {@link InformerAotTests}: configured informers
 * ({@code pods} of V1Pod, {@code deployments}, the custom resource {@code websites}), the inferred {@code services}
 * informer, two handlers (one with a condition), an index expression, a bean typed by a model class, and the starter's
 * resources.
 */
class InformerAotHintsTests {

	private static RuntimeHints hints;

	@BeforeAll
	static void process() {
		hints = AotTestContexts.process(new Class<?>[] { InformerAotTests.AotApplication.class },
				"kubernetes.informers.resources.pods.api-version=v1", "kubernetes.informers.resources.pods.kind=Pod",
				"kubernetes.informers.resources.pods.indexes.by-node=spec.nodeName",
				"kubernetes.informers.resources.deployments.api-version=apps/v1",
				"kubernetes.informers.resources.deployments.kind=Deployment",
				"kubernetes.informers.resources.websites.api-version=example.com/v1",
				"kubernetes.informers.resources.websites.kind=Website",
				"management.endpoints.web.exposure.include=informers")
			.hints();
	}

	@Test
	void configuredModelClassesAndTheModelTypesTheyContainCanBeDecoded() {
		for (Class<?> model : new Class<?>[] { V1Pod.class, V1ObjectMeta.class, V1OwnerReference.class,
				V1PodSpec.class, V1Container.class, V1ResourceRequirements.class, Quantity.class, V1Deployment.class,
				V1DeploymentSpec.class }) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(model)
				.withMemberCategories(MemberCategory.ACCESS_DECLARED_FIELDS,
						MemberCategory.INVOKE_DECLARED_CONSTRUCTORS))
				.as(model.getName())
				.accepts(hints);
		}
	}

	@Test
	void nestedClassesOfModelTypesCanBeListed() {
		// the streaming decoder looks for client-java's generated CustomTypeAdapterFactory among them
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(V1Pod.class)
			.withMemberCategories(MemberCategory.DECLARED_CLASSES)).accepts(hints);
	}

	@Test
	void customResourcesCanBeCreatedFromTheirJson() {
		// websites (example.com/v1 Website) is cached as DynamicKubernetesObject, built from its JsonObject
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(DynamicKubernetesObject.class)
			.withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(hints);
	}

	@Test
	void gsonTypeAdaptersOfModelTypesCanBeInstantiated() {
		Class<?> adapter = Quantity.class.getAnnotation(JsonAdapter.class).value();
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(adapter)
			.withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(hints);
	}

	@Test
	void typeMetaOfCachedObjectsCanBeFilledIn() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(V1Pod.class, "setKind")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(V1Pod.class, "setApiVersion"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(V1Pod.class, "setMetadata")).accepts(hints);
	}

	@Test
	void informersInferredFromHandlerParameterTypesHaveTheirModelClasses() {
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(V1Service.class)
			.withMemberCategories(MemberCategory.ACCESS_DECLARED_FIELDS, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(V1ServiceSpec.class)).accepts(hints);
	}

	@Test
	void beansTypedByAModelClassHaveItsHints() {
		// ConfigMapConsumer implements Consumer<V1ConfigMap>, as a Reconciler<V1ConfigMap> bean would
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(V1ConfigMap.class)
			.withMemberCategories(MemberCategory.ACCESS_DECLARED_FIELDS, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS))
			.accepts(hints);
	}

	@Test
	void handlerMethodsCanBeInvoked() {
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(InformerAotTests.PodHandlers.class, "onWebPod")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(InformerAotTests.PodHandlers.class, "onService")).accepts(hints);
	}

	@Test
	void propertyPathsOfHandlerConditionsCanBeRead() {
		// condition = "#pod.metadata.namespace == 'web'"
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(V1Pod.class, "getMetadata")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(V1ObjectMeta.class, "getNamespace"))
			.accepts(hints);
		// only what the paths read: no getter of every model class
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(V1ObjectMeta.class, "getUid"))
			.rejects(hints);
	}

	@Test
	void propertyPathsOfIndexExpressionsCanBeRead() {
		// indexes.by-node = spec.nodeName
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(V1Pod.class, "getSpec")).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(V1PodSpec.class, "getNodeName"))
			.accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(V1PodSpec.class, "getHostname"))
			.rejects(hints);
	}

	@Test
	void listPagesWatchEventsStatusDiscoveryAndTheLeaseCanBeDecoded() {
		for (Class<?> type : new Class<?>[] { ObjectList.class, Watch.Response.class, V1Status.class,
				V1StatusDetails.class, V1APIResourceList.class, V1APIResource.class, V1ListMeta.class, V1Lease.class,
				V1LeaseSpec.class }) {
			assertThat(RuntimeHintsPredicates.reflection()
				.onType(type)
				.withMemberCategories(MemberCategory.ACCESS_DECLARED_FIELDS,
						MemberCategory.INVOKE_DECLARED_CONSTRUCTORS))
				.as(type.getName())
				.accepts(hints);
		}
	}

	@Test
	void theTableOfBuiltInKindsCanBeLoaded() {
		assertThat(RuntimeHintsPredicates.resource().forResource(InformerRuntimeHints.BUILT_IN_KINDS)).accepts(hints);
		assertThat(InformerRuntimeHints.class.getClassLoader().getResource(InformerRuntimeHints.BUILT_IN_KINDS))
			.isNotNull();
	}

	@Test
	void endpointResponsesCanBeSerialized() {
		// registered by Spring Boot for @ReadOperation return types: checked so a change there does not go unnoticed
		assertThat(RuntimeHintsPredicates.reflection().onType(InformersDescriptor.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(InformerDescriptor.class)).accepts(hints);
	}

	@Test
	void conditionRootObjectIsNotRegisteredWhenNoConditionUsesIt() {
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(HandlerExpressionRootObject.class, "event"))
			.rejects(hints);
		assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(InformerEvent.class, "object"))
			.rejects(hints);
	}

}
