package io.github.informer.test;

import java.io.IOException;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;

/**
 * Reads the object of a request body (JSON, YAML or protobuf) as the resource it is written to takes it: the one
 * place that knows the media types, shared by the main routes, the scale subresource and the reviews.
 */
@FunctionalInterface
interface BodyReader {

	JsonObject read(HttpExchange exchange, ResourceType type) throws IOException;

}
