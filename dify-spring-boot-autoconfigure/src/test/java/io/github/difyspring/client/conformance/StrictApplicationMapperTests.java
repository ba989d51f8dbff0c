package io.github.difyspring.client.conformance;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.codec.json.JacksonJsonDecoder;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.DifyCompletionClient;
import io.github.difyspring.client.DifyWorkflowClient;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.chat.ChatResponse;
import io.github.difyspring.client.completion.CompletionRequest;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.event.DifyEvent;
import io.github.difyspring.client.event.UndecodableEvent;
import io.github.difyspring.client.workflow.WorkflowRunRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every wire record decodes the same whatever the application's Jackson mapper is set to do: the
 * conformance transcripts read through a WebClient whose codecs use a strict mapper (fail on unknown
 * properties, no scalar coercion, nulls refused for primitives, a naming strategy that renames every
 * property, floats refused for integers) give exactly what they give with Spring's defaults.
 */
class StrictApplicationMapperTests extends DifyClientTestSupport {

    private static final JsonMapper STRICT = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
        .build();

    private static WebClient.Builder strictBuilder() {
        return WebClient.builder().codecs((codecs) -> {
            codecs.defaultCodecs().jacksonJsonDecoder(new JacksonJsonDecoder(STRICT));
            codecs.defaultCodecs().jacksonJsonEncoder(new JacksonJsonEncoder(STRICT));
        });
    }

    static List<String> streams() throws Exception {
        return ConformanceTests.streams().toList();
    }

    static List<String> blockingAnswers() throws Exception {
        return ConformanceTests.transcripts().filter((name) -> name.contains("-blocking") && !name.contains("refused")
                && !name.equals("chatflow-blocking-failed")).toList();
    }

    @Test
    void theStrictMapperOnItsOwnWouldMisreadDifysAnswers() {
        ConformanceTests.serve("chat-blocking");
        String body = Transcript.load("chat-blocking").body();

        ChatResponse misread = STRICT.readValue(body, ChatResponse.class);

        assertThat(misread.answer()).as("the naming strategy renames 'answer' to 'Answer'").isEmpty();
        assertThat(misread).isNotEqualTo(blocking("chat-blocking", strictBuilder()));
        assertThat(((ChatResponse) blocking("chat-blocking", strictBuilder())).answer()).isEqualTo("Hello, world");
    }

    @ParameterizedTest
    @MethodSource("streams")
    void streamsDecodeTheSame(String name) {
        ConformanceTests.serve(name);

        List<DifyEvent> lenient = ConformanceTests.stream(name, WebClient.builder()).collectList().block(TIMEOUT);
        List<DifyEvent> strict = ConformanceTests.stream(name, strictBuilder()).collectList().block(TIMEOUT);

        assertThat(strict).isEqualTo(lenient).noneMatch(UndecodableEvent.class::isInstance);
    }

    @ParameterizedTest
    @MethodSource("blockingAnswers")
    void blockingAnswersDecodeTheSame(String name) {
        ConformanceTests.serve(name);

        assertThat(blocking(name, strictBuilder())).isEqualTo(blocking(name, WebClient.builder())).isNotNull();
    }

    private static Object blocking(String name, WebClient.Builder builder) {
        DifyAppType type = ConformanceTests.typeOf(name);
        return switch (type) {
            case COMPLETION -> new DifyCompletionClient(app(type), builder).send(CompletionRequest.of(Map.of("query", "Hi"))).block(TIMEOUT);
            case WORKFLOW -> new DifyWorkflowClient(app(type), builder).run(WorkflowRunRequest.of(Map.of("name", "world"))).block(TIMEOUT);
            default -> new DifyChatClient(app(type), builder).send(ChatRequest.of("Hi")).block(TIMEOUT);
        };
    }
}
