package io.github.difyspring.benchmarks.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A JVM the benchmark starts beside itself (the load server, the sample app), so that the client
 * JVM it measures holds only the clients. Every child is stopped when it is closed, when this JVM
 * exits (a shutdown hook) and, should this JVM be killed outright, by the {@code run} script, which
 * reads the pids from {@link #PID_FILE_PROPERTY the pid file}. Children are marked on their command
 * line with {@code -Ddify.bench.child=<name>} so that the script never kills a process that merely
 * reused a pid.
 */
public final class ChildJvm implements AutoCloseable {

    /** The system property naming the file that lists the children's pids. */
    public static final String PID_FILE_PROPERTY = "bench.pidFile";

    private static final List<ChildJvm> RUNNING = new CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(ChildJvm::close), "bench-children-stopper"));
    }

    private final String name;

    private final Process process;

    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts a JVM with the same {@code java} as this one.
     * @param name a short name, for the marker, the log and messages
     * @param jvmOptions options before the main class or jar
     * @param mainAndArgs the main class (or {@code -jar <file>}) and its arguments
     * @param logDirectory where its output goes, as {@code <name>.log}
     * @return the running child
     */
    public static ChildJvm start(String name, List<String> jvmOptions, List<String> mainAndArgs, Path logDirectory) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-Ddify.bench.child=" + name);
        command.addAll(jvmOptions);
        command.addAll(mainAndArgs);
        Path log = logDirectory.resolve(name + ".log");
        try {
            Files.createDirectories(logDirectory);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                // Standard input stays a pipe held by this JVM: when this JVM dies, it closes.
                .redirectInput(ProcessBuilder.Redirect.PIPE)
                .start();
            ChildJvm child = new ChildJvm(name, process, log);
            RUNNING.add(child);
            recordPid(process.pid());
            return child;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start the " + name + " JVM: " + command, ex);
        }
    }

    private static void recordPid(long pid) throws IOException {
        String file = System.getProperty(PID_FILE_PROPERTY);
        if (file != null) {
            Files.writeString(Path.of(file), pid + "\n", StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
    }

    /**
     * Waits until a TCP port of the child accepts connections and, if given, a readiness check passes.
     * @param port the port
     * @param limit the longest wait
     * @param ready a further check, or {@code null}
     * @throws IllegalStateException when the child died or did not become ready in time (with the end of its log)
     */
    public void awaitReady(int port, Duration limit, BooleanSupplier ready) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!this.process.isAlive()) {
                throw new IllegalStateException("The " + this.name + " JVM exited with status " + this.process.exitValue()
                        + " before it was ready; the end of its log (" + this.log + "):\n" + logTail());
            }
            if (accepts(port) && (ready == null || ready.getAsBoolean())) {
                return;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(100);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new IllegalStateException("The " + this.name + " JVM was not ready on port " + port + " after " + limit.toSeconds()
                + " s; the end of its log (" + this.log + "):\n" + logTail());
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    /**
     * The last lines of the child's output.
     * @return up to 40 lines
     */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(this.log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
        catch (IOException | UncheckedIOException ex) {
            return "(could not read it: " + ex.getMessage() + ")";
        }
    }

    /**
     * The child's process id.
     * @return the pid
     */
    public long pid() {
        return this.process.pid();
    }

    /**
     * The CPU time the child has used so far, all its threads together.
     * @return the time in nanoseconds, or -1 when the system does not tell
     */
    public long cpuNanos() {
        return this.process.info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    /**
     * A free loopback port, for a child to listen on.
     * @return the port
     */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Found no free loopback port", ex);
        }
    }

    /**
     * Stops the child: politely (SIGTERM) and, after 10 s, by force.
     */
    @Override
    public void close() {
        RUNNING.remove(this);
        if (!this.process.isAlive()) {
            return;
        }
        this.process.destroy();
        try {
            if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
                this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            this.process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
