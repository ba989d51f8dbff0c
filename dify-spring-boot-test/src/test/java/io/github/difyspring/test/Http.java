package io.github.difyspring.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests to a test server from a client that shares no code with it: the JDK's.
 */
final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Http() {
    }

    /**
     * Sends a GET with an app's key.
     * @param url the URL
     * @param apiKey the key, sent as a bearer token
     * @return the answer
     */
    static HttpResponse<String> get(String url, String apiKey) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + apiKey)
            .timeout(Duration.ofSeconds(10))
            .GET()
            .build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Reads a JSON object.
     * @param json the JSON
     * @return its fields
     */
    static Map<String, Object> json(String json) {
        return JSON.readValue(json, new TypeReference<>() {
        });
    }

    /**
     * Whether something listens on a loopback port.
     * @param port the port
     * @return true when a connection is accepted
     */
    static boolean listens(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }
}
