package io.github.difyspring.benchmarks.scenarios;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import io.github.difyspring.benchmarks.contenders.BenchRequests;
import io.github.difyspring.benchmarks.measure.ChildJvm;
import io.github.difyspring.benchmarks.measure.Distribution;
import io.github.difyspring.benchmarks.report.ScenarioReport;
import io.github.difyspring.benchmarks.report.TargetCheck;
import io.github.difyspring.benchmarks.server.DifyWire;
import io.github.difyspring.benchmarks.server.StreamProfile;

/**
 * Scenario 3: the sample app's SSE endpoint in front of the load server, against the load server
 * directly. The sample app runs for real, from its executable jar, in its own JVM: Spring Security,
 * the WebFlux controller, our client's {@code streamRaw} and the SSE relay. It is called as an API
 * client calls it, with HTTP Basic on every request, and as its page calls it, with the session of
 * one form sign-in and the CSRF header. All paths are read by the same reader, the JDK's
 * {@link HttpClient} handing over lines, which times the first event and, from the send time the
 * load server stamps into each answer, every event.
 */
public final class PassthroughScenario {

    /** The benchmark account. */
    static final String USER = "bench";

    private static final String PASSWORD = "bench-password";

    /**
     * Its password hash: bcrypt with cost 10, Spring Security's default. A cheaper hash would not
     * stay cheap: the sample app's user store takes password upgrades, so Spring Security re-hashes a
     * lower cost to 10 at the first sign-in.
     */
    private static final String PASSWORD_HASH = "{bcrypt}$2a$10$yhFtj9ehVl6IQ8KfJtSs5uCtJMgpV/4C253k0UbdFZx9NlF9cKo7C";

    /** The sample app's JVM options. */
    public static final List<String> SAMPLE_APP_JVM_OPTIONS = List.of("-Xms256m", "-Xmx512m", "-XX:+UseG1GC");

    private static final Duration STREAM_LIMIT = Duration.ofMinutes(2);

    private PassthroughScenario() {
    }

    /**
     * Runs the scenario.
     * @param context the benchmark's context
     * @throws Exception when the sample app cannot be started or a stream fails
     */
    public static void run(BenchContext context) throws Exception {
        StreamProfile profile = new StreamProfile(10, 16, 20, 0, true);
        int port = ChildJvm.freePort();
        List<String> arguments = List.of("-jar", context.sampleAppJar().toString(), "--server.port=" + port, "--server.address=127.0.0.1",
                "--dify.base-url=" + profile.baseUrl(context.loadServerPort()), "--dify.apps.bench.api-key=" + BenchRequests.API_KEY,
                "--dify.apps.bench.type=chat", "--sample.users." + USER + ".password=" + PASSWORD_HASH, "--sample.demo.enabled=false",
                "--spring.main.banner-mode=off", "--logging.level.root=WARN");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        List<String> options = new ArrayList<>(SAMPLE_APP_JVM_OPTIONS);
        // For looking inside, e.g. -Dbench.sampleAppExtraJvmOptions=-XX:StartFlightRecording=filename=sample.jfr
        String extra = System.getProperty("bench.sampleAppExtraJvmOptions", "");
        if (!extra.isBlank()) {
            options.addAll(List.of(extra.trim().split("\\s+")));
        }
        try (ChildJvm sampleApp = ChildJvm.start("sample-app", options, arguments, context.workDirectory())) {
            URI sample = URI.create("http://127.0.0.1:" + port);
            long starting = System.nanoTime();
            sampleApp.awaitReady(port, Duration.ofMinutes(3), () -> answers200(http, sample.resolve("/login")));
            long startup = System.nanoTime() - starting;
            Paths paths = new Paths(http, URI.create(profile.baseUrl(context.loadServerPort()) + "/chat-messages"), sample, profile,
                    sampleApp);
            paths.signIn();
            measure(context, paths, profile, startup);
        }
    }

    private static boolean answers200(HttpClient http, URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode() == 200;
        }
        catch (Exception ex) {
            return false;
        }
    }

    private static void measure(BenchContext context, Paths paths, StreamProfile profile, long startupNanos) throws Exception {
        int serial = context.mode().passthroughSerialStreams();
        int clients = context.mode().passthroughClients();
        List<Path> all = List.of(Path.DIRECT, Path.SESSION, Path.BASIC);
        // Warm-up, discarded: one stream per path (the first HTTP Basic request pays for its bcrypt check,
        // which the sample app then remembers); waves of many clients, which bring the sample app, a fresh
        // JVM, to full speed (JIT); a pause until its compilers are done; then single streams again.
        for (Path path : all) {
            paths.start(path).await();
        }
        for (int i = 0; i < context.mode().passthroughWarmupWaves(); i++) {
            for (Path path : BenchContext.roundRobin(i, all)) {
                wave(paths, path, clients, null);
            }
        }
        paths.awaitQuietSampleApp();
        for (int i = 0; i < context.mode().passthroughSerialWarmups(); i++) {
            for (Path path : all) {
                paths.start(path).await();
            }
        }
        // One at a time, the paths taking turns (and which goes first turning too).
        Map<Path, Timings> one = new EnumMap<>(Path.class);
        all.forEach((path) -> one.put(path, new Timings()));
        for (int i = 0; i < serial; i++) {
            for (Path path : BenchContext.roundRobin(i, all)) {
                long cpu = paths.sampleAppCpuNanos();
                StreamTiming timing = paths.start(path).await();
                one.get(path).add(timing);
                if (path != Path.DIRECT) {
                    one.get(path).addSampleAppCpu(paths.sampleAppCpuNanos() - cpu, 1);
                }
            }
        }
        // Waves of many clients at once, the paths taking turns.
        Map<Path, Timings> many = new EnumMap<>(Path.class);
        all.forEach((path) -> many.put(path, new Timings()));
        for (int i = 0; i < context.mode().passthroughWaves(); i++) {
            for (Path path : BenchContext.roundRobin(i, all)) {
                wave(paths, path, clients, many.get(path));
            }
        }
        report(context, profile, serial, clients, one, many, startupNanos);
    }

    private static void wave(Paths paths, Path path, int clients, Timings into) throws Exception {
        long cpu = paths.sampleAppCpuNanos();
        List<Stream> streams = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) {
            streams.add(paths.start(path));
        }
        for (Stream stream : streams) {
            StreamTiming timing = stream.await();
            if (into != null) {
                into.add(timing);
            }
        }
        if (into != null && path != Path.DIRECT) {
            into.addSampleAppCpu(paths.sampleAppCpuNanos() - cpu, clients);
        }
    }

    private static void report(BenchContext context, StreamProfile profile, int serial, int clients, Map<Path, Timings> one,
            Map<Path, Timings> many, long startupNanos) {
        ScenarioReport report = new ScenarioReport("passthrough",
                "3. Passthrough: the sample app's SSE endpoint (POST /api/apps/bench/chat-messages) in front of the load server vs "
                        + "the load server directly; streams of " + profile.events() + " events " + profile.spacingMillis() + " ms apart",
                List.of("streams", "TTFE p50 ms", "TTFE p99 ms", "event p50 ms", "event p99 ms", "sample app CPU ms/stream"));
        report.setting("eventsPerStream", profile.events())
            .setting("spacingMillis", profile.spacingMillis())
            .setting("serialStreamsPerPath", serial)
            .setting("concurrentClients", clients)
            .setting("wavesPerPath", context.mode().passthroughWaves())
            .setting("warmupWavesPerPath", context.mode().passthroughWarmupWaves())
            .setting("reader", "JDK java.net.http.HttpClient (HTTP/1.1), BodyHandlers.fromLineSubscriber")
            .setting("sampleAppJvmOptions", SAMPLE_APP_JVM_OPTIONS)
            .setting("sampleAppStartupSeconds", Figures.round(startupNanos / 1e9, 1))
            .counted("TTFE: time to first event, from sending the request to reading the first message event's data line.")
            .counted("event: per-event latency, from the load server stamping the event (wall clock, microseconds) to the reader "
                    + "reading it; the same machine's clock on both sides.")
            .counted("added: the sample app's figure minus the direct one at the same percentile.")
            .counted("sample app CPU: the sample app JVM's CPU time (all threads, GC and JIT included) while its streams ran, per stream "
                    + "(one request, " + profile.events() + " events relayed).")
            .counted("HTTP Basic: credentials on every request, checked against a bcrypt hash of cost 10 (Spring Security's "
                    + "default) at the first one; the sample app remembers a successful check for 5 minutes. Session: the page's "
                    + "way, one form sign-in, then the SESSION cookie and the X-XSRF-TOKEN header.");
        for (Map.Entry<String, Map<Path, Timings>> load : Map.of("1", one, Integer.toString(clients), many).entrySet().stream()
            .sorted(Map.Entry.comparingByKey(java.util.Comparator.comparingInt(Integer::parseInt))).toList()) {
            String who = load.getKey().equals("1") ? "1 client" : load.getKey() + " clients";
            Timings direct = load.getValue().get(Path.DIRECT);
            report.row("direct-" + load.getKey(), "direct to the load server, " + who, figures(direct), cells(direct));
            for (Path path : List.of(Path.SESSION, Path.BASIC)) {
                Timings via = load.getValue().get(path);
                String key = path.key + "-" + load.getKey();
                report.row(key, "sample app (" + path.label + "), " + who, figures(via), cells(via));
                report.row("added-" + key, "  added (" + path.label + ")", added(direct, via), addedCells(direct, via));
                addTarget(context, path, who, direct, via);
            }
        }
        report.note("The sample app was ready " + Figures.decimal(startupNanos / 1e9, 1) + " s after it was started.");
        context.report().add(report);
    }

    private static Map<String, Object> added(Timings direct, Timings via) {
        Map<String, Object> added = new LinkedHashMap<>();
        added.put("ttfeP50Millis", Figures.toMillis(via.ttfe().median() - direct.ttfe().median()));
        added.put("ttfeP99Millis", Figures.toMillis(via.ttfe().percentile(99) - direct.ttfe().percentile(99)));
        added.put("eventLatencyP50Millis", Figures.round((via.events().median() - direct.events().median()) / 1e3, 3));
        added.put("eventLatencyP99Millis", Figures.round((via.events().percentile(99) - direct.events().percentile(99)) / 1e3, 3));
        return added;
    }

    private static List<String> addedCells(Timings direct, Timings via) {
        return List.of("", Figures.millis(via.ttfe().median() - direct.ttfe().median()),
                Figures.millis(via.ttfe().percentile(99) - direct.ttfe().percentile(99)),
                Figures.decimal((via.events().median() - direct.events().median()) / 1e3, 2),
                Figures.decimal((via.events().percentile(99) - direct.events().percentile(99)) / 1e3, 2), "");
    }

    private static Map<String, Object> figures(Timings timings) {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("streams", timings.ttfe().count());
        figures.put("ttfeP50Millis", Figures.toMillis(timings.ttfe().median()));
        figures.put("ttfeP99Millis", Figures.toMillis(timings.ttfe().percentile(99)));
        figures.put("eventLatencyP50Millis", Figures.round(timings.events().median() / 1e3, 3));
        figures.put("eventLatencyP99Millis", Figures.round(timings.events().percentile(99) / 1e3, 3));
        if (timings.sampleAppCpuPerStreamNanos() >= 0) {
            figures.put("sampleAppCpuMillisPerStream", Figures.round(timings.sampleAppCpuPerStreamNanos() / 1e6, 2));
        }
        return figures;
    }

    private static List<String> cells(Timings timings) {
        return List.of(Integer.toString(timings.ttfe().count()), Figures.millis(timings.ttfe().median()),
                Figures.millis(timings.ttfe().percentile(99)), Figures.decimal(timings.events().median() / 1e3, 2),
                Figures.decimal(timings.events().percentile(99) / 1e3, 2),
                (timings.sampleAppCpuPerStreamNanos() < 0) ? "" : Figures.decimal(timings.sampleAppCpuPerStreamNanos() / 1e6, 1));
    }

    private static void addTarget(BenchContext context, Path path, String who, Timings direct, Timings via) {
        long added = via.ttfe().median() - direct.ttfe().median();
        context.report().add(TargetCheck.of("passthrough-ttfe-" + path.key + "-" + who.replaceAll("\\D+", ""),
                "Time to first event added by the sample app (" + path.label + "), " + who + ", p50", "< 5 ms", Figures.millis(added)
                        + " ms (" + Figures.millis(via.ttfe().median()) + " vs " + Figures.millis(direct.ttfe().median()) + " ms)",
                added < 5_000_000L, Figures.millis(added - 5_000_000L) + " ms"));
    }

    /** The ways to the same stream. */
    private enum Path {

        DIRECT("direct", "direct"), SESSION("session", "session"), BASIC("basic", "HTTP Basic");

        final String key;

        final String label;

        Path(String key, String label) {
            this.key = key;
            this.label = label;
        }
    }

    /** The ways to the same stream, all read by the same reader. */
    private static final class Paths {

        private final HttpClient http;

        private final URI direct;

        private final URI sample;

        private final StreamProfile profile;

        private final Map<String, String> cookies = new LinkedHashMap<>();

        private final ChildJvm sampleApp;

        Paths(HttpClient http, URI direct, URI sample, StreamProfile profile, ChildJvm sampleApp) {
            this.http = http;
            this.direct = direct;
            this.sample = sample;
            this.profile = profile;
            this.sampleApp = sampleApp;
        }

        long sampleAppCpuNanos() {
            return this.sampleApp.cpuNanos();
        }

        /**
         * Waits until the sample app uses under 5% of a core for a whole second, or 30 s at most:
         * after the warm-up waves its JIT compilers keep a core busy for a while, which would count
         * against the first streams measured one at a time.
         */
        void awaitQuietSampleApp() throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long before = sampleAppCpuNanos();
            do {
                Thread.sleep(1000);
                long now = sampleAppCpuNanos();
                if (now - before < Duration.ofMillis(50).toNanos()) {
                    return;
                }
                before = now;
            }
            while (System.nanoTime() < deadline);
        }

        /** Signs in as the page does: the sign-in page sets the CSRF cookie, the form post makes the session. */
        void signIn() throws Exception {
            keepCookies(this.http.send(HttpRequest.newBuilder(this.sample.resolve("/login")).build(),
                    HttpResponse.BodyHandlers.discarding()));
            String form = "username=" + USER + "&password=" + PASSWORD;
            HttpResponse<Void> signedIn = this.http.send(withCookies(HttpRequest.newBuilder(this.sample.resolve("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(), HttpResponse.BodyHandlers.discarding());
            keepCookies(signedIn);
            String location = signedIn.headers().firstValue("Location").orElse("");
            if (signedIn.statusCode() / 100 != 3 || location.contains("error") || !this.cookies.containsKey("SESSION")) {
                throw new IllegalStateException("Could not sign in to the sample app: HTTP " + signedIn.statusCode() + " to '" + location
                        + "', cookies " + this.cookies.keySet());
            }
            // The session's CSRF token, as the page reads it from its cookie.
            keepCookies(this.http.send(withCookies(HttpRequest.newBuilder(this.sample.resolve("/api/apps"))).build(),
                    HttpResponse.BodyHandlers.discarding()));
        }

        private HttpRequest.Builder withCookies(HttpRequest.Builder request) {
            StringBuilder header = new StringBuilder();
            this.cookies.forEach((name, value) -> header.append((header.length() > 0) ? "; " : "").append(name).append('=').append(value));
            if (header.length() > 0) {
                request.header("Cookie", header.toString());
            }
            String csrf = this.cookies.get("XSRF-TOKEN");
            if (csrf != null) {
                request.header("X-XSRF-TOKEN", csrf);
            }
            return request;
        }

        private void keepCookies(HttpResponse<?> response) {
            for (String setCookie : response.headers().allValues("Set-Cookie")) {
                String pair = setCookie.split(";", 2)[0];
                int equals = pair.indexOf('=');
                String name = pair.substring(0, equals).trim();
                String value = pair.substring(equals + 1).trim();
                if (value.isEmpty() || setCookie.contains("Max-Age=0")) {
                    this.cookies.remove(name);
                }
                else {
                    this.cookies.put(name, value);
                }
            }
        }

        Stream start(Path path) {
            HttpRequest.Builder request;
            switch (path) {
                case DIRECT -> request = HttpRequest.newBuilder(this.direct)
                    .header("Authorization", "Bearer " + BenchRequests.API_KEY)
                    .POST(HttpRequest.BodyPublishers.ofString(BenchRequests.chatBody("streaming")));
                case BASIC -> request = HttpRequest.newBuilder(this.sample.resolve("/api/apps/bench/chat-messages"))
                    .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                    .POST(sampleBody());
                case SESSION -> request = withCookies(HttpRequest.newBuilder(this.sample.resolve("/api/apps/bench/chat-messages")))
                    .POST(sampleBody());
                default -> throw new IllegalStateException(path.name());
            }
            request.header("Content-Type", "application/json").header("Accept", "text/event-stream");
            LineTimer timer = new LineTimer(System.nanoTime());
            CompletableFuture<StreamTiming> timing = this.http
                .sendAsync(request.build(), HttpResponse.BodyHandlers.fromLineSubscriber(timer, LineTimer::result, "\n"))
                .thenApply((response) -> {
                    StreamTiming result = response.body();
                    if (response.statusCode() != 200 || result.messages() != this.profile.events() || !result.endWithUsage()) {
                        throw new IllegalStateException("The " + path.label + " stream was not whole: HTTP " + response.statusCode()
                                + ", " + result.messages() + "/" + this.profile.events() + " message events, message_end with usage: "
                                + result.endWithUsage());
                    }
                    return result;
                });
            return new Stream(timing);
        }

        private static HttpRequest.BodyPublisher sampleBody() {
            return HttpRequest.BodyPublishers.ofString("{\"query\":\"" + BenchRequests.QUERY + "\",\"inputs\":{},\"response_mode\":\"streaming\"}");
        }
    }

    /** A stream being read. */
    private record Stream(CompletableFuture<StreamTiming> timing) {

        StreamTiming await() throws Exception {
            return this.timing.get(STREAM_LIMIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** What the reader timed of one stream. */
    private record StreamTiming(long ttfeNanos, long[] eventLatencyMicros, int messages, boolean endWithUsage) {
    }

    /** Times each {@code data:} line as it is handed over. */
    private static final class LineTimer implements Flow.Subscriber<String> {

        private final long startNanos;

        private long ttfeNanos = -1;

        private final List<Long> latencies = new ArrayList<>();

        private int messages;

        private boolean endWithUsage;

        LineTimer(long startNanos) {
            this.startNanos = startNanos;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (!line.startsWith("data:")) {
                return;
            }
            long now = System.nanoTime();
            long nowMicros = DifyWire.nowMicros();
            String json = line.substring(5).strip();
            if (json.startsWith("{\"event\":\"message\"")) {
                this.messages++;
                if (this.ttfeNanos < 0) {
                    this.ttfeNanos = now - this.startNanos;
                }
                long sent = DifyWire.sentAtMicros(json);
                if (sent >= 0) {
                    this.latencies.add(nowMicros - sent);
                }
            }
            else if (json.startsWith("{\"event\":\"message_end\"")) {
                this.endWithUsage = json.contains("\"usage\":{");
            }
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }

        StreamTiming result() {
            return new StreamTiming(this.ttfeNanos, this.latencies.stream().mapToLong(Long::longValue).toArray(), this.messages,
                    this.endWithUsage);
        }
    }

    /** The timings of many streams of one path. */
    private static final class Timings {

        private final List<Long> ttfe = new ArrayList<>();

        private final List<Long> events = new ArrayList<>();

        private long sampleAppCpuNanos;

        private int sampleAppCpuStreams;

        void addSampleAppCpu(long nanos, int streams) {
            this.sampleAppCpuNanos += nanos;
            this.sampleAppCpuStreams += streams;
        }

        /** The sample app's CPU per stream, or -1 for the direct path (which does not use it). */
        long sampleAppCpuPerStreamNanos() {
            return (this.sampleAppCpuStreams == 0) ? -1 : this.sampleAppCpuNanos / this.sampleAppCpuStreams;
        }

        void add(StreamTiming timing) {
            this.ttfe.add(timing.ttfeNanos());
            for (long latency : timing.eventLatencyMicros()) {
                this.events.add(latency);
            }
        }

        Distribution ttfe() {
            return Distribution.of(this.ttfe.stream().mapToLong(Long::longValue).toArray());
        }

        Distribution events() {
            return Distribution.of(this.events.stream().mapToLong(Long::longValue).toArray());
        }
    }
}
