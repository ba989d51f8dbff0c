package io.github.difyspring.client.knowledge;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One item a knowledge pipeline run reads: an uploaded file, an online document's page, a crawled
 * web page or an online drive's file or folder (an entry of the run's {@code datasource_info_list}).
 * A published run makes one document of each item (of each file in an online drive folder).
 * Immutable; start from the factory of its {@link DatasourceType} and add what a plugin wants
 * besides with {@link #with(String, Object)}.
 *
 * <p>The fields are those Dify 1.14.2 reads ({@code core/workflow/nodes/datasource/datasource_node.py}
 * and {@code PipelineGenerator._build_document}, which names the document from {@code name},
 * {@code page.page_name} or {@code title}, else "untitled"). For the pages and files a plugin
 * offers, take the values from the data of
 * {@link io.github.difyspring.client.KnowledgePipeline#runDatasourceNode a datasource node run}.
 *
 * @param type the kind of source, which every item of a run shares
 * @param fields the item's JSON fields as sent
 */
public record DatasourceInfo(DatasourceType type, Map<String, Object> fields) {

    /**
     * Checks the item and copies its fields, keeping their order.
     * @throws NullPointerException when a field value is {@code null}
     */
    public DatasourceInfo {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(fields, "fields");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        fields.values().forEach((value) -> Objects.requireNonNull(value, "a datasource info field value"));
    }

    /**
     * An item given as Dify's JSON fields, such as a crawled page or a drive file taken whole from
     * a datasource node run's result, or for a datasource type this class has no factory for.
     * Fields whose value is {@code null} are left out: Dify reads a missing field and a
     * {@code null} one alike.
     * @param type the kind of source
     * @param fields the fields, in the order to send them
     * @return the item
     */
    public static DatasourceInfo of(DatasourceType type, Map<String, ? extends @Nullable Object> fields) {
        Map<String, Object> present = new LinkedHashMap<>();
        fields.forEach((name, value) -> putIfPresent(present, name, value));
        return new DatasourceInfo(type, present);
    }

    /**
     * An uploaded file ({@code local_file}), named after its upload.
     * @param file the upload's answer
     * @return the item
     */
    public static DatasourceInfo localFile(PipelineFile file) {
        return localFile(file.id(), file.name());
    }

    /**
     * An uploaded file ({@code local_file}) by its upload id: sent as {@code reference}, the name
     * the spec gives it and one of the two Dify 1.14.2 reads ({@code related_id} is the other;
     * the spec refuses it).
     * @param uploadFileId the id of an upload of {@link io.github.difyspring.client.PipelineFiles}
     * @param name the document's name, or {@code null} for Dify's "untitled"
     * @return the item
     */
    public static DatasourceInfo localFile(String uploadFileId, @Nullable String name) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("reference", Objects.requireNonNull(uploadFileId, "uploadFileId"));
        putIfPresent(fields, "name", name);
        return new DatasourceInfo(DatasourceType.LOCAL_FILE, fields);
    }

    /**
     * A page of an online document service ({@code online_document}).
     * @param workspaceId the service's workspace id, as the datasource node run listed it
     * @param pageId the page id
     * @param pageType the page type, such as {@code page} or {@code database}
     * @param pageName the page name, which names the document, or {@code null}
     * @return the item; add a {@code credential_id} with {@link #with(String, Object)} to use a
     * credential other than the plugin's default
     */
    public static DatasourceInfo onlineDocument(String workspaceId, String pageId, String pageType, @Nullable String pageName) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("page_id", Objects.requireNonNull(pageId, "pageId"));
        page.put("type", Objects.requireNonNull(pageType, "pageType"));
        putIfPresent(page, "page_name", pageName);
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("workspace_id", Objects.requireNonNull(workspaceId, "workspaceId"));
        fields.put("page", page);
        return new DatasourceInfo(DatasourceType.ONLINE_DOCUMENT, fields);
    }

    /**
     * A crawled web page ({@code website_crawl}), with the fields a crawl gives it (its
     * {@link io.github.difyspring.client.event.DatasourceCompletedEvent#items() items}, which
     * {@link #of(DatasourceType, Map)} also takes whole). Dify 1.14.2 reads no field of it itself
     * but the title, which names the document: the pipeline's next nodes read the page's fields,
     * typically its content, as the pipeline editor passes them. (Dify's API reference names a
     * {@code url} field instead of {@code source_url}; no code of 1.14.2 reads either.)
     * @param sourceUrl the page's URL ({@code source_url})
     * @param title the page's title, or {@code null}
     * @param content the page's content, as the crawl gave it (Markdown, for most crawlers)
     * @param description the page's description, or {@code null}
     * @return the item
     */
    public static DatasourceInfo websiteCrawl(String sourceUrl, @Nullable String title, String content, @Nullable String description) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("source_url", Objects.requireNonNull(sourceUrl, "sourceUrl"));
        fields.put("content", Objects.requireNonNull(content, "content"));
        putIfPresent(fields, "title", title);
        putIfPresent(fields, "description", description);
        return new DatasourceInfo(DatasourceType.WEBSITE_CRAWL, fields);
    }

    /**
     * A file of an online drive ({@code online_drive}, type {@code file}).
     * @param id the file's id in the drive
     * @param bucket the bucket, or {@code null} for drives without buckets
     * @param name the file name, which names the document, or {@code null}
     * @return the item
     */
    public static DatasourceInfo onlineDriveFile(String id, @Nullable String bucket, @Nullable String name) {
        return onlineDrive(id, "file", bucket, name);
    }

    /**
     * A folder of an online drive ({@code online_drive}, type {@code folder}): a published run
     * makes a document of every file Dify finds in it and its sub-folders.
     * @param id the folder's id (its prefix) in the drive
     * @param bucket the bucket, or {@code null} for drives without buckets
     * @return the item
     */
    public static DatasourceInfo onlineDriveFolder(String id, @Nullable String bucket) {
        return onlineDrive(id, "folder", bucket, null);
    }

    private static DatasourceInfo onlineDrive(String id, String kind, @Nullable String bucket, @Nullable String name) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", Objects.requireNonNull(id, "id"));
        fields.put("type", kind);
        putIfPresent(fields, "bucket", bucket);
        putIfPresent(fields, "name", name);
        return new DatasourceInfo(DatasourceType.ONLINE_DRIVE, fields);
    }

    /**
     * This item with one more field, or a field replaced.
     * @param name the JSON field name
     * @param value its value, serialized as JSON
     * @return the changed item
     */
    public DatasourceInfo with(String name, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(this.fields);
        changed.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new DatasourceInfo(this.type, changed);
    }

    private static void putIfPresent(Map<String, Object> fields, String name, @Nullable Object value) {
        if (value != null) {
            fields.put(name, value);
        }
    }
}
