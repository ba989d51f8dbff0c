package io.github.difyspring;

import org.slf4j.Logger;

import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyCompletionClient;
import io.github.difyspring.client.DifyKnowledgeClient;
import io.github.difyspring.client.DifyWorkflowClient;
import io.github.difyspring.client.chat.ChatRequest;
import io.github.difyspring.client.event.DifyEvent;

/**
 * The names README.md's examples use without declaring them, for {@link ReadmeExamplesTests}: each
 * example that is a piece of a method is compiled in a subclass of this one.
 */
public abstract class ReadmeExampleContext {

    protected DifyChatClient support;

    protected DifyWorkflowClient etl;

    protected DifyCompletionClient summarize;

    protected DifyKnowledgeClient knowledge;

    protected String handbookId;

    protected String previousConversationId;

    protected ChatRequest request;

    protected DifyEvent event;

    protected String key;

    protected Logger log;

    protected ExchangeFilterFunction myLoggingFilter;

    protected void render(String text) {
    }
}
