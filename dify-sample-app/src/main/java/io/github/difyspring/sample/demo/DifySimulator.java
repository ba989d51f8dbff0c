package io.github.difyspring.sample.demo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebInputException;

import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.sample.demo.SimulatedStore.Conversation;
import io.github.difyspring.sample.demo.SimulatedStore.Message;
import io.github.difyspring.sample.demo.SimulatedStore.Task;

/**
 * A simulated Dify Service API on a loopback port, for the offline demo and for trying the
 * application without an account. It speaks Dify's wire format: the app is chosen by the bearer
 * key; streams are {@code text/event-stream} with one {@code data: <json>} line per event, the
 * type in the JSON {@code event} field and {@code event: ping} keep-alives; errors are
 * {@code {code, message, status}}. Its chat app keeps each user's conversations and history, its
 * workflow emits workflow and node events, its completion app writes a paragraph, all streamed
 * word by word with pauses. It never connects anywhere.
 */
public final class DifySimulator implements AutoCloseable {

    private static final Log logger = LogFactory.getLog(DifySimulator.class);

    private static final String APP_ATTRIBUTE = DifySimulator.class.getName() + ".app";

    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
    };

    static final long MAX_FILE_SIZE = 15L * 1024 * 1024;

    private final Map<String, SimulatedApp> appsByKey = new LinkedHashMap<>();

    private final SimulatedStore store = new SimulatedStore();

    private final @Nullable SimulatedKnowledge knowledge;

    private final JsonMapper json;

    private final Duration wordDelay;

    private final Duration stepDelay;

    private final Duration pingInterval;

    private final DisposableServer server;

    /**
     * Starts the simulated Dify.
     * @param port the loopback port to listen on
     * @param apps the apps it serves, each selected by its key
     * @param properties the pauses and the ping interval
     * @param json writes and reads JSON
     */
    public DifySimulator(int port, Collection<SimulatedApp> apps, DemoProperties properties, JsonMapper json) {
        this(port, apps, null, properties, json);
    }

    /**
     * Starts the simulated Dify with a workspace's knowledge bases too.
     * @param port the loopback port to listen on
     * @param apps the apps it serves, each selected by its key
     * @param knowledgeKey the knowledge base API key it takes, or {@code null} for no Knowledge API
     * @param properties the pauses and the ping interval
     * @param json writes and reads JSON
     */
    public DifySimulator(int port, Collection<SimulatedApp> apps, @Nullable String knowledgeKey, DemoProperties properties,
            JsonMapper json) {
        apps.forEach((app) -> this.appsByKey.put(app.key(), app));
        this.knowledge = (knowledgeKey != null) ? new SimulatedKnowledge(knowledgeKey, this) : null;
        this.json = json;
        this.wordDelay = properties.getWordDelay();
        this.stepDelay = properties.getStepDelay();
        this.pingInterval = properties.getPingInterval();
        HttpHandler handler = RouterFunctions.toHttpHandler(routes());
        this.server = HttpServer.create()
            .host("127.0.0.1")
            .port(port)
            .handle(new ReactorHttpHandlerAdapter(handler))
            .bindNow();
        logger.info("Offline demo: a simulated Dify serves the apps " + apps.stream().map(SimulatedApp::name).toList()
                + " on " + baseUrl() + "; no Dify key is configured, so nothing leaves this machine");
    }

    /**
     * Where the simulated Service API is.
     * @return its base URL, such as {@code http://127.0.0.1:40123/v1}
     */
    public String baseUrl() {
        return "http://127.0.0.1:" + this.server.port() + "/v1";
    }

    @Override
    public void close() {
        this.server.disposeNow();
    }

    private RouterFunction<ServerResponse> routes() {
        RouterFunction<ServerResponse> api = RouterFunctions.route()
            .POST("/v1/chat-messages", this::chatMessages)
            .POST("/v1/chat-messages/{task_id}/stop", this::stop)
            .POST("/v1/completion-messages", this::completionMessages)
            .POST("/v1/completion-messages/{task_id}/stop", this::stop)
            .POST("/v1/workflows/run", this::runWorkflow)
            .POST("/v1/workflows/tasks/{task_id}/stop", this::stop)
            .GET("/v1/conversations", this::conversations)
            .GET("/v1/messages", this::messages)
            .POST("/v1/conversations/{conversation_id}/name", this::rename)
            .DELETE("/v1/conversations/{conversation_id}", this::deleteConversation)
            .POST("/v1/messages/{message_id}/feedbacks", this::feedback)
            .GET("/v1/messages/{message_id}/suggested", this::suggested)
            .POST("/v1/files/upload", this::upload)
            .GET("/v1/parameters", (request) -> ok(app(request).parameters()))
            .GET("/v1/info", (request) -> ok(app(request).info()))
            .filter(this::authenticate)
            .onError(ServerWebInputException.class, (ex, request) -> error(HttpStatus.BAD_REQUEST, "invalid_param",
                    "The request body is not valid JSON"))
            .build();
        if (this.knowledge != null) {
            api = api.and(this.knowledge.routes());
        }
        return api.and(RouterFunctions.route(RequestPredicates.all(),
                (request) -> error(HttpStatus.NOT_FOUND, "not_found", "The requested URL was not found on the server.")));
    }

    private Mono<ServerResponse> authenticate(ServerRequest request, HandlerFunction<ServerResponse> next) {
        String authorization = request.headers().firstHeader(HttpHeaders.AUTHORIZATION);
        SimulatedApp app = (authorization != null && authorization.startsWith("Bearer "))
                ? this.appsByKey.get(authorization.substring(7).strip()) : null;
        if (app == null) {
            return error(HttpStatus.UNAUTHORIZED, "unauthorized", "Access token is invalid");
        }
        request.attributes().put(APP_ATTRIBUTE, app);
        return next.handle(request);
    }

    private static SimulatedApp app(ServerRequest request) {
        return (SimulatedApp) request.attributes().get(APP_ATTRIBUTE);
    }

    // ---- sending messages and running workflows

    private Mono<ServerResponse> chatMessages(ServerRequest request) {
        SimulatedApp app = app(request);
        if (!app.type().isChat()) {
            return error(HttpStatus.BAD_REQUEST, "not_chat_app", "Please check if your app mode matches the right API route.");
        }
        return body(request).flatMap((body) -> {
            String user = text(body, "user");
            String query = text(body, "query");
            if (user == null || user.isBlank() || query == null) {
                return error(HttpStatus.BAD_REQUEST, "invalid_param", (query == null) ? "query is required" : "user is required");
            }
            String conversationId = text(body, "conversation_id");
            Conversation conversation;
            if (conversationId != null && !conversationId.isBlank()) {
                conversation = this.store.conversation(app.key(), user, conversationId);
                if (conversation == null) {
                    return error(HttpStatus.NOT_FOUND, "not_found", "Conversation Not Exists.");
                }
            }
            else {
                boolean autoName = !Boolean.FALSE.equals(body.get("auto_generate_name"));
                conversation = this.store.newConversation(app.key(), user, autoName ? SimulatedApp.shorten(query) : "New conversation",
                        inputs(body));
            }
            String previousQuery = conversation.messages.isEmpty() ? null
                    : conversation.messages.get(conversation.messages.size() - 1).query;
            Message message = this.store.newMessage(app.key(), user, conversation, conversation.inputs, query);
            String answer = SimulatedApp.chatAnswer(user, query, conversation.messages.size(), previousQuery);
            if (!streaming(body)) {
                message.answer = answer;
                return ok(blockingAnswer(app, message, conversation.id, UUID.randomUUID().toString()));
            }
            return streamAnswer(user, message, conversation.id, answer);
        });
    }

    /**
     * Checks a completion or workflow request as Dify does (the app type, then the user, then the
     * required inputs) before handing it on.
     */
    private Mono<ServerResponse> checkedRun(ServerRequest request, DifyAppType type, String wrongTypeCode,
            String wrongTypeMessage, RunHandler handler) {
        SimulatedApp app = app(request);
        if (app.type() != type) {
            return error(HttpStatus.BAD_REQUEST, wrongTypeCode, wrongTypeMessage);
        }
        return body(request).flatMap((body) -> {
            String user = text(body, "user");
            if (user == null || user.isBlank()) {
                return error(HttpStatus.BAD_REQUEST, "invalid_param", "user is required");
            }
            Map<String, Object> inputs = inputs(body);
            String missing = app.missingInput(inputs);
            if (missing != null) {
                return error(HttpStatus.BAD_REQUEST, "invalid_param", missing + " is required in input form");
            }
            return handler.handle(app, body, user, inputs);
        });
    }

    /** Handles a checked completion or workflow request. */
    @FunctionalInterface
    private interface RunHandler {

        Mono<ServerResponse> handle(SimulatedApp app, Map<String, Object> body, String user, Map<String, Object> inputs);
    }

    private Mono<ServerResponse> completionMessages(ServerRequest request) {
        return checkedRun(request, DifyAppType.COMPLETION, "app_unavailable",
                "App unavailable, please check your app configurations.", (app, body, user, inputs) -> {
            String query = text(body, "query");
            Message message = this.store.newMessage(app.key(), user, null, inputs, (query != null) ? query : "");
            String answer = SimulatedApp.completion(inputs);
            if (!streaming(body)) {
                message.answer = answer;
                return ok(blockingAnswer(app, message, null, UUID.randomUUID().toString()));
            }
            return streamAnswer(user, message, null, answer);
        });
    }

    private Map<String, Object> blockingAnswer(SimulatedApp app, Message message, @Nullable String conversationId, String taskId) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("event", "message");
        answer.put("task_id", taskId);
        answer.put("id", message.id);
        answer.put("message_id", message.id);
        if (conversationId != null) {
            answer.put("conversation_id", conversationId);
        }
        answer.put("mode", app.mode());
        answer.put("answer", message.answer);
        answer.put("metadata", metadata(message.query, message.answer, 0.4));
        answer.put("created_at", message.createdAt);
        return answer;
    }

    /** A chat or completion answer, word by word; a stop ends it early, with {@code message_end} as Dify does. */
    private Mono<ServerResponse> streamAnswer(String user, Message message, @Nullable String conversationId, String answer) {
        Task task = this.store.newTask(user);
        long started = System.nanoTime();
        Flux<Map<String, Object>> words = Flux.fromIterable(SimulatedApp.tokens(answer))
            .delayElements(this.wordDelay)
            .takeUntilOther(task.stopped())
            .map((token) -> {
                message.answer = message.answer + token;
                Map<String, Object> event = event("message", task, conversationId);
                event.put("id", message.id);
                event.put("message_id", message.id);
                event.put("answer", token);
                event.put("created_at", message.createdAt);
                return event;
            });
        Mono<Map<String, Object>> end = Mono.fromSupplier(() -> {
            Map<String, Object> event = event("message_end", task, conversationId);
            event.put("id", message.id);
            event.put("message_id", message.id);
            event.put("metadata", metadata(message.query, message.answer, (System.nanoTime() - started) / 1e9));
            event.put("created_at", message.createdAt);
            return event;
        });
        return stream(words.concatWith(end).doFinally((signal) -> this.store.endTask(task)));
    }

    private static Map<String, Object> event(String type, Task task, @Nullable String conversationId) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event", type);
        event.put("task_id", task.id);
        if (conversationId != null) {
            event.put("conversation_id", conversationId);
        }
        return event;
    }

    private static Map<String, Object> metadata(String query, String answer, double latency) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("usage", usage(SimulatedApp.tokens(query).size() + 12, SimulatedApp.tokens(answer).size(), latency));
        metadata.put("retriever_resources", List.of());
        return metadata;
    }

    private static Map<String, Object> usage(int promptTokens, int completionTokens, double latency) {
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("prompt_tokens", promptTokens);
        usage.put("prompt_unit_price", "0.0");
        usage.put("prompt_price_unit", "0.000001");
        usage.put("prompt_price", "0.0000000");
        usage.put("completion_tokens", completionTokens);
        usage.put("completion_unit_price", "0.0");
        usage.put("completion_price_unit", "0.000001");
        usage.put("completion_price", "0.0000000");
        usage.put("total_tokens", promptTokens + completionTokens);
        usage.put("total_price", "0.0000000");
        usage.put("currency", "USD");
        usage.put("latency", Math.round(latency * 1000) / 1000.0);
        return usage;
    }

    private Mono<ServerResponse> runWorkflow(ServerRequest request) {
        return checkedRun(request, DifyAppType.WORKFLOW, "not_workflow_app",
                "Please check if your app mode matches the right API route.", (app, body, user, inputs) -> {
            Task task = this.store.newTask(user);
            WorkflowRun run = new WorkflowRun(app, task, inputs);
            if (!streaming(body)) {
                this.store.endTask(task);
                Map<String, Object> answer = new LinkedHashMap<>();
                answer.put("task_id", task.id);
                answer.put("workflow_run_id", run.id);
                answer.put("data", run.result("succeeded", null));
                return ok(answer);
            }
            return stream(run.events().doFinally((signal) -> this.store.endTask(task)));
        });
    }

    /**
     * One run of the simulated workflow: Start, "Write the poem" (an LLM node that streams its
     * text), "Count the lines" (a code node) and End.
     */
    private final class WorkflowRun {

        final String id = UUID.randomUUID().toString();

        final String workflowId;

        final Task task;

        final Map<String, Object> inputs;

        final String poem;

        final long createdAt = SimulatedStore.now();

        final long started = System.nanoTime();

        WorkflowRun(SimulatedApp app, Task task, Map<String, Object> inputs) {
            this.workflowId = UUID.nameUUIDFromBytes(app.key().getBytes(StandardCharsets.UTF_8)).toString();
            this.task = task;
            this.inputs = inputs;
            this.poem = String.join("\n", SimulatedApp.poem(inputs));
        }

        Flux<Map<String, Object>> events() {
            Flux<Map<String, Object>> steps = Flux.concat(
                    Mono.fromSupplier(() -> {
                        Map<String, Object> data = new LinkedHashMap<>();
                        data.put("id", this.id);
                        data.put("workflow_id", this.workflowId);
                        data.put("inputs", this.inputs);
                        data.put("created_at", this.createdAt);
                        return event("workflow_started", data);
                    }),
                    node("start", "start", "Start", 1, null, this.inputs, this.inputs, Flux.empty()),
                    node("llm_write", "llm", "Write the poem", 2, "start", this.inputs, Map.of("text", this.poem),
                            Flux.fromIterable(SimulatedApp.tokens(this.poem)).delayElements(DifySimulator.this.wordDelay)
                                .map((token) -> {
                                    Map<String, Object> data = new LinkedHashMap<>();
                                    data.put("text", token);
                                    data.put("from_variable_selector", List.of("llm_write", "text"));
                                    return event("text_chunk", data);
                                })),
                    node("code_count", "code", "Count the lines", 3, "llm_write", Map.of("text", this.poem),
                            Map.of("lines", this.poem.lines().count()), Flux.empty()),
                    node("end", "end", "End", 4, "code_count", Map.of("text", this.poem), Map.of("text", this.poem), Flux.empty()));
            return steps.takeUntilOther(this.task.stopped())
                .concatWith(Mono.fromSupplier(() -> this.task.isStopped()
                        ? event("workflow_finished", result("stopped", "Workflow execution stopped by user."))
                        : event("workflow_finished", result("succeeded", null))));
        }

        private Flux<Map<String, Object>> node(String nodeId, String type, String title, int index, @Nullable String predecessor,
                Map<String, Object> nodeInputs, Map<String, Object> outputs, Flux<Map<String, Object>> during) {
            String executionId = UUID.randomUUID().toString();
            long nodeCreatedAt = SimulatedStore.now();
            Supplier<Map<String, Object>> common = () -> {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("id", executionId);
                data.put("node_id", nodeId);
                data.put("node_type", type);
                data.put("title", title);
                data.put("index", index);
                data.put("predecessor_node_id", predecessor);
                data.put("inputs", nodeInputs);
                data.put("created_at", nodeCreatedAt);
                return data;
            };
            Mono<Map<String, Object>> started = Mono.delay(DifySimulator.this.stepDelay).map((tick) -> {
                Map<String, Object> data = common.get();
                data.put("extras", Map.of());
                return event("node_started", data);
            });
            Mono<Map<String, Object>> finished = Mono.delay(DifySimulator.this.stepDelay).map((tick) -> {
                Map<String, Object> data = common.get();
                data.put("process_data", null);
                data.put("outputs", outputs);
                data.put("status", "succeeded");
                data.put("error", null);
                data.put("elapsed_time", DifySimulator.this.stepDelay.toMillis() / 1000.0);
                data.put("execution_metadata", "llm".equals(type)
                        ? Map.of("total_tokens", SimulatedApp.tokens(this.poem).size(), "total_price", "0.0", "currency", "USD") : Map.of());
                data.put("finished_at", SimulatedStore.now());
                data.put("files", List.of());
                return event("node_finished", data);
            });
            return Flux.concat(started, during, finished);
        }

        Map<String, Object> result(String status, @Nullable String error) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("id", this.id);
            data.put("workflow_id", this.workflowId);
            data.put("status", status);
            data.put("outputs", "succeeded".equals(status) ? Map.of("text", this.poem) : Map.of());
            data.put("error", error);
            data.put("elapsed_time", Math.round((System.nanoTime() - this.started) / 1e6) / 1000.0);
            data.put("total_tokens", SimulatedApp.tokens(this.poem).size());
            data.put("total_steps", 4);
            data.put("created_at", this.createdAt);
            data.put("finished_at", SimulatedStore.now());
            data.put("exceptions_count", 0);
            data.put("files", List.of());
            return data;
        }

        private Map<String, Object> event(String type, Map<String, Object> data) {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("event", type);
            event.put("task_id", this.task.id);
            event.put("workflow_run_id", this.id);
            event.put("data", data);
            return event;
        }
    }

    private Mono<ServerResponse> stop(ServerRequest request) {
        String taskId = request.pathVariable("task_id");
        return body(request).flatMap((body) -> {
            String user = text(body, "user");
            if (user == null || user.isBlank()) {
                return error(HttpStatus.BAD_REQUEST, "invalid_param", "user is required");
            }
            this.store.stop(taskId, user);
            return ok(Map.of("result", "success"));
        });
    }

    // ---- conversations and messages

    private Mono<ServerResponse> conversations(ServerRequest request) {
        SimulatedApp app = app(request);
        if (!app.type().isChat()) {
            return error(HttpStatus.BAD_REQUEST, "not_chat_app", "Please check if your app mode matches the right API route.");
        }
        String user = request.queryParam("user").orElse("");
        if (user.isBlank()) {
            return error(HttpStatus.BAD_REQUEST, "invalid_param", "user is required");
        }
        Integer limit = limit(request);
        if (limit == null) {
            return error(HttpStatus.BAD_REQUEST, "invalid_param", "limit must be between 1 and 100");
        }
        String sortBy = request.queryParam("sort_by").orElse("-updated_at");
        Comparator<Conversation> order = switch (sortBy) {
            case "created_at" -> Comparator.comparingLong((Conversation c) -> c.createdAt);
            case "-created_at" -> Comparator.comparingLong((Conversation c) -> c.createdAt).reversed();
            case "updated_at" -> Comparator.comparingLong((Conversation c) -> c.updatedAt);
            case "-updated_at" -> Comparator.comparingLong((Conversation c) -> c.updatedAt).reversed();
            default -> null;
        };
        if (order == null) {
            return error(HttpStatus.BAD_REQUEST, "invalid_param", "sort_by is invalid");
        }
        List<Conversation> all = this.store.conversations(app.key(), user, order);
        String lastId = request.queryParam("last_id").orElse("");
        int from = 0;
        if (!lastId.isBlank()) {
            from = indexOf(all, lastId) + 1;
            if (from == 0) {
                return error(HttpStatus.NOT_FOUND, "not_found", "Last Conversation Not Exists.");
            }
        }
        List<Conversation> page = all.subList(from, Math.min(all.size(), from + limit));
        return ok(page(limit, from + page.size() < all.size(), page.stream().map(DifySimulator::conversation).toList()));
    }

    private static int indexOf(List<Conversation> conversations, String id) {
        for (int i = 0; i < conversations.size(); i++) {
            if (conversations.get(i).id.equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private Mono<ServerResponse> messages(ServerRequest request) {
        SimulatedApp app = app(request);
        String user = request.queryParam("user").orElse("");
        String conversationId = request.queryParam("conversation_id").orElse("");
        if (user.isBlank() || conversationId.isBlank()) {
            return error(HttpStatus.BAD_REQUEST, "invalid_param", user.isBlank() ? "user is required" : "conversation_id is required");
        }
        Integer limit = limit(request);
        if (limit == null) {
            return error(HttpStatus.BAD_REQUEST, "invalid_param", "limit must be between 1 and 100");
        }
        Conversation conversation = this.store.conversation(app.key(), user, conversationId);
        if (conversation == null) {
            return error(HttpStatus.NOT_FOUND, "not_found", "Conversation Not Exists.");
        }
        List<Message> history = new ArrayList<>(conversation.messages);
        String firstId = request.queryParam("first_id").orElse("");
        if (!firstId.isBlank()) {
            int index = -1;
            for (int i = 0; i < history.size(); i++) {
                if (history.get(i).id.equals(firstId)) {
                    index = i;
                }
            }
            if (index < 0) {
                return error(HttpStatus.NOT_FOUND, "not_found", "First Message Not Exists.");
            }
            history = history.subList(0, index);
        }
        // The latest messages before the cursor, oldest first, as current Dify servers send them.
        List<Message> page = history.subList(Math.max(0, history.size() - limit), history.size());
        return ok(page(limit, history.size() > limit, page.stream().map(DifySimulator::message).toList()));
    }

    /**
     * Hands on the conversation the path names, if the body's user owns it; Dify answers 404
     * otherwise, so one user never learns of another's conversations.
     */
    private Mono<ServerResponse> withOwnConversation(ServerRequest request, ConversationHandler handler) {
        SimulatedApp app = app(request);
        return body(request).flatMap((body) -> {
            String user = text(body, "user");
            Conversation conversation = (user != null)
                    ? this.store.conversation(app.key(), user, request.pathVariable("conversation_id")) : null;
            if (conversation == null) {
                return error(HttpStatus.NOT_FOUND, "not_found", "Conversation Not Exists.");
            }
            return handler.handle(body, conversation);
        });
    }

    /** Handles a request on a conversation its user owns. */
    @FunctionalInterface
    private interface ConversationHandler {

        Mono<ServerResponse> handle(Map<String, Object> body, Conversation conversation);
    }

    private Mono<ServerResponse> rename(ServerRequest request) {
        return withOwnConversation(request, (body, conversation) -> {
            if (Boolean.TRUE.equals(body.get("auto_generate"))) {
                if (conversation.messages.isEmpty()) {
                    return error(HttpStatus.BAD_REQUEST, "invalid_param", "The conversation has no message to name it after");
                }
                conversation.name = SimulatedApp.shorten(conversation.messages.get(0).query);
            }
            else {
                String name = text(body, "name");
                if (name == null || name.isBlank()) {
                    return error(HttpStatus.BAD_REQUEST, "invalid_param", "name is required");
                }
                conversation.name = name.strip();
            }
            return ok(conversation(conversation));
        });
    }

    private Mono<ServerResponse> deleteConversation(ServerRequest request) {
        return withOwnConversation(request, (body, conversation) -> {
            this.store.delete(conversation);
            return ServerResponse.noContent().build();
        });
    }

    private Mono<ServerResponse> feedback(ServerRequest request) {
        SimulatedApp app = app(request);
        return body(request).flatMap((body) -> {
            String user = text(body, "user");
            Message message = (user != null) ? this.store.message(app.key(), user, request.pathVariable("message_id")) : null;
            if (message == null) {
                return error(HttpStatus.NOT_FOUND, "not_found", "Message Not Exists.");
            }
            Object rating = body.get("rating");
            if (rating != null && !"like".equals(rating) && !"dislike".equals(rating)) {
                return error(HttpStatus.BAD_REQUEST, "invalid_param", "rating must be like, dislike or null");
            }
            message.rating = (String) rating;
            return ok(Map.of("result", "success"));
        });
    }

    private Mono<ServerResponse> suggested(ServerRequest request) {
        SimulatedApp app = app(request);
        String user = request.queryParam("user").orElse("");
        Message message = this.store.message(app.key(), user, request.pathVariable("message_id"));
        if (message == null) {
            return error(HttpStatus.NOT_FOUND, "not_found", "Message Not Exists.");
        }
        return ok(Map.of("result", "success", "data", SimulatedApp.suggestions(message.query)));
    }

    private static Map<String, Object> page(int limit, boolean hasMore, List<Map<String, Object>> data) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("limit", limit);
        page.put("has_more", hasMore);
        page.put("data", data);
        return page;
    }

    private static Map<String, Object> conversation(Conversation conversation) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", conversation.id);
        json.put("name", conversation.name);
        json.put("inputs", conversation.inputs);
        json.put("status", "normal");
        json.put("introduction", "");
        json.put("created_at", conversation.createdAt);
        json.put("updated_at", conversation.updatedAt);
        return json;
    }

    private static Map<String, Object> message(Message message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", message.id);
        json.put("conversation_id", message.conversationId);
        json.put("parent_message_id", message.parentId);
        json.put("inputs", message.inputs);
        json.put("query", message.query);
        json.put("answer", message.answer);
        json.put("message_files", List.of());
        json.put("feedback", (message.rating != null) ? Map.of("rating", message.rating) : null);
        json.put("retriever_resources", List.of());
        json.put("agent_thoughts", List.of());
        json.put("created_at", message.createdAt);
        json.put("status", "normal");
        json.put("error", null);
        return json;
    }

    // ---- files

    private Mono<ServerResponse> upload(ServerRequest request) {
        return request.multipartData().flatMap((parts) -> {
            Part file = parts.getFirst("file");
            Part userPart = parts.getFirst("user");
            String user = (userPart instanceof FormFieldPart field) ? field.value() : null;
            if (!(file instanceof FilePart filePart)) {
                return error(HttpStatus.BAD_REQUEST, "no_file_uploaded", "Please upload your file.");
            }
            if (user == null || user.isBlank()) {
                return error(HttpStatus.BAD_REQUEST, "invalid_param", "user is required");
            }
            MediaType contentType = filePart.headers().getContentType();
            if (contentType == null) {
                return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_file_type", "File type not allowed.");
            }
            return filePart.content().map(DifySimulator::sizeOf).reduce(0L, Long::sum).flatMap((size) -> {
                if (size > MAX_FILE_SIZE) {
                    return error(HttpStatus.PAYLOAD_TOO_LARGE, "file_too_large", "File size exceeded. 15 MB is the limit.");
                }
                String name = filePart.filename();
                int dot = name.lastIndexOf('.');
                Map<String, Object> uploaded = new LinkedHashMap<>();
                uploaded.put("id", UUID.randomUUID().toString());
                uploaded.put("name", name);
                uploaded.put("size", size);
                uploaded.put("extension", (dot >= 0) ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "");
                uploaded.put("mime_type", contentType.toString());
                uploaded.put("created_by", UUID.nameUUIDFromBytes(user.getBytes(StandardCharsets.UTF_8)).toString());
                uploaded.put("created_at", SimulatedStore.now());
                uploaded.put("preview_url", null);
                uploaded.put("source_url", "");
                uploaded.put("original_url", null);
                uploaded.put("conversation_id", null);
                return json(HttpStatus.CREATED, uploaded);
            });
        });
    }

    private static long sizeOf(DataBuffer buffer) {
        long size = buffer.readableByteCount();
        DataBufferUtils.release(buffer);
        return size;
    }

    // ---- wire format

    private Mono<ServerResponse> stream(Flux<Map<String, Object>> events) {
        Sinks.Empty<Void> ended = Sinks.empty();
        Flux<String> data = events.map((event) -> "data: " + this.json.writeValueAsString(event) + "\n\n")
            .doFinally((signal) -> ended.tryEmitEmpty());
        Flux<String> pings = Flux.interval(this.pingInterval, this.pingInterval).map((tick) -> "event: ping\n\n").takeUntilOther(ended.asMono());
        Flux<String> frames = Flux.merge(data, pings);
        return ServerResponse.ok()
            .contentType(new MediaType(MediaType.TEXT_EVENT_STREAM, StandardCharsets.UTF_8))
            .header(HttpHeaders.CACHE_CONTROL, "no-cache")
            // Each frame is flushed on its own, as Dify does: nothing waits in a buffer.
            .body((response, context) -> response.writeAndFlushWith(frames.map((frame) -> Mono.just(
                    response.bufferFactory().wrap(frame.getBytes(StandardCharsets.UTF_8))))));
    }

    Mono<ServerResponse> ok(Object body) {
        return json(HttpStatus.OK, body);
    }

    private Mono<ServerResponse> json(HttpStatus status, Object body) {
        return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).bodyValue(this.json.writeValueAsString(body));
    }

    Mono<ServerResponse> error(HttpStatus status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        body.put("status", status.value());
        return json(status, body);
    }

    static Mono<Map<String, Object>> body(ServerRequest request) {
        return request.bodyToMono(JSON_OBJECT).defaultIfEmpty(Map.of());
    }

    private static boolean streaming(Map<String, Object> body) {
        return "streaming".equals(body.get("response_mode"));
    }

    private static @Nullable String text(Map<String, Object> body, String name) {
        return (body.get(name) instanceof String text) ? text : null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> inputs(Map<String, Object> body) {
        return (body.get("inputs") instanceof Map<?, ?> inputs) ? (Map<String, Object>) inputs : Map.of();
    }

    private static @Nullable Integer limit(ServerRequest request) {
        String text = request.queryParam("limit").orElse("20");
        try {
            int limit = Integer.parseInt(text);
            return (limit >= 1 && limit <= 100) ? limit : null;
        }
        catch (NumberFormatException ex) {
            return null;
        }
    }
}
