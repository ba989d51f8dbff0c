package io.github.difyspring.sample.security;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.security.core.userdetails.UserDetails;

import io.github.difyspring.sample.SampleProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ConfiguredUsersTests {

    private static final String HASH = "{bcrypt}$2a$10$LX2JCYie7zhTHaiPuhmD7etbfh/JBKYdAh7GOnWW7g.rd31eDl37.";

    @Test
    void hashedPasswordsAreAccepted() {
        UserDetails carol = ConfiguredUsers.from(Map.of("carol", user(HASH))).findByUsername("carol").block();
        assertThat(carol.getPassword()).isEqualTo(HASH);
        assertThat(carol.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_USER");
    }

    @Test
    void plainAndNoopPasswordsAreRefused() {
        for (String password : new String[] { "s3cret-pw", "{noop}s3cret-pw", "{MD5}fe01ce2a7fbac8fafaed7c982a04e229", "{bcrypt}" }) {
            assertThatExceptionOfType(InvalidUsersException.class)
                .isThrownBy(() -> ConfiguredUsers.from(Map.of("carol", user(password))))
                .withMessageContaining("sample.users.carol.password is not hashed")
                .withMessageNotContaining("s3cret-pw")
                .withMessageNotContaining("fe01ce2a");
        }
    }

    @Test
    void noAccountAtAllIsExplainedAtStartup() {
        InvalidUsersException failure = org.junit.jupiter.api.Assertions.assertThrows(InvalidUsersException.class,
                () -> ConfiguredUsers.from(new LinkedHashMap<>()));
        FailureAnalysis analysis = new InvalidUsersFailureAnalyzer().analyze(new RuntimeException(failure));
        assertThat(analysis.getDescription()).isEqualTo("No account is configured, so nobody could sign in.");
        assertThat(analysis.getAction()).contains("SAMPLE_USERS_<NAME>_PASSWORD", "offline demo");
    }

    private static SampleProperties.User user(String password) {
        SampleProperties.User user = new SampleProperties.User();
        user.setPassword(password);
        return user;
    }
}
