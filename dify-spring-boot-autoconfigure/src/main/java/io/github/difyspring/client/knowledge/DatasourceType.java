package io.github.difyspring.client.knowledge;

import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The kind of source a knowledge pipeline's datasource node reads: uploaded files, pages of an
 * online document service (Notion...), a website crawl, or an online drive (S3, Google Drive...).
 * Open: a value a later Dify sends is kept as it came.
 *
 * @param value the wire value, such as {@code local_file}
 */
public record DatasourceType(@JsonValue String value) {

    /** Files uploaded with {@link io.github.difyspring.client.PipelineFiles#upload}. */
    public static final DatasourceType LOCAL_FILE = new DatasourceType("local_file");

    /** Pages of an online document service, through its datasource plugin. */
    public static final DatasourceType ONLINE_DOCUMENT = new DatasourceType("online_document");

    /** Pages of a website, crawled by a datasource plugin. */
    public static final DatasourceType WEBSITE_CRAWL = new DatasourceType("website_crawl");

    /** Files and folders of an online drive, through its datasource plugin. */
    public static final DatasourceType ONLINE_DRIVE = new DatasourceType("online_drive");

    /**
     * Checks the value.
     * @throws IllegalArgumentException when it is blank
     */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public DatasourceType {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("A datasource type cannot be blank");
        }
    }

    @Override
    public String toString() {
        return this.value;
    }
}
