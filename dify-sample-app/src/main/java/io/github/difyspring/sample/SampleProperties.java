package io.github.difyspring.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The sample application's own settings: who may sign in, how streams are relayed and how large
 * a request may be.
 */
@ConfigurationProperties("sample")
public class SampleProperties {

    /**
     * The accounts that may sign in, by user name. The user name is also the Dify end user the
     * account's requests are made as, so each account sees only its own conversations.
     */
    private Map<String, User> users = new LinkedHashMap<>();

    private final Stream stream = new Stream();

    private final Limits limits = new Limits();

    public Map<String, User> getUsers() {
        return this.users;
    }

    public void setUsers(Map<String, User> users) {
        this.users = users;
    }

    public Stream getStream() {
        return this.stream;
    }

    public Limits getLimits() {
        return this.limits;
    }

    /**
     * One account.
     */
    public static class User {

        /**
         * The password, hashed and prefixed with its algorithm, such as {bcrypt}$2a$10$...; plain
         * and {noop} passwords are refused.
         */
        private @Nullable String password;

        /**
         * The account's roles.
         */
        private List<String> roles = new ArrayList<>(List.of("USER"));

        public @Nullable String getPassword() {
            return this.password;
        }

        public void setPassword(@Nullable String password) {
            this.password = password;
        }

        public List<String> getRoles() {
            return this.roles;
        }

        public void setRoles(List<String> roles) {
            this.roles = roles;
        }

        @Override
        public String toString() {
            return "User[roles=" + this.roles + ", password=******]";
        }
    }

    /**
     * How Dify's streams are relayed to the browser.
     */
    public static class Stream {

        /**
         * How often an SSE comment is sent while a stream is open, so that proxies and browsers
         * do not close a quiet connection. Dify's own ping keep-alives are not relayed.
         */
        private Duration heartbeatInterval = Duration.ofSeconds(15);

        public Duration getHeartbeatInterval() {
            return this.heartbeatInterval;
        }

        public void setHeartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
        }
    }

    /**
     * Request size limits.
     */
    public static class Limits {

        /**
         * The largest JSON (or other non-multipart) request body the API reads.
         */
        private DataSize maxRequestBody = DataSize.ofMegabytes(1);

        /**
         * The largest file that can be uploaded; Dify's own default limit is 15 MB.
         */
        private DataSize maxUploadSize = DataSize.ofMegabytes(15);

        public DataSize getMaxRequestBody() {
            return this.maxRequestBody;
        }

        public void setMaxRequestBody(DataSize maxRequestBody) {
            this.maxRequestBody = maxRequestBody;
        }

        public DataSize getMaxUploadSize() {
            return this.maxUploadSize;
        }

        public void setMaxUploadSize(DataSize maxUploadSize) {
            this.maxUploadSize = maxUploadSize;
        }
    }
}
