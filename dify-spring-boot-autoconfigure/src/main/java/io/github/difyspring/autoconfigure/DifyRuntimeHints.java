package io.github.difyspring.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.CachingMetadataReaderFactory;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.util.ClassUtils;

import io.github.difyspring.client.DifyClients;

/**
 * What a native image of an application on the starter needs to keep: every request, answer and
 * event type of the clients (records Jackson binds by reflection, their nested types, and the
 * deserializers they name), found by scanning the client packages while the application is
 * processed ahead of time. The per-app client beans need no hint: they are plain factory-method
 * bean definitions on the {@link DifyClients} bean, which ahead-of-time processing writes out as code.
 */
class DifyRuntimeHints implements RuntimeHintsRegistrar {

    /** Where the clients' wire types live. */
    static final String CLIENT_CLASSES = "classpath*:io/github/difyspring/client/**/*.class";

    @Override
    public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
        BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();
        for (String className : wireTypeNames(classLoader)) {
            Class<?> type = ClassUtils.resolveClassName(className, classLoader);
            if (type.isRecord() || type.isEnum()) {
                binding.registerReflectionHints(hints.reflection(), type);
            }
            else {
                // Deserializers named by @JsonDeserialize are instantiated reflectively.
                hints.reflection().registerType(TypeReference.of(type), MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
            }
        }
    }

    /**
     * The records and enums of the client packages, and the deserializers among their classes.
     */
    static List<String> wireTypeNames(@Nullable ClassLoader classLoader) {
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver(classLoader);
        CachingMetadataReaderFactory readers = new CachingMetadataReaderFactory(resolver);
        List<String> names = new ArrayList<>();
        try {
            for (Resource resource : resolver.getResources(CLIENT_CLASSES)) {
                MetadataReader reader = readers.getMetadataReader(resource);
                String superClass = reader.getClassMetadata().getSuperClassName();
                boolean record = "java.lang.Record".equals(superClass);
                boolean enumeration = "java.lang.Enum".equals(superClass);
                boolean deserializer = superClass != null && superClass.endsWith("ValueDeserializer");
                if (record || enumeration || deserializer) {
                    names.add(reader.getClassMetadata().getClassName());
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not list the Dify client classes", ex);
        }
        return names;
    }
}
