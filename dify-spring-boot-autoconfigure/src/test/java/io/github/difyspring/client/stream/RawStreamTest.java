package io.github.difyspring.client.stream;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.completion.CompletionRequest;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.error.DifyStreamException;
import io.github.difyspring.client.event.DifyRawEvent;
import io.github.difyspring.client.workflow.WorkflowRunRequest;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The untyped streams hand every event on with its JSON exactly as received, fields the typed
 * records do not know included.
 */
class RawStreamTest extends DifyClientTestSupport {

    private static final String MESSAGE = "{\"event\":\"message\",\"task_id\":\"t1\",\"answer\":\"Hi\",\"brand_new_field\":{\"a\":[1,2]}}";

    private static final String NEW_TYPE = "{\"event\":\"brand_new_event\",\"task_id\":\"t1\",\"x\":1}";

    private static final String END = "{\"event\":\"message_end\",\"task_id\":\"t1\",\"metadata\":{\"usage\":{\"total_tokens\":3}}}";

    @Test
    void chatEventsKeepTheirJsonExactly() {
        stubStream("/v1/chat-messages", sse(MESSAGE + "\n" + NEW_TYPE + "\n" + END) + "event: ping\n\n");
        List<DifyRawEvent> events = chatClient().raw().stream(ChatRequest.of("Hi")).collectList().block(TIMEOUT);
        assertThat(events).containsExactly(new DifyRawEvent("message", "t1", MESSAGE),
                new DifyRawEvent("brand_new_event", "t1", NEW_TYPE), new DifyRawEvent("message_end", "t1", END));
        wireMock.verify(difyPost("/v1/chat-messages").withRequestBody(equalToJson(
                "{\"query\":\"Hi\",\"inputs\":{},\"response_mode\":\"streaming\",\"user\":\"" + DEFAULT_USER + "\"}")));
    }

    @Test
    void workflowAndCompletionStreamsAreRawToo() {
        String started = "{\"event\":\"workflow_started\",\"task_id\":\"w1\",\"workflow_run_id\":\"r1\",\"data\":{\"id\":\"r1\"}}";
        stubStream("/v1/workflows/run", sse(started));
        stubStream("/v1/completion-messages", sse(MESSAGE));
        assertThat(workflowClient().raw().stream(WorkflowRunRequest.of(java.util.Map.of())).collectList().block(TIMEOUT))
            .containsExactly(new DifyRawEvent("workflow_started", "w1", started));
        assertThat(completionClient().raw().stream(CompletionRequest.of(java.util.Map.of("query", "x"))).collectList()
            .block(TIMEOUT))
            .containsExactly(new DifyRawEvent("message", "t1", MESSAGE));
    }

    @Test
    void anErrorEventStillEndsTheStreamWithAnError() {
        stubStream("/v1/chat-messages", sse(MESSAGE + "\n"
                + "{\"event\":\"error\",\"task_id\":\"t1\",\"status\":400,\"code\":\"provider_quota_exceeded\",\"message\":\"Quota\"}"));
        DifyStreamException error = failure(chatClient(DifyAppType.CHAT).raw()
            .stream(ChatRequest.of("Hi")), DifyStreamException.class);
        assertThat(error.getCode()).isEqualTo("provider_quota_exceeded");
    }

    @Test
    void dataThatIsNotJsonIsPassedOnAsItCameAndTheStreamGoesOn() {
        stubStream("/v1/chat-messages", sse(MESSAGE + "\nnot json\n" + MESSAGE));
        List<DifyRawEvent> events = chatClient().raw().stream(ChatRequest.of("Hi")).collectList().block(TIMEOUT);
        assertThat(events).extracting(DifyRawEvent::json).containsExactly(MESSAGE, "not json", MESSAGE);
        assertThat(events.get(1).type()).isEmpty();
        assertThat(events.get(1).taskId()).isNull();
    }
}
