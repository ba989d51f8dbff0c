package io.github.difyspring.benchmarks.measure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Which build of the library was measured: the SHA-256 of the jar (or classes directory) a class
 * was loaded from, and of the copy the sample app embeds. Figures are only comparable when these
 * say what was meant to be measured; a snapshot from another checkout's {@code mvn install} looks
 * the same by name.
 */
public final class LibraryFingerprint {

    private LibraryFingerprint() {
    }

    /**
     * Where a class was loaded from.
     * @param type the class
     * @return the jar file or classes directory
     */
    public static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        }
        catch (URISyntaxException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * The SHA-256 of a jar file.
     * @param jar the file
     * @return the first 16 hex digits, or {@code "classes directory"} for a directory
     */
    public static String sha256(Path jar) {
        if (Files.isDirectory(jar)) {
            return "classes directory";
        }
        try (InputStream in = Files.newInputStream(jar)) {
            return digest(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The SHA-256 of a jar nested in an executable (Spring Boot) jar, found by its name's start.
     * @param executableJar the outer jar
     * @param namePrefix the start of the nested jar's file name
     * @return the first 16 hex digits, or empty when there is no such jar
     */
    public static Optional<String> nestedSha256(Path executableJar, String namePrefix) {
        try (JarFile outer = new JarFile(executableJar.toFile())) {
            for (JarEntry entry : outer.stream().toList()) {
                String name = entry.getName();
                if (name.startsWith("BOOT-INF/lib/" + namePrefix) && name.endsWith(".jar")) {
                    try (InputStream in = outer.getInputStream(entry)) {
                        return Optional.of(digest(in));
                    }
                }
            }
            return Optional.empty();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String digest(InputStream in) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) > 0) {
                sha.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
