package io.github.informer.autoconfigure;

import io.kubernetes.client.openapi.ApiClient;

/**
 * Adjusts the auto-configured {@link ApiClient} before informers use it (timeouts, interceptors, debugging). To change
 * the OkHttp client, derive it with {@code client.getHttpClient().newBuilder()} so authentication interceptors stay.
 * Not applied to an {@code ApiClient} bean the application defines itself.
 */
@FunctionalInterface
public interface ApiClientCustomizer {

	/**
	 * Customize the client.
	 * @param client the client
	 */
	void customize(ApiClient client);

}
