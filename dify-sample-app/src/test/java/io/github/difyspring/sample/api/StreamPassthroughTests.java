package io.github.difyspring.sample.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.FluxExchangeResult;

import io.github.difyspring.sample.support.StubbedDifyTest;
import io.github.difyspring.test.DifyFault;
import io.github.difyspring.test.DifyTranscript;
import io.github.difyspring.test.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dify's streams relayed to the browser: every event, in order, intact, as soon as it arrives;
 * heartbeats instead of pings; errors as {@code error} events; and a browser that leaves stops
 * the work on Dify. The event types of older and future Dify versions, which the Dify test server
 * does not send, are relayed in {@link WireLevelTests}.
 */
class StreamPassthroughTests extends StubbedDifyTest {

    @Test
    void relaysDifysChatStreamEventForEventWithoutPings() {
        this.dify.app("support").replays(DifyTranscript.CHAT_STREAMING);

        FluxExchangeResult<ServerSentEvent<String>> result = as("alice").post()
            .uri("/api/apps/support/chat-messages")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"query\":\"hi\",\"inputs\":{},\"response_mode\":\"streaming\",\"user\":\"mallory\"}")
            .exchange()
            .expectStatus().isOk()
            .expectHeader().contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
            .returnResult(SSE);

        List<ServerSentEvent<String>> received = dataEvents(result.getResponseBody()).collectList().block(Duration.ofSeconds(10));
        assertRelayed(received, DifyTranscript.CHAT_STREAMING);
        assertThat(this.dify.requests().app("support").chatMessages().single().body())
            .isEqualTo(Map.of("query", "hi", "inputs", Map.of(), "response_mode", "streaming", "user", "alice"));
    }

    @Test
    void relaysWorkflowAndCompletionStreams() {
        this.dify.app("etl").replays(DifyTranscript.WORKFLOW_STREAMING);
        this.dify.app("writer").replays(DifyTranscript.COMPLETION_STREAMING);

        List<ServerSentEvent<String>> workflow = dataEvents(as("bob").post().uri("/api/apps/etl/workflows/run")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"inputs\":{\"topic\":\"rain\"},\"response_mode\":\"streaming\",\"user\":\"mallory\"}")
            .exchange().expectStatus().isOk().returnResult(SSE).getResponseBody()).collectList().block(Duration.ofSeconds(10));
        List<ServerSentEvent<String>> completion = dataEvents(as("bob").post().uri("/api/apps/writer/completion-messages")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"inputs\":{\"subject\":\"tea\"},\"response_mode\":\"streaming\"}")
            .exchange().expectStatus().isOk().returnResult(SSE).getResponseBody()).collectList().block(Duration.ofSeconds(10));

        assertRelayed(workflow, DifyTranscript.WORKFLOW_STREAMING);
        assertRelayed(completion, DifyTranscript.COMPLETION_STREAMING);
        assertThat(this.dify.requests().app("etl").workflowRuns().single().body())
            .isEqualTo(Map.of("inputs", Map.of("topic", "rain"), "response_mode", "streaming", "user", "bob"));
        assertThat(this.dify.requests().app("writer").completionMessages().single().user()).isEqualTo("bob");
    }

    @Test
    void anErrorMidStreamBecomesAnErrorEventAndEndsTheStream() {
        this.dify.app("support").answersInChunks("Hel", "lo", " there")
            .onNextRequest(DifyFault.errorEvent(1, 400, "provider_quota_exceeded", "Your quota is used up"));

        List<ServerSentEvent<String>> received = dataEvents(as("alice").post().uri("/api/apps/support/chat-messages")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"query\":\"hi\",\"response_mode\":\"streaming\"}")
            .exchange().expectStatus().isOk().returnResult(SSE).getResponseBody()).collectList().block(Duration.ofSeconds(10));

        assertThat(received).extracting(ServerSentEvent::event).containsExactly("message", "error");
        Map<String, Object> message = json(received.get(0).data());
        assertThat(message).containsEntry("answer", "Hel");
        // Dify's error event of a chat has no task_id: the relay names the task its earlier events did.
        assertThat(json(received.get(1).data())).containsEntry("event", "error")
            .containsEntry("code", "provider_quota_exceeded")
            .containsEntry("status", 400)
            .containsEntry("message", "Your quota is used up")
            .containsEntry("task_id", message.get("task_id"))
            .containsEntry("message_id", message.get("message_id"))
            .containsEntry("conversation_id", message.get("conversation_id"));
        // The task already ended on Dify's side: nothing to stop.
        await().during(Duration.ofMillis(700)).atMost(Duration.ofSeconds(3))
            .untilAsserted(() -> assertThat(this.dify.requests().stops()).isEmpty());
    }

    @Test
    void anEventReachesTheBrowserBeforeDifySendsTheNextOne() {
        // Dify sends the first event and then nothing, holding the connection open: the event must be here already.
        this.dify.app("live").answersInChunks("first", " second").onNextRequest(DifyFault.stallAfter(1));

        StepVerifier.create(liveStream("alice", "hi"))
            .assertNext((event) -> {
                assertThat(json(event.data())).containsEntry("event", "message").containsEntry("answer", "first");
                assertThat(this.dify.requests().app("live").chatMessages().single().isAnswered())
                    .as("Dify's stream is still open").isFalse();
            })
            .thenCancel()
            .verify(Duration.ofSeconds(10));
        awaitStop("live");

        // Dify sends each event after a pause (its first frame, a ping, at once): each goes out on its own and the
        // relay ends when Dify's stream does.
        this.dify.app("live").pace(Duration.ofMillis(400));
        StepVerifier.create(liveStream("alice", "hi"))
            .assertNext((event) -> assertThat(json(event.data())).containsEntry("answer", "first"))
            .assertNext((event) -> assertThat(json(event.data())).containsEntry("answer", " second"))
            .assertNext((event) -> assertThat(event.event()).isEqualTo("message_end"))
            .expectComplete()
            .verify(Duration.ofSeconds(10));
        assertThat(this.dify.requests().app("live").chatMessages().last().awaitAnswered(Duration.ofSeconds(5))).isTrue();
    }

    @Test
    void sendsHeartbeatCommentsWhileDifyIsQuietAndNeverRelaysPings() {
        // Dify's stream starts with its ping, sends one event, then goes silent.
        this.dify.app("live").answersInChunks("first", " second").onNextRequest(DifyFault.stallAfter(1));

        Flux<ServerSentEvent<String>> events = as("alice").post().uri("/api/apps/live/chat-messages")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue("{\"query\":\"hi\",\"response_mode\":\"streaming\"}")
            .exchange().expectStatus().isOk().returnResult(SSE).getResponseBody();

        StepVerifier.create(events)
            .assertNext((event) -> assertThat(json(event.data())).containsEntry("event", "message").containsEntry("answer", "first"))
            // Dify is silent: the application keeps the connection alive itself.
            .assertNext((event) -> {
                assertThat(event.comment()).isEqualTo("heartbeat");
                assertThat(event.data()).isNull();
                assertThat(event.event()).isNull();
            })
            .thenCancel()
            .verify(Duration.ofSeconds(10));
        awaitStop("live");
    }

    @Test
    void aBrowserThatLeavesClosesTheConnectionToDifyAndStopsTheTask() {
        this.dify.app("live").answersInChunks("Once upon", " a time").onNextRequest(DifyFault.stallAfter(1));

        AtomicReference<String> taskId = new AtomicReference<>();
        StepVerifier.create(liveStream("alice", "tell me a long story").take(1))
            .assertNext((event) -> taskId.set((String) json(event.data()).get("task_id")))
            .verifyComplete();

        RecordedRequest stream = this.dify.requests().app("live").chatMessages().single();
        assertThat(stream.awaitAnswered(Duration.ofSeconds(10))).as("the connection to Dify is closed").isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.dify.openStreams()).isZero());
        RecordedRequest stop = awaitStop("live");
        assertThat(stop.path()).isEqualTo("/chat-messages/" + taskId.get() + "/stop");
        assertThat(stop.body()).isEqualTo(Map.of("user", "alice"));
    }

    @Test
    void aBrowserThatLeavesWhileDifyIsStillAnsweringStopsTheTask() {
        // Forty words over thirty seconds.
        this.dify.app("support")
            .answersInChunks(IntStream.range(0, 40).mapToObj((i) -> String.format("word %02d ", i)).toArray(String[]::new))
            .pace(Duration.ofMillis(750));

        AtomicReference<String> taskId = new AtomicReference<>();
        StepVerifier.create(dataEvents(as("alice").post().uri("/api/apps/support/chat-messages")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"query\":\"slowly\",\"response_mode\":\"streaming\"}")
                .exchange().expectStatus().isOk().returnResult(SSE).getResponseBody()).take(1))
            .assertNext((event) -> {
                Map<String, Object> message = json(event.data());
                assertThat(message).containsEntry("answer", "word 00 ");
                taskId.set((String) message.get("task_id"));
            })
            .verifyComplete();

        RecordedRequest stop = awaitStop("support");
        assertThat(stop.path()).isEqualTo("/chat-messages/" + taskId.get() + "/stop");
        assertThat(stop.body()).isEqualTo(Map.of("user", "alice"));
        assertThat(this.dify.requests().app("support").chatMessages().single().awaitAnswered(Duration.ofSeconds(10)))
            .as("Dify's stream has ended").isTrue();
    }

    /** The data events of a streamed message to the app {@code live}. */
    private Flux<ServerSentEvent<String>> liveStream(String user, String query) {
        return dataEvents(as(user).post().uri("/api/apps/live/chat-messages")
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(Map.of("query", query, "response_mode", "streaming", "user", "mallory"))
            .exchange().expectStatus().isOk().returnResult(SSE).getResponseBody());
    }

    /**
     * The one stop request that reached Dify for the app, waiting for it: the client sends it once
     * the stream is cancelled, and it must not reach a later test.
     */
    private RecordedRequest awaitStop(String app) {
        this.dify.awaitRequests(1, (request) -> request.path().endsWith("/stop"), Duration.ofSeconds(10));
        RecordedRequest stop = this.dify.requests().stops().single();
        assertThat(stop.app()).isEqualTo(app);
        return stop;
    }

    /** Every event of the transcript, in order, each event's JSON exactly as Dify wrote it; its pings left out. */
    private static void assertRelayed(List<ServerSentEvent<String>> received, DifyTranscript transcript) {
        List<String> sent = transcript.frames().stream()
            .filter((frame) -> frame.startsWith("data: "))
            .map((frame) -> frame.substring("data: ".length()).strip())
            .toList();
        assertThat(sent).isNotEmpty();
        assertThat(received).extracting(ServerSentEvent::data).containsExactlyElementsOf(sent);
        assertThat(received).extracting(ServerSentEvent::event)
            .containsExactlyElementsOf(sent.stream().map((data) -> (String) json(data).get("event")).toList());
    }
}
