package io.github.difyspring.client.file;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * How {@link FileUpload} names, types and reads its content.
 */
class FileUploadTest {

    @TempDir
    Path dir;

    @Test
    void guessesTheContentTypeFromTheFileName() {
        assertThat(FileUpload.of(new byte[0], "photo.PNG").contentType()).isEqualTo(MediaType.IMAGE_PNG);
        assertThat(FileUpload.of(new byte[0], "report.pdf").contentType()).isEqualTo(MediaType.APPLICATION_PDF);
        assertThat(FileUpload.of(new byte[0], "question.mp3").contentType()).hasToString("audio/mpeg");
        assertThat(FileUpload.of(new byte[0], "notes.unknown-extension").contentType())
            .isEqualTo(MediaType.APPLICATION_OCTET_STREAM);
        assertThat(FileUpload.of(new byte[0], "README").contentType()).isEqualTo(MediaType.APPLICATION_OCTET_STREAM);
    }

    @Test
    void guessesTheAudioTypesDifySpeechToTextAccepts() {
        // The common guesses, audio/x-wav and none, are rejected by Dify's speech-to-text.
        assertThat(FileUpload.of(new byte[0], "meeting.WAV").contentType()).hasToString("audio/wav");
        assertThat(FileUpload.of(new byte[0], "voice.amr").contentType()).hasToString("audio/amr");
    }

    @Test
    void keepsAGivenContentType() {
        MediaType type = MediaType.parseMediaType("audio/m4a");
        assertThat(FileUpload.of(new byte[0], "question.mp3", type).contentType()).isEqualTo(type);
    }

    @Test
    void namesAPathUploadByItsFileName() throws IOException {
        Path file = Files.writeString(this.dir.resolve("notes.txt"), "hello");
        FileUpload upload = FileUpload.of(file);
        assertThat(upload.filename()).isEqualTo("notes.txt");
        assertThat(upload.contentType()).isEqualTo(MediaType.TEXT_PLAIN);
        assertThat(upload).hasToString("FileUpload[filename=notes.txt, contentType=text/plain, source=path " + file + "]");
    }

    @Test
    void rejectsFileNamesDifyRejects() {
        assertThatIllegalArgumentException().isThrownBy(() -> FileUpload.of(new byte[0], "reports/q1.pdf"))
            .withMessageContaining("without '/' or '\\'");
        assertThatIllegalArgumentException().isThrownBy(() -> FileUpload.of(new byte[0], "reports\\q1.pdf"));
        assertThatIllegalArgumentException().isThrownBy(() -> FileUpload.of(new byte[0], " "));
    }

    @Test
    void rejectsAResourceWithoutAFileName() {
        assertThatIllegalArgumentException().isThrownBy(() -> FileUpload.of(new ByteArrayResource(new byte[1])))
            .withMessageContaining("FileUpload.of(Resource, String, MediaType)");
        assertThat(FileUpload.of(new ByteArrayResource(new byte[1]), "data.csv", null).contentType())
            .hasToString("text/csv");
    }

    @Test
    void readsAPathInBuffersEachTimeItIsSent() throws IOException {
        byte[] bytes = new byte[300 * 1024];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i * 31);
        }
        Path file = Files.write(this.dir.resolve("big.bin"), bytes);
        FileUpload upload = FileUpload.of(file);
        assertThat(upload.content().collectList().block(Duration.ofSeconds(5))).hasSizeGreaterThan(1)
            .allSatisfy(DataBufferUtils::release);
        assertThat(join(upload.content())).isEqualTo(bytes);
        assertThat(join(upload.content())).as("sent again").isEqualTo(bytes);
    }

    @Test
    void reportsAFailedReadAsAFileReadFailure() {
        Path missing = this.dir.resolve("missing.txt");
        StepVerifier.create(FileUpload.of(missing).content())
            .expectErrorSatisfies((error) -> assertThat(error).isInstanceOf(FileReadException.class)
                .hasMessage("Could not read path " + missing + " to send it as 'missing.txt': "
                        + "java.nio.file.NoSuchFileException: " + missing))
            .verify(Duration.ofSeconds(5));
    }

    @Test
    void copiesBytesSoLaterChangesDoNotLeakIn() {
        byte[] bytes = "original".getBytes(StandardCharsets.UTF_8);
        FileUpload upload = FileUpload.of(bytes, "a.txt");
        bytes[0] = 'X';
        assertThat(new String(join(upload.content()), StandardCharsets.UTF_8)).isEqualTo("original");
    }

    @Test
    void readsAnInputStreamOnlyWhenSentAndClosesIt() {
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger closes = new AtomicInteger();
        InputStream in = new ByteArrayInputStream("streamed".getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                reads.incrementAndGet();
                return super.read(b, off, len);
            }

            @Override
            public void close() throws IOException {
                closes.incrementAndGet();
                super.close();
            }
        };
        FileUpload upload = FileUpload.of(in, "a.txt");
        Flux<DataBuffer> content = upload.content();
        assertThat(reads).as("reads before sending").hasValue(0);
        assertThat(new String(join(content), StandardCharsets.UTF_8)).isEqualTo("streamed");
        assertThat(closes).hasValue(1);
    }

    @Test
    void passesAReactiveSourceOn() {
        Flux<DataBuffer> source = Flux.just("part one, ", "part two")
            .map((text) -> DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8)));
        FileUpload upload = FileUpload.of(source, "parts.txt", null);
        assertThat(new String(join(upload.content()), StandardCharsets.UTF_8)).isEqualTo("part one, part two");
    }

    private static byte[] join(Flux<DataBuffer> content) {
        DataBuffer joined = DataBufferUtils.join(content).block(Duration.ofSeconds(5));
        assertThat(joined).isNotNull();
        byte[] bytes = new byte[joined.readableByteCount()];
        joined.read(bytes);
        DataBufferUtils.release(joined);
        return bytes;
    }
}
