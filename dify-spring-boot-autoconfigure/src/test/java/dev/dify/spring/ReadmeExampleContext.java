package dev.dify.spring;

import org.slf4j.Logger;

import org.springframework.web.reactive.function.client.ExchangeFilterFunction;

import dev.dify.spring.client.chat.ChatRequest;
import dev.dify.spring.client.chat.DifyChatClient;
import dev.dify.spring.client.completion.DifyCompletionClient;
import dev.dify.spring.client.event.DifyEvent;
import dev.dify.spring.client.workflow.DifyWorkflowClient;

/**
 * The names README.md's examples use without declaring them, for {@link ReadmeExamplesTests}: each
 * example that is a piece of a method is compiled in a subclass of this one.
 */
public abstract class ReadmeExampleContext {

    protected DifyChatClient support;

    protected DifyWorkflowClient etl;

    protected DifyCompletionClient summarize;

    protected String previousConversationId;

    protected ChatRequest request;

    protected DifyEvent event;

    protected String key;

    protected Logger log;

    protected ExchangeFilterFunction myLoggingFilter;

    protected void render(String text) {
    }
}
