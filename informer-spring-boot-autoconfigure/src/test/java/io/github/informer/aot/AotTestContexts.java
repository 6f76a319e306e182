package io.github.informer.aot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.InputStreamSource;
import org.springframework.javapoet.ClassName;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Processes an application context ahead of time as {@code spring-boot:process-aot} does, compiles the generated code
 * and starts a fresh context from it, as an application started with {@code -Dspring.aot.enabled=true} is. The
 * generated classes are compiled into the test classes directory, so that they share the class loader (and the
 * package access) of the classes they call, as in a packaged application. Each processing gets its own class name
 * prefix, so contexts of several tests do not collide.
 */
final class AotTestContexts {

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private AotTestContexts() {
	}

	/**
	 * Process a context ahead of time.
	 * @param configuration the user configuration classes
	 * @param properties the environment at build time
	 * @return the result: hints, and the initializer to start a context from
	 */
	static Processed process(Class<?>[] configuration, String... properties) {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		TestPropertyValues.of(properties).applyTo(context);
		context.register(configuration);
		InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
		String feature = "InformerAot" + COUNTER.incrementAndGet() + "_";
		DefaultGenerationContext generation = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get(configuration[0]), feature), files);
		ClassName initializer = new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
		generation.writeGeneratedContent();
		return new Processed(generation.getRuntimeHints(), files, initializer.canonicalName());
	}

	/**
	 * The outcome of AOT processing.
	 *
	 * @param hints the runtime hints contributed
	 * @param files the generated sources and resources
	 * @param initializerClassName the generated context initializer
	 */
	record Processed(RuntimeHints hints, InMemoryGeneratedFiles files, String initializerClassName) {

		/**
		 * Compile the generated code and refresh a context from it, with no configuration class parsing or bean
		 * definition registration at run time.
		 * @param properties the environment at run time
		 * @return the refreshed context
		 */
		GenericApplicationContext start(String... properties) {
			GenericApplicationContext context = new GenericApplicationContext();
			TestPropertyValues.of(properties).applyTo(context);
			initializer().initialize(context);
			context.refresh();
			return context;
		}

		@SuppressWarnings("unchecked")
		private ApplicationContextInitializer<GenericApplicationContext> initializer() {
			Path output = testClasses();
			compile(output);
			try {
				Class<?> type = Class.forName(this.initializerClassName, true, AotTestContexts.class.getClassLoader());
				return (ApplicationContextInitializer<GenericApplicationContext>) type.getDeclaredConstructor()
					.newInstance();
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private void compile(Path output) {
			Path sources = null;
			try {
				sources = Files.createTempDirectory("informer-aot-sources");
				List<String> arguments = new ArrayList<>(List.of("-d", output.toString(), "-classpath",
						System.getProperty("java.class.path"), "-proc:none", "-parameters", "-nowarn", "-Xlint:none"));
				for (Map.Entry<String, InputStreamSource> file : this.files.getGeneratedFiles(Kind.SOURCE)
					.entrySet()) {
					Path source = sources.resolve(file.getKey());
					Files.createDirectories(source.getParent());
					try (InputStream in = file.getValue().getInputStream()) {
						Files.copy(in, source);
					}
					arguments.add(source.toString());
				}
				for (Map.Entry<String, InputStreamSource> file : this.files.getGeneratedFiles(Kind.CLASS)
					.entrySet()) {
					Path target = output.resolve(file.getKey());
					Files.createDirectories(target.getParent());
					try (InputStream in = file.getValue().getInputStream()) {
						Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
					}
				}
				JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
				assertThat(compiler).as("a JDK's compiler").isNotNull();
				int result = compiler.run(null, null, null, arguments.toArray(String[]::new));
				assertThat(result).as("javac of the AOT-generated sources").isZero();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			finally {
				if (sources != null) {
					FileSystemUtils.deleteRecursively(sources.toFile());
				}
			}
		}

		private static Path testClasses() {
			try {
				return Path.of(AotTestContexts.class.getProtectionDomain().getCodeSource().getLocation().toURI());
			}
			catch (URISyntaxException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
