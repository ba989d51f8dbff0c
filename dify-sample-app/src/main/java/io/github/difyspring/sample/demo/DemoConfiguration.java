package io.github.difyspring.sample.demo;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.difyspring.client.DifyClients;
import io.github.difyspring.client.DifyKnowledgeClient;
import io.github.difyspring.client.core.DifyApp;
import io.github.difyspring.test.DifyAppMode;
import io.github.difyspring.test.DifyTestServer;

/**
 * The offline demo's Dify: the library's test server on loopback, playing every configured app
 * whose base URL points at it, with the scripts of {@link DemoScripts}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("sample.demo.enabled")
@EnableConfigurationProperties(DemoProperties.class)
class DemoConfiguration {

    private static final Log logger = LogFactory.getLog(DemoConfiguration.class);

    @Bean(destroyMethod = "close")
    DifyTestServer difyTestServer(DemoProperties properties, DifyClients clients, ObjectProvider<DifyKnowledgeClient> knowledge) {
        DifyTestServer server = DifyTestServer.builder().port(properties.getPort()).pingInterval(properties.getPingInterval()).start();
        clients.names().stream().map(clients::app).filter((app) -> servedBy(server, app)).forEach((app) -> DemoScripts.script(
                server.app(app.name(), app.apiKey(), DifyAppMode.of(app.type().name())), properties.getWordDelay()));
        DifyKnowledgeClient knowledgeClient = knowledge.getIfAvailable();
        if (knowledgeClient != null && servedBy(server, knowledgeClient.app())) {
            DemoScripts.fill(server.knowledge(knowledgeClient.app().apiKey()));
        }
        logger.info("Offline demo: the Dify test server plays the apps " + server.apps().stream().map((app) -> app.name()).toList()
                + " on " + server.baseUrl() + "; no Dify key is configured, so nothing leaves this machine");
        return server;
    }

    private static boolean servedBy(DifyTestServer server, DifyApp app) {
        return "127.0.0.1".equals(app.baseUrl().getHost()) && app.baseUrl().getPort() == server.port();
    }
}
