package io.github.difyspring.client.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A file given to an app as input: either a URL Dify fetches itself, or a file uploaded before
 * through the files API.
 *
 * @param type what kind of file it is
 * @param remoteUrl the URL Dify fetches, or {@code null} for an uploaded file
 * @param uploadFileId the id the upload answered with, or {@code null} for a remote file
 */
public record DifyFile(DifyFileType type, @Nullable String remoteUrl,
        @Nullable String uploadFileId) {

    /**
     * Checks that exactly one of URL and upload id is given.
     */
    public DifyFile {
        Objects.requireNonNull(type, "type");
        if ((remoteUrl == null) == (uploadFileId == null)) {
            throw new IllegalArgumentException("A DifyFile has either a remote URL or an upload file id, not both or neither");
        }
    }

    /**
     * A file Dify downloads from a URL.
     * @param type the file type
     * @param url the URL
     * @return the file
     */
    public static DifyFile remoteUrl(DifyFileType type, String url) {
        return new DifyFile(type, Objects.requireNonNull(url, "url"), null);
    }

    /**
     * A file uploaded before with the files API.
     * @param type the file type
     * @param uploadFileId the id the upload answered with
     * @return the file
     */
    public static DifyFile uploaded(DifyFileType type, String uploadFileId) {
        return new DifyFile(type, null, Objects.requireNonNull(uploadFileId, "uploadFileId"));
    }

    /**
     * The JSON object Dify expects in a request's {@code files} list.
     * @return the wire form of this file
     */
    public Map<String, Object> toWire() {
        Map<String, Object> wire = new LinkedHashMap<>();
        wire.put("type", this.type.wireName());
        if (this.remoteUrl != null) {
            wire.put("transfer_method", "remote_url");
            wire.put("url", this.remoteUrl);
        }
        else {
            wire.put("transfer_method", "local_file");
            wire.put("upload_file_id", this.uploadFileId);
        }
        return wire;
    }
}
