/**
 * The values of Dify's Knowledge API: knowledge bases, documents, chunks, retrieval, tags,
 * metadata, models and knowledge pipelines, as requests and answers of
 * {@link io.github.difyspring.client.DifyKnowledgeClient}.
 */
@NullMarked
package io.github.difyspring.client.knowledge;

import org.jspecify.annotations.NullMarked;
