package io.github.difyspring.autoconfigure;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyClients;
import io.github.difyspring.client.DifyCompletionClient;
import io.github.difyspring.client.DifyKnowledgeClient;
import io.github.difyspring.client.DifyWorkflowClient;
import io.github.difyspring.client.core.DifyAppType;

/**
 * Registers one client bean per app under {@code dify.apps}, named after the app. Each bean is made
 * by the {@link DifyClients} bean's factory method for its type, a plain bean definition that
 * ahead-of-time processing can keep.
 *
 * <p>Only what a bean definition needs is read here, straight from the environment (the
 * {@link DifyProperties} bean is not bound yet): each app's name and type. Everything else is bound
 * once, into that bean, and checked when the {@link DifyClients} bean is made. An app whose name
 * another bean already has stops startup: the starter never guesses which of the two was meant.
 */
class DifyClientsRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

    private static final String APPS = DifyProperties.PREFIX + ".apps";

    /** The bean name of the knowledge client, registered when {@code dify.knowledge.api-key} is set. */
    static final String KNOWLEDGE_BEAN_NAME = "difyKnowledgeClient";

    private static final String APP_TYPES = "chat, agent, chatflow, workflow or completion";

    /** The type of an app that names none, as {@link DifyProperties.App} has it. */
    private static final DifyAppType DEFAULT_TYPE = new DifyProperties.App().getType();

    private @Nullable Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
        if (this.environment == null) {
            throw new IllegalStateException("DifyClientsRegistrar needs the environment");
        }
        Binder binder = Binder.get(this.environment);
        Map<String, Object> apps = binder.bind(APPS, Bindable.mapOf(String.class, Object.class)).orElseGet(Map::of);
        Map<String, AppType> types = types(binder);
        for (String name : apps.keySet()) {
            String prefix = ConfiguredApps.checkName(name);
            AppType type = types.get(name);
            DifyAppType appType = (type != null) ? type.type() : DEFAULT_TYPE;
            if (appType == DifyAppType.KNOWLEDGE) {
                throw new InvalidDifyPropertyException(prefix + ".type", "'knowledge' is not an app type: a knowledge base API key "
                        + "belongs to a workspace, not to an app", "Move the key to " + ConfiguredApps.KNOWLEDGE_PREFIX
                                + ".api-key, or set " + prefix + ".type to one of " + APP_TYPES + ".", null);
            }
            register(registry, name, prefix, "the app name '" + name + "'", definition(name, appType),
                    "Rename the app under dify.apps, or the other bean, so that their names differ.");
        }
        if (binder.bind(ConfiguredApps.KNOWLEDGE_PREFIX + ".api-key", String.class).isBound()) {
            register(registry, KNOWLEDGE_BEAN_NAME, ConfiguredApps.KNOWLEDGE_PREFIX, "the knowledge client's bean name '"
                    + KNOWLEDGE_BEAN_NAME + "'", definition(ConfiguredApps.KNOWLEDGE_NAME, DifyAppType.KNOWLEDGE),
                    "Rename the other bean: the knowledge client's bean is always named " + KNOWLEDGE_BEAN_NAME + ".");
        }
        else if (binder.bind(ConfiguredApps.KNOWLEDGE_PREFIX, Bindable.mapOf(String.class, Object.class)).isBound()) {
            String property = ConfiguredApps.KNOWLEDGE_PREFIX + ".api-key";
            throw new InvalidDifyPropertyException(property, ConfiguredApps.KNOWLEDGE_PREFIX + " has settings but no API key",
                    "Set " + property + " to the workspace's knowledge base API key (Dify console > Knowledge > Service API), "
                            + "or remove the " + ConfiguredApps.KNOWLEDGE_PREFIX + " settings.", null);
        }
    }

    private static void register(BeanDefinitionRegistry registry, String beanName, String property, String what,
            BeanDefinition definition, String action) {
        if (registry.containsBeanDefinition(beanName)) {
            String origin = registry.getBeanDefinition(beanName).getResourceDescription();
            throw new InvalidDifyPropertyException(property, what + " clashes with an existing bean of that name"
                    + ((origin != null) ? " (defined in " + origin + ")" : ""), action, null);
        }
        registry.registerBeanDefinition(beanName, definition);
    }

    private static Map<String, AppType> types(Binder binder) {
        try {
            return binder.bind(APPS, Bindable.mapOf(String.class, AppType.class)).orElseGet(Map::of);
        }
        catch (BindException ex) {
            ConfigurationProperty property = ex.getProperty();
            String name = (property != null) ? property.getName().toString() : ex.getName().toString();
            throw new InvalidDifyPropertyException(name, "'" + ((property != null) ? property.getValue() : null)
                    + "' is not a Dify app type", "Set " + name + " to one of " + APP_TYPES + ".", ex);
        }
    }

    private static BeanDefinition definition(String name, DifyAppType type) {
        Class<?> clientType = switch (type) {
            case CHAT, AGENT, CHATFLOW -> DifyChatClient.class;
            case WORKFLOW -> DifyWorkflowClient.class;
            case COMPLETION -> DifyCompletionClient.class;
            case KNOWLEDGE -> DifyKnowledgeClient.class;
        };
        String factoryMethod = switch (type) {
            case CHAT, AGENT, CHATFLOW -> "chat";
            case WORKFLOW -> "workflow";
            case COMPLETION -> "completion";
            case KNOWLEDGE -> "knowledge";
        };
        RootBeanDefinition definition = new RootBeanDefinition(clientType);
        definition.setTargetType(clientType);
        definition.setFactoryBeanName(DifyAutoConfiguration.CLIENTS_BEAN_NAME);
        definition.setFactoryMethodName(factoryMethod);
        definition.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
        return definition;
    }

    /**
     * The one setting of an app this registrar reads.
     * @param type the app's type
     */
    record AppType(DifyAppType type) {
    }
}
