package io.github.difyspring.sample.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;

import io.github.difyspring.sample.SampleProperties;

/**
 * The accounts of {@code sample.users}, checked at startup: every password must be stored hashed.
 */
final class ConfiguredUsers {

    /** The algorithms of Spring Security's delegating encoder that hash; {noop} and the legacy digests do not count. */
    private static final Pattern HASHED = Pattern.compile("\\{(bcrypt|argon2|pbkdf2|scrypt)(@SpringSecurity_v5_8)?\\}.+");

    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

    private ConfiguredUsers() {
    }

    static MapReactiveUserDetailsService from(Map<String, SampleProperties.User> users) {
        if (users.isEmpty()) {
            throw new InvalidUsersException("No account is configured, so nobody could sign in.",
                    "Add one as sample.users.<name>.password={bcrypt}<hash> (as an environment variable: "
                            + "SAMPLE_USERS_<NAME>_PASSWORD), or start without any Dify key to get the offline demo, "
                            + "where alice and bob sign in with the password demo.");
        }
        List<UserDetails> details = new ArrayList<>();
        users.forEach((name, user) -> {
            if (!USER_NAME.matcher(name).matches()) {
                throw new InvalidUsersException("The user name '" + name + "' under sample.users cannot be used.",
                        "Use 1 to 64 letters, digits, '.', '_', '@' or '-', starting with a letter or digit.");
            }
            String password = user.getPassword();
            if (password == null || !HASHED.matcher(password).matches()) {
                throw new InvalidUsersException("sample.users." + name + ".password is " + ((password == null) ? "missing" : "not hashed")
                        + ": passwords are stored hashed, and plain or {noop} ones are refused.",
                        "Set it to a hash prefixed with its algorithm, such as {bcrypt}$2a$10$... . One way to make a bcrypt hash: "
                                + "htpasswd -bnBC 10 \"\" 'the-password' | tr -d ':\\n'");
            }
            details.add(User.withUsername(name)
                .password(password)
                .roles(user.getRoles().toArray(String[]::new))
                .build());
        });
        return new MapReactiveUserDetailsService(details);
    }
}
