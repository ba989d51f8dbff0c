package io.github.difyspring.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.MethodMetadata;
import org.springframework.util.ClassUtils;

import io.github.difyspring.client.DifyChatClient;
import io.github.difyspring.client.DifyCompletionClient;
import io.github.difyspring.client.DifyWorkflowClient;
import io.github.difyspring.client.core.DifyApp;

/**
 * Registers one client bean per configured Dify app, named after the app. Each bean is made by the
 * {@link io.github.difyspring.client.DifyClients} bean's factory method for its type, a plain bean
 * definition that ahead-of-time processing can keep. An app whose name is already taken by a bean
 * of the same client type is left to that bean; a name taken by any other bean stops startup.
 */
class DifyClientsRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanClassLoaderAware {

    private @Nullable Environment environment;

    private @Nullable ClassLoader classLoader;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
        if (this.environment == null) {
            throw new IllegalStateException("DifyClientsRegistrar needs the environment");
        }
        // The DifyProperties bean is not bound yet at this point: bind the environment directly.
        for (DifyApp app : ConfiguredApps.from(ConfiguredApps.bind(this.environment))) {
            Class<?> clientType = clientType(app);
            if (registry.containsBeanDefinition(app.name())) {
                BeanDefinition existing = registry.getBeanDefinition(app.name());
                if (isOfType(existing, clientType)) {
                    continue; // the application defines this app's client itself
                }
                throw new InvalidDifyPropertyException(DifyProperties.PREFIX + ".apps." + app.name(),
                        "the app name '" + app.name() + "' clashes with an existing bean of that name ("
                                + describe(existing) + ")",
                        "Rename the app under dify.apps, or the other bean, so that their names differ.", null);
            }
            RootBeanDefinition definition = new RootBeanDefinition(clientType);
            definition.setTargetType(clientType);
            definition.setFactoryBeanName(DifyAutoConfiguration.CLIENTS_BEAN_NAME);
            definition.setFactoryMethodName(factoryMethod(app));
            definition.getConstructorArgumentValues().addIndexedArgumentValue(0, app.name());
            registry.registerBeanDefinition(app.name(), definition);
        }
    }

    private static Class<?> clientType(DifyApp app) {
        return switch (app.type()) {
            case CHAT, AGENT, CHATFLOW -> DifyChatClient.class;
            case WORKFLOW -> DifyWorkflowClient.class;
            case COMPLETION -> DifyCompletionClient.class;
        };
    }

    private static String factoryMethod(DifyApp app) {
        return switch (app.type()) {
            case CHAT, AGENT, CHATFLOW -> "chat";
            case WORKFLOW -> "workflow";
            case COMPLETION -> "completion";
        };
    }

    private boolean isOfType(BeanDefinition definition, Class<?> type) {
        Class<?> resolved = definition.getResolvableType().resolve();
        if (resolved == null) {
            String typeName = typeName(definition);
            if (typeName != null && ClassUtils.isPresent(typeName, this.classLoader)) {
                resolved = ClassUtils.resolveClassName(typeName, this.classLoader);
            }
        }
        return resolved != null && type.isAssignableFrom(resolved);
    }

    private static @Nullable String typeName(BeanDefinition definition) {
        if (definition instanceof AnnotatedBeanDefinition annotated) {
            MethodMetadata factoryMethod = annotated.getFactoryMethodMetadata();
            if (factoryMethod != null) {
                return factoryMethod.getReturnTypeName();
            }
        }
        return definition.getBeanClassName();
    }

    private String describe(BeanDefinition definition) {
        ResolvableType type = definition.getResolvableType();
        String typeName = (type.resolve() != null) ? type.toString() : typeName(definition);
        return (typeName != null) ? "of type " + typeName : String.valueOf(definition.getResourceDescription());
    }
}
