package io.github.difyspring.client.contract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.core.io.buffer.DataBufferUtils;

import io.github.difyspring.client.contract.ServiceApiContractTests.Answer;
import io.github.difyspring.client.contract.ServiceApiContractTests.Operation;
import io.github.difyspring.client.file.FileUpload;
import io.github.difyspring.client.knowledge.ChildChunkQuery;
import io.github.difyspring.client.knowledge.ChunkQuery;
import io.github.difyspring.client.knowledge.ChunkUpdate;
import io.github.difyspring.client.knowledge.DatasourceInfo;
import io.github.difyspring.client.knowledge.DatasourceNodeRun;
import io.github.difyspring.client.knowledge.DatasourceType;
import io.github.difyspring.client.knowledge.DocumentAction;
import io.github.difyspring.client.knowledge.DocumentDetailMode;
import io.github.difyspring.client.knowledge.DocumentMetadataValues;
import io.github.difyspring.client.knowledge.DocumentQuery;
import io.github.difyspring.client.knowledge.DocumentSettings;
import io.github.difyspring.client.knowledge.DocumentText;
import io.github.difyspring.client.knowledge.IndexingTechnique;
import io.github.difyspring.client.knowledge.KnowledgeBaseCreate;
import io.github.difyspring.client.knowledge.KnowledgeBaseQuery;
import io.github.difyspring.client.knowledge.KnowledgeBaseUpdate;
import io.github.difyspring.client.knowledge.MetadataCondition;
import io.github.difyspring.client.knowledge.MetadataField;
import io.github.difyspring.client.knowledge.MetadataFilter;
import io.github.difyspring.client.knowledge.MetadataType;
import io.github.difyspring.client.knowledge.MetadataValue;
import io.github.difyspring.client.knowledge.ModelType;
import io.github.difyspring.client.knowledge.NewChunk;
import io.github.difyspring.client.knowledge.PipelineRunRequest;
import io.github.difyspring.client.knowledge.RerankingModel;
import io.github.difyspring.client.knowledge.RetrievalModel;
import io.github.difyspring.client.knowledge.RetrievalRequest;
import io.github.difyspring.client.knowledge.SearchMethod;

/**
 * The Knowledge API's operations for {@link ServiceApiContractTests}: each of the 46 operations of
 * the spec's knowledge tags, called through {@link io.github.difyspring.client.DifyKnowledgeClient}
 * with every option set that the spec describes.
 */
final class KnowledgeOperations {

    private KnowledgeOperations() {
    }

    static List<Operation> all(String id) {
        List<Operation> operations = new ArrayList<>();
        RetrievalModel hybrid = RetrievalModel.of(SearchMethod.HYBRID, 3)
            .withReranking(new RerankingModel("cohere", "rerank-english-v3.0"))
            .withScoreThreshold(0.5)
            .withMetadataFilter(MetadataFilter.all(MetadataCondition.is("category", "policy")));
        DocumentSettings settings = DocumentSettings.defaults().withIndexingTechnique(IndexingTechnique.HIGH_QUALITY);
        // Knowledge bases
        operations.add(new Operation("createDataset", "KnowledgeBases.create(KnowledgeBaseCreate)", Answer.JSON_EXAMPLE,
                (c) -> c.knowledge().bases().create(KnowledgeBaseCreate.of("Handbook").withDescription("Policies")
                    .withIndexingTechnique(IndexingTechnique.HIGH_QUALITY).withRetrievalModel(hybrid))));
        operations.add(new Operation("listDatasets", "KnowledgeBases.page(KnowledgeBaseQuery), list(KnowledgeBaseQuery)",
                Answer.JSON_EXAMPLE, (c) -> c.knowledge().bases().page(KnowledgeBaseQuery.all().withLimit(20).withKeyword("hand")
                    .withTagIds(List.of(id)))));
        operations.add(new Operation("getDatasetDetail", "KnowledgeBase.get()", Answer.JSON_EXAMPLE,
                (c) -> c.knowledge().base(id).get()));
        operations.add(new Operation("updateDataset", "KnowledgeBase.update(KnowledgeBaseUpdate)", Answer.JSON_EXAMPLE,
                (c) -> c.knowledge().base(id).update(KnowledgeBaseUpdate.of().withName("Handbook 2").withRetrievalModel(hybrid))));
        operations.add(new Operation("deleteDataset", "KnowledgeBase.delete()", Answer.EMPTY_204,
                (c) -> c.knowledge().base(id).delete()));
        operations.add(new Operation("retrieveSegments", "KnowledgeBase.retrieve(RetrievalRequest)", Answer.JSON_EXAMPLE,
                (c) -> c.knowledge().base(id).retrieve(RetrievalRequest.of("How long do refunds take?").withRetrievalModel(hybrid))));
        // Documents
        operations.add(new Operation("createDocumentFromText", "KnowledgeDocuments.createByText(DocumentText)", Answer.JSON_EXAMPLE,
                (c) -> c.knowledge().base(id).documents().createByText(DocumentText.of("Returns", "Returns are free.")
                    .withSettings(settings))));
        operations.add(new Operation("createDocumentFromFile", "KnowledgeDocuments.createByFile(FileUpload, DocumentSettings)",
                Answer.JSON_EXAMPLE, (c) -> c.knowledge().base(id).documents().createByFile(file(), settings)));
        operations.add(new Operation("listDocuments", "KnowledgeDocuments.page(DocumentQuery), list(DocumentQuery)",
                Answer.JSON_EXAMPLE, (c) -> c.knowledge().base(id).documents().page(DocumentQuery.all().withLimit(20).withKeyword("ret"))));
        operations.add(new Operation("getDocumentDetail", "KnowledgeDocument.get([DocumentDetailMode])", Answer.JSON_EXAMPLE,
                (c) -> c.knowledge().base(id).document(id).get(DocumentDetailMode.WITHOUT)));
        operations.add(new Operation("deleteDocument", "KnowledgeDocument.delete()", Answer.EMPTY_204,
                (c) -> c.knowledge().base(id).document(id).delete()));
        operations.add(new Operation("updateDocument", "KnowledgeDocument.updateByFile(FileUpload, DocumentSettings), reprocess(DocumentSettings)",
                Answer.JSON_EXAMPLE, (c) -> c.knowledge().base(id).document(id).updateByFile(file(), settings)));
        operations.add(new Operation("downloadDocument", "KnowledgeDocument.download()", Answer.JSON_EXAMPLE,
                (c) -> c.knowledge().base(id).document(id).download()));
        operations.add(new Operation("getDocumentIndexingStatus", "KnowledgeDocuments.indexingStatus(batch), watchIndexing(batch), awaitIndexing(batch, timeout)",
                Answer.JSON_EXAMPLE, (c) -> c.knowledge().base(id).documents().indexingStatus("20260101120000123456")));
        operations.add(new Operation("updateDocumentByText", "KnowledgeDocument.updateByText(DocumentText)", Answer.JSON_EXAMPLE,
                (c) -> c.knowledge().base(id).document(id).updateByText(DocumentText.of("Returns", "Returns are free for 60 days."))));
        operations.add(new Operation("updateDocumentByFile", "KnowledgeDocument.updateByFile(FileUpload, DocumentSettings) (sends the canonical PATCH)",
                Answer.JSON_EXAMPLE, (c) -> c.knowledge().base(id).document(id).updateByFile(file(), settings)));
        operations.add(new Operation("downloadDocumentsZip", "KnowledgeDocuments.downloadZip(documentIds)", Answer.BYTES,
                (c) -> c.knowledge().base(id).documents().downloadZip(List.of(id)).map(DataBufferUtils::release)));
        operations.add(new Operation("batchUpdateDocumentStatus", "KnowledgeDocuments.updateStatus(DocumentAction, documentIds)",
                Answer.EMPTY_200, (c) -> c.knowledge().base(id).documents().updateStatus(DocumentAction.DISABLE, List.of(id))));
        // Chunks
        operations.add(new Operation("createSegments", "DocumentChunks.create(List<NewChunk>)", Answer.JSON_EXAMPLE,
                (c) -> c.knowledge().base(id).document(id).chunks().create(List.of(NewChunk.of("Returns are free.")
                    .withKeywords(List.of("returns"))))));
        operations.add(new Operation("listSegments", "DocumentChunks.page(ChunkQuery), list(ChunkQuery)", Answer.JSON_EXAMPLE,
                (c) -> c.knowledge().base(id).document(id).chunks().page(ChunkQuery.all().withLimit(20).withKeyword("free"))));
        operations.add(new Operation("getSegmentDetail", "DocumentChunks.get(segmentId)", Answer.JSON_EXAMPLE,
                (c) -> c.knowledge().base(id).document(id).chunks().get(id)));
        operations.add(new Operation("updateSegment", "DocumentChunks.update(segmentId, ChunkUpdate)", Answer.JSON_EXAMPLE,
                (c) -> c.knowledge().base(id).document(id).chunks().update(id, ChunkUpdate.content("Returns are free for 60 days.")
                    .withEnabled(true))));
        operations.add(new Operation("deleteSegment", "DocumentChunks.delete(segmentId)", Answer.EMPTY_204,
                (c) -> c.knowledge().base(id).document(id).chunks().delete(id)));
        operations.add(new Operation("createChildChunk", "ChildChunks.create(content)", Answer.JSON_EXAMPLE,
                (c) -> c.knowledge().base(id).document(id).chunks().childChunks(id).create("Free returns")));
        operations.add(new Operation("getChildChunks", "ChildChunks.page(ChildChunkQuery), list(ChildChunkQuery)", Answer.JSON_EXAMPLE,
                (c) -> c.knowledge().base(id).document(id).chunks().childChunks(id).page(ChildChunkQuery.all())));
        operations.add(new Operation("updateChildChunk", "ChildChunks.update(childChunkId, content)", Answer.JSON_EXAMPLE,
                (c) -> c.knowledge().base(id).document(id).chunks().childChunks(id).update(id, "Free returns, 60 days")));
        operations.add(new Operation("deleteChildChunk", "ChildChunks.delete(childChunkId)", Answer.EMPTY_204,
                (c) -> c.knowledge().base(id).document(id).chunks().childChunks(id).delete(id)));
        // Tags
        operations.add(new Operation("createKnowledgeTag", "KnowledgeTags.create(name)", Answer.JSON_EXAMPLE,
                (c) -> c.knowledge().tags().create("policies")));
        operations.add(new Operation("getKnowledgeTags", "KnowledgeTags.list()", Answer.JSON_EXAMPLE, (c) -> c.knowledge().tags().list()));
        operations.add(new Operation("updateKnowledgeTag", "KnowledgeTags.rename(tagId, name)", Answer.JSON_EXAMPLE,
                (c) -> c.knowledge().tags().rename(id, "rules")));
        operations.add(new Operation("deleteKnowledgeTag", "KnowledgeTags.delete(tagId)", Answer.EMPTY_204,
                (c) -> c.knowledge().tags().delete(id)));
        operations.add(new Operation("bindTagsToDataset", "KnowledgeTags.bind(knowledgeBaseId, tagIds)", Answer.EMPTY_204,
                (c) -> c.knowledge().tags().bind(id, List.of(id))));
        operations.add(new Operation("unbindTagFromDataset", "KnowledgeTags.unbind(knowledgeBaseId, tagIds)", Answer.EMPTY_204,
                (c) -> c.knowledge().tags().unbind(id, List.of(id))));
        operations.add(new Operation("queryDatasetTags", "KnowledgeBase.boundTags()", Answer.JSON_EXAMPLE,
                (c) -> c.knowledge().base(id).boundTags()));
        // Metadata
        operations.add(new Operation("createMetadataField", "KnowledgeMetadata.create(name, MetadataType)", Answer.JSON_EXAMPLE,
                (c) -> c.knowledge().base(id).metadata().create("category", MetadataType.STRING)));
        operations.add(new Operation("listMetadataFields", "KnowledgeMetadata.list()", Answer.JSON_EXAMPLE,
                (c) -> c.knowledge().base(id).metadata().list()));
        operations.add(new Operation("updateMetadataField", "KnowledgeMetadata.rename(metadataId, name)", Answer.JSON_EXAMPLE,
                (c) -> c.knowledge().base(id).metadata().rename(id, "topic")));
        operations.add(new Operation("deleteMetadataField", "KnowledgeMetadata.delete(metadataId)", Answer.EMPTY_204,
                (c) -> c.knowledge().base(id).metadata().delete(id)));
        operations.add(new Operation("getBuiltInMetadataFields", "KnowledgeMetadata.builtInFields()", Answer.JSON_EXAMPLE,
                (c) -> c.knowledge().base(id).metadata().builtInFields()));
        operations.add(new Operation("toggleBuiltInMetadataField", "KnowledgeMetadata.enableBuiltIn(), disableBuiltIn()", Answer.EMPTY_200,
                (c) -> c.knowledge().base(id).metadata().enableBuiltIn()));
        operations.add(new Operation("batchUpdateDocumentMetadata", "KnowledgeMetadata.updateDocumentValues(List<DocumentMetadataValues>)",
                Answer.EMPTY_200, (c) -> c.knowledge().base(id).metadata().updateDocumentValues(List.of(DocumentMetadataValues.of(id,
                        MetadataValue.of(new MetadataField(id, "category", MetadataType.STRING, null), "policy"))))));
        // Models
        operations.add(new Operation("getAvailableModels", "WorkspaceModels.ofType(ModelType)", Answer.JSON_EXAMPLE,
                (c) -> c.knowledge().models().ofType(ModelType.TEXT_EMBEDDING)));
        // Knowledge pipeline
        operations.add(new Operation("uploadPipelineFile", "PipelineFiles.upload(FileUpload)", Answer.JSON_EXAMPLE,
                (c) -> c.knowledge().pipelineFiles().upload(file())));
        operations.add(new Operation("listDatasourcePlugins", "KnowledgePipeline.datasourcePlugins([published])", Answer.JSON_EXAMPLE,
                (c) -> c.knowledge().base(id).pipeline().datasourcePlugins()));
        operations.add(new Operation("runDatasourceNode", "KnowledgePipeline.runDatasourceNode(nodeId, DatasourceNodeRun)",
                Answer.EVENT_STREAM, (c) -> c.knowledge().base(id).pipeline().runDatasourceNode("1750836391776",
                        DatasourceNodeRun.of(DatasourceType.WEBSITE_CRAWL, Map.of("url", "https://docs.example.com")))));
        operations.add(new Operation("runPipeline", "KnowledgePipeline.run(PipelineRunRequest), debugRun(...), debugStream(...)",
                Answer.JSON_EXAMPLE, (c) -> c.knowledge().base(id).pipeline().run(PipelineRunRequest.of("1750836391776",
                        DatasourceInfo.localFile(id, "returns.txt")))));
        return operations;
    }

    private static FileUpload file() {
        return FileUpload.of("Returns are free within 30 days.".getBytes(StandardCharsets.UTF_8), "returns.txt");
    }
}
