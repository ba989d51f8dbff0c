package io.github.difyspring.sample.demo;

import java.util.List;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.difyspring.client.DifyClients;
import io.github.difyspring.client.DifyKnowledgeClient;
import io.github.difyspring.client.core.DifyApp;

/**
 * The offline demo's simulated Dify, serving every configured app whose base URL points at it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("sample.demo.enabled")
@EnableConfigurationProperties(DemoProperties.class)
class DemoConfiguration {

    @Bean
    DifySimulator difySimulator(DemoProperties properties, DifyClients clients, ObjectProvider<DifyKnowledgeClient> knowledge,
            JsonMapper json) {
        List<SimulatedApp> apps = clients.names()
            .stream()
            .map(clients::app)
            .filter((app) -> servedBySimulator(app, properties.getPort()))
            .map((app) -> new SimulatedApp(app.name(), app.apiKey(), app.type()))
            .toList();
        DifyKnowledgeClient knowledgeClient = knowledge.getIfAvailable();
        String knowledgeKey = (knowledgeClient != null && servedBySimulator(knowledgeClient.app(), properties.getPort()))
                ? knowledgeClient.app().apiKey() : null;
        return new DifySimulator(properties.getPort(), apps, knowledgeKey, properties, json);
    }

    private static boolean servedBySimulator(DifyApp app, int port) {
        return "127.0.0.1".equals(app.baseUrl().getHost()) && app.baseUrl().getPort() == port;
    }
}
