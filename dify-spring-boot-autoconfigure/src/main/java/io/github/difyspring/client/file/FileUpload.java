package io.github.difyspring.client.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.Resource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;

/**
 * A file to send to Dify (to upload, or to transcribe): its name, its content type and where its
 * content comes from. The content is streamed when the request is sent, never read whole into
 * memory. Immutable.
 *
 * <p>When no content type is given it is guessed from the file name, falling back to
 * {@code application/octet-stream}; Dify requires one. For speech-to-text Dify accepts
 * {@code audio/mp3}, {@code audio/mp4}, {@code audio/mpeg}, {@code audio/mpga}, {@code audio/m4a},
 * {@code audio/wav}, {@code audio/webm} and {@code audio/amr}, so {@code .wav} and {@code .amr} are
 * guessed as {@code audio/wav} and {@code audio/amr}.
 *
 * <p>An upload from a {@link Path}, a {@link Resource} or bytes can be sent again (after a retry,
 * say); one from an {@link InputStream} or a {@link Publisher} can be sent once, as its source can
 * be read once.
 */
public final class FileUpload {

    private static final int BUFFER_SIZE = 64 * 1024;

    // Types Dify's speech-to-text accepts where the common guess is one it rejects or none.
    private static final Map<String, MediaType> DIFY_TYPES = Map.of("wav", MediaType.parseMediaType("audio/wav"),
            "amr", MediaType.parseMediaType("audio/amr"));

    private final String filename;

    private final MediaType contentType;

    private final String source;

    private final Supplier<Flux<DataBuffer>> content;

    private final boolean repeatable;

    private FileUpload(String filename, @Nullable MediaType contentType, String source,
            Supplier<Flux<DataBuffer>> content) {
        this(filename, contentType, source, content, true);
    }

    private FileUpload(String filename, @Nullable MediaType contentType, String source,
            Supplier<Flux<DataBuffer>> content, boolean repeatable) {
        this.filename = checkFilename(filename);
        this.contentType = (contentType != null) ? contentType : guessContentType(filename);
        this.source = source;
        this.content = content;
        this.repeatable = repeatable;
    }

    /**
     * A file on disk, its content type guessed from its name.
     * @param path the file
     * @return the upload
     */
    public static FileUpload of(Path path) {
        return of(path, null);
    }

    /**
     * A file on disk, read without blocking as it is sent.
     * @param path the file
     * @param contentType its content type, or {@code null} to guess it from the file name
     * @return the upload
     */
    public static FileUpload of(Path path, @Nullable MediaType contentType) {
        Objects.requireNonNull(path, "path");
        Path name = path.getFileName();
        if (name == null) {
            throw new IllegalArgumentException("A file to upload needs a file name; got '" + path + "'");
        }
        return new FileUpload(name.toString(), contentType, "path " + path,
                () -> DataBufferUtils.read(path, DefaultDataBufferFactory.sharedInstance, BUFFER_SIZE));
    }

    /**
     * A resource, named by its own file name, its content type guessed from that name.
     * @param resource the resource, such as a {@code ClassPathResource} or a {@code FileSystemResource}
     * @return the upload
     * @throws IllegalArgumentException when the resource has no file name
     */
    public static FileUpload of(Resource resource) {
        return of(resource, null);
    }

    /**
     * A resource, named by its own file name.
     * @param resource the resource, such as a {@code ClassPathResource} or a {@code FileSystemResource}
     * @param contentType its content type, or {@code null} to guess it from the file name
     * @return the upload
     * @throws IllegalArgumentException when the resource has no file name
     */
    public static FileUpload of(Resource resource, @Nullable MediaType contentType) {
        Objects.requireNonNull(resource, "resource");
        String filename = resource.getFilename();
        if (filename == null) {
            throw new IllegalArgumentException("A file to upload needs a file name and " + resource.getDescription()
                    + " has none; use FileUpload.of(Resource, String, MediaType)");
        }
        return of(resource, filename, contentType);
    }

    /**
     * A resource under a file name of the caller's choice.
     * @param resource the resource
     * @param filename the file name to send
     * @param contentType its content type, or {@code null} to guess it from the file name
     * @return the upload
     */
    public static FileUpload of(Resource resource, String filename, @Nullable MediaType contentType) {
        Objects.requireNonNull(resource, "resource");
        // An open resource (an InputStreamResource) is a stream that can be read once.
        return new FileUpload(filename, contentType, resource.getDescription(), () -> read(resource), !resource.isOpen());
    }

    /**
     * Content in memory, its content type guessed from the file name.
     * @param content the content; copied
     * @param filename the file name to send
     * @return the upload
     */
    public static FileUpload of(byte[] content, String filename) {
        return of(content, filename, null);
    }

    /**
     * Content in memory.
     * @param content the content; copied
     * @param filename the file name to send
     * @param contentType its content type, or {@code null} to guess it from the file name
     * @return the upload
     */
    public static FileUpload of(byte[] content, String filename, @Nullable MediaType contentType) {
        byte[] copy = Objects.requireNonNull(content, "content").clone();
        return new FileUpload(filename, contentType, copy.length + " bytes",
                () -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(copy)));
    }

    /**
     * Content from a stream, its content type guessed from the file name.
     * @param content the stream; read once, as the request is sent, and closed at the end
     * @param filename the file name to send
     * @return the upload
     */
    public static FileUpload of(InputStream content, String filename) {
        return of(content, filename, null);
    }

    /**
     * Content from a stream. The stream is read as the request is sent, on a thread meant for
     * blocking work rather than on the caller's or the connection's, and closed at the end.
     * @param content the stream; read once
     * @param filename the file name to send
     * @param contentType its content type, or {@code null} to guess it from the file name
     * @return the upload
     */
    public static FileUpload of(InputStream content, String filename, @Nullable MediaType contentType) {
        Objects.requireNonNull(content, "content");
        return new FileUpload(filename, contentType, "an input stream",
                () -> DataBufferUtils.readInputStream(() -> content, DefaultDataBufferFactory.sharedInstance, BUFFER_SIZE)
                    .subscribeOn(Schedulers.boundedElastic()), false);
    }

    /**
     * Content from a reactive source, such as the {@code content()} of a file part received by a
     * WebFlux controller, to pass on without buffering it.
     * @param content the content; subscribed to once, as the request is sent
     * @param filename the file name to send
     * @param contentType its content type, or {@code null} to guess it from the file name
     * @return the upload
     */
    public static FileUpload of(Publisher<? extends DataBuffer> content, String filename, @Nullable MediaType contentType) {
        Objects.requireNonNull(content, "content");
        return new FileUpload(filename, contentType, "a publisher", () -> Flux.from(content), false);
    }

    private static Flux<DataBuffer> read(Resource resource) {
        Flux<DataBuffer> content = DataBufferUtils.read(resource, DefaultDataBufferFactory.sharedInstance, BUFFER_SIZE);
        // A file is read through an asynchronous channel; anything else (a class path entry in a
        // jar, a URL) through a blocking stream, which must stay off the connection's thread.
        return isFile(resource) ? content : content.subscribeOn(Schedulers.boundedElastic());
    }

    private static boolean isFile(Resource resource) {
        if (!resource.isFile()) {
            return false;
        }
        try {
            resource.getFile();
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    private static String checkFilename(String filename) {
        Objects.requireNonNull(filename, "filename");
        if (filename.isBlank() || filename.contains("/") || filename.contains("\\")) {
            throw new IllegalArgumentException(
                    "Dify needs a file name without '/' or '\\' for an upload; got '" + filename + "'");
        }
        return filename;
    }

    private static MediaType guessContentType(String filename) {
        int dot = filename.lastIndexOf('.');
        MediaType difyType = (dot >= 0) ? DIFY_TYPES.get(filename.substring(dot + 1).toLowerCase(Locale.ROOT)) : null;
        if (difyType != null) {
            return difyType;
        }
        return MediaTypeFactory.getMediaType(filename).orElse(MediaType.APPLICATION_OCTET_STREAM);
    }

    /**
     * The file name sent with the content.
     * @return the file name
     */
    public String filename() {
        return this.filename;
    }

    /**
     * The content type sent with the content: the one given, or the one guessed from the file name.
     * @return the content type
     */
    public MediaType contentType() {
        return this.contentType;
    }

    /**
     * The content, read as it is consumed. Each buffer must be released by the consumer; the
     * multipart writer that sends the upload does so.
     * @return the content; a failure to read it is a {@link FileReadException}
     */
    public Flux<DataBuffer> content() {
        return Flux.defer(this.content)
            .onErrorMap(IOException.class, (ex) -> new FileReadException("Could not read " + this.source
                    + " to send it as '" + this.filename + "': " + ex, ex));
    }

    /**
     * Whether the content can be sent more than once. An upload from a path, bytes or a resource
     * that is not an open stream can; one from an input stream or a publisher cannot, so a request
     * carrying it is never retried.
     * @return true when the content can be read again
     */
    public boolean isRepeatable() {
        return this.repeatable;
    }

    /**
     * Describes the upload without its content.
     * @return the file name, content type and source
     */
    @Override
    public String toString() {
        return "FileUpload[filename=" + this.filename + ", contentType=" + this.contentType + ", source=" + this.source + "]";
    }
}
