package io.github.difyspring.test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.github.difyspring.test.Bodies.assertError;
import static io.github.difyspring.test.Bodies.json;
import static io.github.difyspring.test.Bodies.message;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads and previews of the test server, as Dify 1.14.2's {@code controllers/service_api/app/file.py}
 * and {@code file_preview.py} answer them (/work/notes/double-wire.md sections 5 and 6): a file can
 * be previewed only once a message of the same app has used it.
 */
class FileTests {

    private static final String KEY = "app-files-key";

    private static final String OTHER_KEY = "app-other-key";

    private static final byte[] PDF = "%PDF-1.4 quarterly numbers".getBytes(StandardCharsets.UTF_8);

    @RegisterExtension
    static final DifyTestServerExtension dify = new DifyTestServerExtension((server) -> {
        server.chatApp("support", KEY);
        server.chatApp("other", OTHER_KEY);
    });

    private final DifyTestServer server = dify.server();

    private final WireClient client = new WireClient(server, KEY);

    @Test
    void uploadAnswers201WithDifysFileFields() {
        HttpResponse<String> uploaded = client.upload("/files/upload", Map.of("user", "user-42"),
                new WireClient.Upload("Report.PDF", "application/pdf", PDF));

        assertThat(uploaded.statusCode()).isEqualTo(201);
        assertThat(uploaded.headers().firstValue("Content-Type")).hasValue("application/json");
        Map<String, Object> file = json(uploaded);
        assertThat(file.keySet()).containsExactly("id", "reference", "name", "size", "extension", "mime_type", "created_by", "created_at",
                "preview_url", "source_url", "original_url", "user_id", "tenant_id", "conversation_id", "file_key");
        assertThat(file).containsEntry("name", "Report.PDF").containsEntry("size", PDF.length).containsEntry("extension", "pdf")
            .containsEntry("mime_type", "application/pdf");
        assertThat(file).containsEntry("reference", null).containsEntry("preview_url", null).containsEntry("original_url", null)
            .containsEntry("user_id", null).containsEntry("conversation_id", null).containsEntry("file_key", null);
        assertThat(file.get("id")).asString().matches("[0-9a-f-]{36}");
        assertThat(file.get("created_by")).asString().isNotBlank();
        assertThat(file.get("tenant_id")).asString().isNotBlank();
        assertThat(file.get("created_at")).isInstanceOf(Number.class);
        assertThat(server.requests().to("POST", "/files/upload").single().parts().get("file").content()).isEqualTo(PDF);
    }

    @Test
    void refusesAnUploadWithoutAFile() {
        assertError(client.upload("/files/upload", Map.of("user", "user-42"), null), 400, "no_file_uploaded", "Please upload your file.");
    }

    @Test
    void previewOfAFileNoMessageUsedIsNotFound() {
        String id = upload("report.pdf", "application/pdf", PDF);

        assertError(client.get("/files/" + id + "/preview"), 404, "file_not_found", "File not found in message context");
    }

    @Test
    void previewsAFileAMessageUsed() {
        String id = upload("report.pdf", "application/pdf", PDF);
        sendWithFile(client, id);

        HttpResponse<byte[]> preview = client.getBytes("/files/" + id + "/preview");

        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).isEqualTo(PDF);
        assertThat(preview.headers().firstValue("Content-Type")).hasValue("application/pdf");
        assertThat(preview.headers().firstValue("Content-Length")).hasValue(String.valueOf(PDF.length));
        assertThat(preview.headers().firstValue("Cache-Control")).hasValue("public, max-age=3600");
        assertThat(preview.headers().firstValue("Content-Disposition")).isEmpty();
    }

    @Test
    void previewAsAttachmentIsADownload() {
        String id = upload("quarterly report.pdf", "application/pdf", PDF);
        sendWithFile(client, id);

        HttpResponse<byte[]> download = client.getBytes("/files/" + id + "/preview?as_attachment=true");

        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(PDF);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(download.headers().firstValue("Content-Disposition")).hasValue("attachment; filename*=UTF-8''quarterly%20report.pdf");
        assertThat(download.headers().firstValue("Cache-Control")).hasValue("public, max-age=3600");
    }

    @Test
    void previewOfAnHtmlFileIsAlwaysADownload() {
        // controllers/common/file_response.py enforce_download_for_html, called by file_preview.py for every preview
        byte[] page = "<html><body>hi</body></html>".getBytes(StandardCharsets.UTF_8);
        String id = upload("page.html", "text/html", page);
        sendWithFile(client, id);

        HttpResponse<byte[]> preview = client.getBytes("/files/" + id + "/preview");

        assertThat(preview.statusCode()).isEqualTo(200);
        assertThat(preview.body()).isEqualTo(page);
        assertThat(preview.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(preview.headers().firstValue("Content-Disposition")).hasValue("attachment; filename*=UTF-8''page.html");
        assertThat(preview.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void previewOfAudioAcceptsRanges() {
        byte[] sound = {1, 2, 3, 4};
        String id = upload("note.mp3", "audio/mpeg", sound);
        sendWithFile(client, id);

        HttpResponse<byte[]> preview = client.getBytes("/files/" + id + "/preview");

        assertThat(preview.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(preview.headers().firstValue("Content-Type")).hasValue("audio/mpeg");
    }

    @Test
    void previewWithAnotherAppsKeyIsDenied() {
        String id = upload("report.pdf", "application/pdf", PDF);
        sendWithFile(client, id);

        HttpResponse<String> denied = new WireClient(server, OTHER_KEY).get("/files/" + id + "/preview");

        assertError(denied, 403, "file_access_denied", "File access denied: not owned by requesting app");
    }

    @Test
    void previewOfAnIdThatIsNoUuidIsFlasksHtmlPage() {
        HttpResponse<String> missing = client.get("/files/not-a-uuid/preview");

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(missing.body()).contains("<title>404 Not Found</title>");
    }

    private String upload(String name, String type, byte[] content) {
        HttpResponse<String> uploaded = client.upload("/files/upload", Map.of("user", "user-42"), new WireClient.Upload(name, type, content));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        return (String) json(uploaded).get("id");
    }

    private static void sendWithFile(WireClient sender, String fileId) {
        Map<String, Object> body = Bodies.blocking(message("Summarise the attachment", "user-42"));
        body.put("files", List.of(Map.of("type", "document", "transfer_method", "local_file", "upload_file_id", fileId)));
        HttpResponse<String> sent = sender.post("/chat-messages", body);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
    }
}
