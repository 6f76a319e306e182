package io.github.informer.client;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;

import io.kubernetes.client.common.KubernetesObject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link ModelFields}' per-class cache must not keep model classes alive: a user model loaded by a class loader that
 * is later discarded (a devtools restart, a redeployed application) must be collectable once nothing else holds it.
 */
class ModelFieldsTests {

	@Test
	void aModelClassOfADiscardedClassLoaderIsNotPinned() throws Exception {
		WeakReference<ClassLoader> loader = pruneAndInternWithAThrowawayLoader();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
			System.gc();
			return loader.get() == null;
		});
	}

	@Test
	void fieldsAreFoundByTheirJsonNamesThroughSuperclasses() {
		assertThat(ModelFields.of(ThrowawayModel.class)).containsOnlyKeys("apiVersion", "kind", "metadata", "spec");
		assertThat(ModelFields.of(ThrowawayModel.class)).isSameAs(ModelFields.of(ThrowawayModel.class));
	}

	private static WeakReference<ClassLoader> pruneAndInternWithAThrowawayLoader() throws Exception {
		ThrowawayLoader loader = new ThrowawayLoader(ThrowawayModel.class.getName(),
				ThrowawayModel.Spec.class.getName());
		Class<?> type = loader.loadClass(ThrowawayModel.class.getName());
		assertThat(type.getClassLoader()).isSameAs(loader);
		Object model = type.getDeclaredConstructor().newInstance();
		FieldPruner.compile(type, List.of("spec.secret")).prune(model);
		new CacheTransform(type, true, FieldPruner.compile(type, List.of("spec.secret")), new StringInterner(10))
			.transform((KubernetesObject) model);
		new TypeMeta(new ResourceType<>("example.com", "v1", "ThrowawayModel",
				type.asSubclass(KubernetesObject.class), "throwawaymodels"))
			.fill((KubernetesObject) model);
		assertThat(((KubernetesObject) model).getKind()).isEqualTo("ThrowawayModel");
		return new WeakReference<>(loader);
	}

	/** Defines the named classes itself (from the test classes' bytes); everything else comes from its parent. */
	private static final class ThrowawayLoader extends ClassLoader {

		private final List<String> own;

		ThrowawayLoader(String... own) {
			super(ModelFieldsTests.class.getClassLoader());
			this.own = List.of(own);
		}

		@Override
		protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
			if (!this.own.contains(name)) {
				return super.loadClass(name, resolve);
			}
			synchronized (getClassLoadingLock(name)) {
				Class<?> loaded = findLoadedClass(name);
				if (loaded != null) {
					return loaded;
				}
				try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
					byte[] bytes = in.readAllBytes();
					return defineClass(name, bytes, 0, bytes.length);
				}
				catch (IOException ex) {
					throw new ClassNotFoundException(name, ex);
				}
			}
		}

	}

}
