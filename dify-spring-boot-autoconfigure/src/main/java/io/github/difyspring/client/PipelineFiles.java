package io.github.difyspring.client;

import java.util.Objects;

import reactor.core.publisher.Mono;

import org.springframework.http.client.MultipartBodyBuilder;

import io.github.difyspring.client.file.FileReadException;
import io.github.difyspring.client.file.FileUpload;
import io.github.difyspring.client.internal.DifyCall;
import io.github.difyspring.client.internal.DifyTransport;
import io.github.difyspring.client.knowledge.PipelineFile;

/**
 * Uploads of files for knowledge pipelines to read: upload a file, then give it to a run of a
 * knowledge base's pipeline with
 * {@link io.github.difyspring.client.knowledge.DatasourceInfo#localFile(PipelineFile)}. Get it from
 * {@link DifyKnowledgeClient#pipelineFiles()}. Non-blocking: every method returns a {@link Mono}
 * that does nothing until subscribed.
 */
public final class PipelineFiles {

    private final DifyTransport transport;

    PipelineFiles(DifyTransport transport) {
        this.transport = transport;
    }

    /**
     * Uploads a file ({@code POST /datasets/pipeline/file-upload}) for the workspace's knowledge
     * pipelines. The content is streamed, not read into memory (Dify itself reads it whole), and is
     * sent once only: an upload creates a file, so it is never sent again once Dify may have
     * received it.
     *
     * <p>Dify 1.14.2 refuses a file over the deployment's size limit, one without a content type
     * and one with a blocked extension with HTTP 400 {@code invalid_param}
     * ({@link io.github.difyspring.client.error.DifyBadRequestException}), usually with an empty
     * message, not with the 413 and 415 its API reference lists (the controller raises the file
     * service's errors, which Dify answers as invalid parameters). The file belongs to the
     * workspace; there is no end user. Should the content fail to be read (a missing file, say), the
     * upload fails with a {@link FileReadException}.
     * @param file the file
     * @return the uploaded file, answered with HTTP 201
     */
    public Mono<PipelineFile> upload(FileUpload file) {
        Objects.requireNonNull(file, "file");
        return Mono.defer(() -> this.transport.json(DifyCall.post("/datasets/pipeline/file-upload").notIdempotent()
                .multipart(multipart(file))
                .repeatable(file.isRepeatable()), PipelineFile.class))
            .onErrorMap(AppFiles::readFailureOrSelf);
    }

    /** The multipart body: the one {@code file} part Dify reads (more than one part named file is refused). */
    private static MultipartBodyBuilder multipart(FileUpload file) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        AppFiles.filePart(body, file);
        return body;
    }

    @Override
    public String toString() {
        return "PipelineFiles[" + this.transport.app().name() + "]";
    }
}
