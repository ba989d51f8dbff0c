package io.github.difyspring.benchmarks.contenders;

/**
 * What every contender asks: the same question from the same end user, in each client's own way.
 */
public final class BenchRequests {

    /** The app's API key; the load server only checks that one is sent. */
    public static final String API_KEY = "app-benchmark";

    /** The Dify end user. */
    public static final String USER = "bench-user";

    /** The question. */
    public static final String QUERY = "Tell me a long story";

    private BenchRequests() {
    }

    /**
     * A chat request body, for the contenders that send JSON text.
     * @param responseMode {@code streaming} or {@code blocking}
     * @return the JSON
     */
    public static String chatBody(String responseMode) {
        return "{\"inputs\":{},\"query\":\"" + QUERY + "\",\"response_mode\":\"" + responseMode + "\",\"user\":\"" + USER + "\"}";
    }
}
