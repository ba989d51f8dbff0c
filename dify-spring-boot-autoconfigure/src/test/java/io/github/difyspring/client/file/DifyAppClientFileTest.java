package io.github.difyspring.client.file;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import com.github.tomakehurst.wiremock.matching.MultipartValuePattern;
import com.github.tomakehurst.wiremock.matching.RequestPatternBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyClientTestSupport;
import io.github.difyspring.client.core.DifyAppType;
import io.github.difyspring.client.core.DifyFile;
import io.github.difyspring.client.core.DifyFileType;
import io.github.difyspring.client.error.DifyBadRequestException;
import io.github.difyspring.client.error.DifyForbiddenException;
import io.github.difyspring.client.error.DifyNotFoundException;
import io.github.difyspring.client.error.DifyPayloadTooLargeException;
import io.github.difyspring.client.error.DifyServerException;
import io.github.difyspring.client.error.DifyUnsupportedMediaTypeException;

import static com.github.tomakehurst.wiremock.client.WireMock.aMultipart;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.binaryEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.difyspring.client.OpenApiContract.matchesRequestSchema;
import static io.github.difyspring.client.OpenApiContract.responseExample;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file and audio operations every client offers: the requests they send (multipart parts and
 * JSON bodies with the user) and how they map or stream the answers.
 */
class DifyAppClientFileTest extends DifyClientTestSupport {

    private static final String FILE_ID = "a1b2c3d4-5678-90ab-cdef-1234567890ab";

    @TempDir
    Path dir;

    // ---- upload

    @Test
    void uploadSendsTheFileStreamedFromAPathWithItsNameTypeAndUser() throws IOException {
        byte[] png = randomBytes(3 * 1024 * 1024 + 17);
        Path file = Files.write(this.dir.resolve("product-photo.png"), png);
        stubUpload(201, responseExample("POST", "/files/upload", 201, "uploadSuccess"));

        chatClient().forUser("abc-123").files().upload(FileUpload.of(file)).block(TIMEOUT);

        wireMock.verify(1, upload()
            .withRequestBodyPart(aMultipart("file")
                .withHeader("Content-Disposition", containing("filename=\"product-photo.png\""))
                .withHeader("Content-Type", equalTo("image/png"))
                .withBody(binaryEqualTo(png))
                .build())
            .withRequestBodyPart(aMultipart("user").withBody(equalTo("abc-123")).build()));
    }

    @Test
    void uploadMapsTheAnswer() {
        stubUpload(201, responseExample("POST", "/files/upload", 201, "uploadSuccess"));

        UploadedFile uploaded = chatClient().files().upload(FileUpload.of(new byte[] { 1, 2, 3 }, "product-photo.png"))
            .block(TIMEOUT);

        assertThat(uploaded).isNotNull();
        assertThat(uploaded.id()).isEqualTo(FILE_ID);
        assertThat(uploaded.name()).isEqualTo("product-photo.png");
        assertThat(uploaded.size()).isEqualTo(204800L);
        assertThat(uploaded.extension()).isEqualTo("png");
        assertThat(uploaded.mimeType()).isEqualTo("image/png");
        assertThat(uploaded.createdBy()).isEqualTo("f1e2d3c4-b5a6-7890-abcd-ef1234567890");
        assertThat(uploaded.createdAt()).isEqualTo(1705407629L);
        assertThat(uploaded.previewUrl()).isNull();
        assertThat(uploaded.sourceUrl()).startsWith("https://upload.dify.ai/files/" + FILE_ID + "/file-preview?timestamp=");
        assertThat(uploaded.originalUrl()).isNull();
        assertThat(uploaded.tenantId()).isEqualTo("11223344-5566-7788-99aa-bbccddeeff00");
        assertThat(uploaded.conversationId()).isNull();
        assertThat(uploaded.toDifyFile(DifyFileType.IMAGE)).isEqualTo(DifyFile.uploaded(DifyFileType.IMAGE, FILE_ID));
    }

    @Test
    void uploadSendsTheDefaultUserWhenTheCallNamesNone() {
        stubUpload(201, responseExample("POST", "/files/upload", 201, "uploadSuccess"));

        chatClient().files().upload(FileUpload.of(new byte[] { 1 }, "a.txt")).block(TIMEOUT);

        wireMock.verify(1, upload().withRequestBodyPart(aMultipart("user").withBody(equalTo(DEFAULT_USER)).build()));
    }

    @Test
    void uploadSendsBytesAResourceAndAStreamWithTheirNamesAndTypes() {
        stubUpload(201, responseExample("POST", "/files/upload", 201, "uploadSuccess"));
        DifyChatClient client = chatClient();

        client.forUser("u1").files()
            .upload(FileUpload.of("from bytes".getBytes(StandardCharsets.UTF_8), "notes.md", MediaType.TEXT_MARKDOWN))
            .block(TIMEOUT);
        client.forUser("u2").files()
            .upload(FileUpload.of(new ByteArrayResource("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)), "table.csv",
                null)).block(TIMEOUT);
        client.forUser("u3").files()
            .upload(FileUpload.of(new ByteArrayInputStream("RIFF....WAVE".getBytes(StandardCharsets.UTF_8)),
                "meeting.wav")).block(TIMEOUT);

        wireMock.verify(1, upload().withRequestBodyPart(file("notes.md", "text/markdown", "from bytes"))
            .withRequestBodyPart(aMultipart("user").withBody(equalTo("u1")).build()));
        wireMock.verify(1, upload().withRequestBodyPart(file("table.csv", "text/csv", "a,b\n1,2\n"))
            .withRequestBodyPart(aMultipart("user").withBody(equalTo("u2")).build()));
        wireMock.verify(1, upload().withRequestBodyPart(file("meeting.wav", "audio/wav", "RIFF....WAVE"))
            .withRequestBodyPart(aMultipart("user").withBody(equalTo("u3")).build()));
    }

    @Test
    void uploadOfATooLargeFileRaisesPayloadTooLarge() {
        stubUpload(413, responseExample("POST", "/files/upload", 413, "file_too_large"));

        DifyPayloadTooLargeException error = failure(
                chatClient().forUser("abc-123").files().upload(FileUpload.of(new byte[] { 1 }, "huge.png")),
                DifyPayloadTooLargeException.class);

        assertThat(error.getCode()).isEqualTo("file_too_large");
        assertThat(error.getOperation()).isEqualTo("POST /files/upload");
    }

    @Test
    void uploadOfAnUnsupportedTypeRaisesUnsupportedMediaType() {
        stubUpload(415, responseExample("POST", "/files/upload", 415, "unsupported_file_type"));

        DifyUnsupportedMediaTypeException error = failure(
                chatClient().forUser("abc-123").files().upload(FileUpload.of(new byte[] { 1 }, "a.png")),
                DifyUnsupportedMediaTypeException.class);

        assertThat(error.getCode()).isEqualTo("unsupported_file_type");
        assertThat(error.getDifyMessage()).isEqualTo("File type not allowed.");
    }

    @Test
    void uploadWithoutAnyUserFailsAsASignalWithoutARequest() {
        DifyChatClient client = new DifyChatClient(app(DifyAppType.CHAT, null),
                WebClient.builder());

        var upload = client.files().upload(FileUpload.of(new byte[] { 1 }, "a.png"));

        assertThat(failure(upload, IllegalArgumentException.class)).hasMessageContaining("names no user");
        assertThat(wireMock.findAll(anyRequestedFor(anyUrl()))).isEmpty();
    }

    @Test
    void uploadOfAFileThatCannotBeReadRaisesAReadFailureNotAConnectionFailure() {
        stubUpload(201, responseExample("POST", "/files/upload", 201, "uploadSuccess"));
        Path missing = this.dir.resolve("missing.png");

        FileReadException error = failure(chatClient().forUser("abc-123").files()
            .upload(FileUpload.of(missing)), FileReadException.class);

        assertThat(error).hasMessageContaining(missing.toString()).hasRootCauseInstanceOf(NoSuchFileException.class);
        failure(chatClient().forUser("abc-123").audio().toText(FileUpload.of(missing)), FileReadException.class);
    }

    // ---- download

    @Test
    void downloadStreamsTheContentInManyBuffers() {
        byte[] content = randomBytes(5 * 1024 * 1024);
        wireMock.stubFor(get(urlPathEqualTo("/v1/files/" + FILE_ID + "/preview"))
            .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/pdf").withBody(content)));

        List<DataBuffer> buffers = chatClient().forUser("abc-123").files().download(FILE_ID).collectList().block(TIMEOUT);

        assertThat(buffers).isNotNull();
        assertThat(buffers.size()).as("buffers").isGreaterThan(1);
        assertThat(concat(buffers)).isEqualTo(content);
        wireMock.verify(1, difyGet("/v1/files/" + FILE_ID + "/preview?user=abc-123"));
    }

    @Test
    void downloadSendsTheDefaultUserAndLeavesTheUserOutWithoutOne() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/files/" + FILE_ID + "/preview"))
            .willReturn(aResponse().withStatus(200).withBody("x")));

        concat(chatClient().files().download(FILE_ID).collectList().block(TIMEOUT));
        concat(new DifyChatClient(app(DifyAppType.CHAT, null),
                WebClient.builder())
            .files().download(FILE_ID).collectList().block(TIMEOUT));

        wireMock.verify(1, getRequestedFor(urlEqualTo("/v1/files/" + FILE_ID + "/preview?user=" + DEFAULT_USER)));
        wireMock.verify(1, getRequestedFor(urlEqualTo("/v1/files/" + FILE_ID + "/preview")));
    }

    @Test
    void downloadToAPathWritesTheWholeContent() throws IOException {
        byte[] content = randomBytes(2 * 1024 * 1024 + 5);
        wireMock.stubFor(get(urlPathEqualTo("/v1/files/" + FILE_ID + "/preview"))
            .willReturn(aResponse().withStatus(200).withBody(content)));
        Path target = Files.writeString(this.dir.resolve("download.bin"), "an older, longer content that must be replaced "
                .repeat(100));

        chatClient().forUser("abc-123").files().download(FILE_ID, target).block(TIMEOUT);

        assertThat(Files.readAllBytes(target)).isEqualTo(content);
    }

    @Test
    void downloadOfAMissingFileRaisesNotFoundAndLeavesTheTargetAlone() throws IOException {
        wireMock.stubFor(get(urlPathEqualTo("/v1/files/" + FILE_ID + "/preview"))
            .willReturn(json(404, responseExample("GET", "/files/{file_id}/preview", 404, "file_not_found"))));
        Path target = Files.writeString(this.dir.resolve("keep.txt"), "keep me");

        DifyNotFoundException error = failure(chatClient().forUser("abc-123").files().download(FILE_ID, target),
                DifyNotFoundException.class);

        assertThat(error.getCode()).isEqualTo("file_not_found");
        assertThat(Files.readString(target)).isEqualTo("keep me");
        assertThat(this.dir.resolve("absent.txt")).doesNotExist();
        failure(chatClient().forUser("abc-123").files()
            .download(FILE_ID, this.dir.resolve("absent.txt")), DifyNotFoundException.class);
        assertThat(this.dir.resolve("absent.txt")).doesNotExist();
    }

    @Test
    void downloadOfAnotherAppsFileRaisesForbidden() {
        wireMock.stubFor(get(urlPathEqualTo("/v1/files/" + FILE_ID + "/preview"))
            .willReturn(json(403, responseExample("GET", "/files/{file_id}/preview", 403, "file_access_denied"))));

        DifyForbiddenException error = failure(chatClient().files().download(FILE_ID), DifyForbiddenException.class);

        assertThat(error.getCode()).isEqualTo("file_access_denied");
    }

    // ---- audio to text

    @Test
    void audioToTextSendsTheAudioAndUserAndMapsTheText() {
        byte[] audio = randomBytes(64 * 1024);
        wireMock.stubFor(post(urlEqualTo("/v1/audio-to-text"))
            .willReturn(json(200, responseExample("POST", "/audio-to-text", 200, "audioToTextSuccess"))));

        AudioTranscript transcript = completionClient()
            .forUser("abc-123").audio()
                .toText(FileUpload.of(audio, "meeting-question.mp3", MediaType.parseMediaType("audio/mp3")))
            .block(TIMEOUT);

        assertThat(transcript).isNotNull();
        assertThat(transcript.text()).isEqualTo("Hello, I would like to know more about the iPhone 13 Pro Max.");
        wireMock.verify(1, withApiKey(postRequestedFor(urlEqualTo("/v1/audio-to-text")))
            .withHeader("Content-Type", containing("multipart/form-data"))
            .withRequestBodyPart(aMultipart("file")
                .withHeader("Content-Disposition", containing("filename=\"meeting-question.mp3\""))
                .withHeader("Content-Type", equalTo("audio/mp3"))
                .withBody(binaryEqualTo(audio))
                .build())
            .withRequestBodyPart(aMultipart("user").withBody(equalTo("abc-123")).build()));
    }

    @Test
    void audioToTextOfAnUnsupportedTypeRaisesUnsupportedMediaType() {
        wireMock.stubFor(post(urlEqualTo("/v1/audio-to-text"))
            .willReturn(json(415, responseExample("POST", "/audio-to-text", 415, "unsupported_audio_type"))));

        DifyUnsupportedMediaTypeException error = failure(
                workflowClient().audio()
                    .toText(FileUpload.of(new byte[] { 1 }, "voice.ogg")), DifyUnsupportedMediaTypeException.class);

        assertThat(error.getCode()).isEqualTo("unsupported_audio_type");
        wireMock.verify(1, postRequestedFor(urlEqualTo("/v1/audio-to-text"))
            .withRequestBodyPart(aMultipart("user").withBody(equalTo(DEFAULT_USER)).build()));
    }

    // ---- text to audio

    @Test
    void textToAudioPostsTheTextVoiceAndUserAndStreamsTheAudio() {
        byte[] mpeg = randomBytes(1024 * 1024);
        wireMock.stubFor(post(urlEqualTo("/v1/text-to-audio"))
            .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "audio/mpeg").withBody(mpeg)));

        List<DataBuffer> audio = chatClient()
            .audio().fromText(TextToAudioRequest.ofText("Hello, welcome to our service.").withVoice("alloy").withUser("abc-123"))
            .collectList()
            .block(TIMEOUT);

        assertThat(concat(audio)).isEqualTo(mpeg);
        wireMock.verify(1, difyPost("/v1/text-to-audio")
            .withRequestBody(equalToJson("""
                    {"text": "Hello, welcome to our service.", "user": "abc-123", "voice": "alloy"}
                    """))
            .withRequestBody(matchesRequestSchema("POST", "/text-to-audio")));
    }

    @Test
    void textToAudioOfAMessageSendsItsIdAndTheDefaultUser() {
        wireMock.stubFor(post(urlEqualTo("/v1/text-to-audio"))
            .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "audio/mpeg").withBody(new byte[] { 1, 2 })));

        concat(workflowClient().audio().fromText(TextToAudioRequest.ofMessage("9da23599-e713-473b-982c-4328d4f5c78a"))
            .collectList().block(TIMEOUT));
        concat(completionClient().audio().fromText(TextToAudioRequest.ofText("Just a text")).collectList().block(TIMEOUT));

        wireMock.verify(1, difyPost("/v1/text-to-audio").withRequestBody(equalToJson("""
                {"message_id": "9da23599-e713-473b-982c-4328d4f5c78a", "user": "default-user"}
                """)).withRequestBody(matchesRequestSchema("POST", "/text-to-audio")));
        wireMock.verify(1, difyPost("/v1/text-to-audio").withRequestBody(equalToJson("""
                {"text": "Just a text", "user": "default-user"}
                """)));
    }

    @Test
    void textToAudioWhenTtsIsOffRaisesBadRequest() {
        wireMock.stubFor(post(urlEqualTo("/v1/text-to-audio"))
            .willReturn(json(400, responseExample("POST", "/text-to-audio", 400, "invalid_param"))));

        DifyBadRequestException error = failure(chatClient().audio()
            .fromText(TextToAudioRequest.ofText("Hello")), DifyBadRequestException.class);

        assertThat(error.getCode()).isEqualTo("invalid_param");
        assertThat(error.getDifyMessage()).isEqualTo("TTS is not enabled");
    }

    @Test
    void textToAudioServerErrorRaisesServerException() {
        wireMock.stubFor(post(urlEqualTo("/v1/text-to-audio"))
            .willReturn(json(500, responseExample("POST", "/text-to-audio", 500, "internal_server_error"))));

        DifyServerException error = failure(chatClient().audio()
            .fromText(TextToAudioRequest.ofText("Hello")), DifyServerException.class);

        assertThat(error.getCode()).isEqualTo("internal_server_error");
    }

    // ---- helpers

    private static void stubUpload(int status, String body) {
        wireMock.stubFor(post(urlEqualTo("/v1/files/upload")).willReturn(json(status, body)));
    }

    private static RequestPatternBuilder upload() {
        return withApiKey(postRequestedFor(urlEqualTo("/v1/files/upload")))
            .withHeader("Content-Type", containing("multipart/form-data"))
            .withQueryParam("user", absent());
    }

    private static MultipartValuePattern file(String filename, String contentType,
            String content) {
        return aMultipart("file").withHeader("Content-Disposition", containing("filename=\"" + filename + "\""))
            .withHeader("Content-Type", equalTo(contentType))
            .withBody(binaryEqualTo(content.getBytes(StandardCharsets.UTF_8)))
            .build();
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(List<DataBuffer> buffers) {
        assertThat(buffers).as("the content arrived").isNotNull();
        int size = buffers.stream().mapToInt(DataBuffer::readableByteCount).sum();
        byte[] all = new byte[size];
        int at = 0;
        for (DataBuffer buffer : buffers) {
            int count = buffer.readableByteCount();
            buffer.read(all, at, count);
            at += count;
            DataBufferUtils.release(buffer);
        }
        return all;
    }

}
