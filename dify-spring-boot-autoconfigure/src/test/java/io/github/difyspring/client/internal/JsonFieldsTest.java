package io.github.difyspring.client.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link JsonFields#topLevelString}, which tells an event's type before the event is decoded.
 */
class JsonFieldsTest {

    private static String event(String json) {
        return JsonFields.topLevelString(json, "event");
    }

    @Test
    void findsTheFieldWhereverItIsAmongTheTopLevelFields() {
        assertThat(event("{\"event\":\"message\",\"task_id\":\"t1\"}")).isEqualTo("message");
        assertThat(event("{\"task_id\":\"t1\",\"event\":\"message\",\"answer\":\"Hi\"}")).isEqualTo("message");
        assertThat(event("{\"task_id\":\"t1\",\"data\":{\"a\":[1,2,{\"b\":null}]},\"n\":1.5e3,\"ok\":true,\"event\":\"last\"}"))
            .isEqualTo("last");
    }

    @Test
    void toleratesWhitespaceAndLineBreaksBetweenTokens() {
        assertThat(event("  \n{ \"task_id\" : \"t1\" ,\n\t\"event\"\r\n :\n \"message_end\" }  ")).isEqualTo("message_end");
    }

    @Test
    void readsOtherFieldsToo() {
        assertThat(JsonFields.topLevelString("{\"event\":\"message\",\"task_id\":\"t-42\"}", "task_id")).isEqualTo("t-42");
    }

    @Test
    void ignoresSameNamedKeysInNestedObjectsAndArrays() {
        assertThat(event("{\"data\":{\"event\":\"inner\"},\"event\":\"outer\"}")).isEqualTo("outer");
        assertThat(event("{\"list\":[{\"event\":\"inner\"}],\"event\":\"outer\"}")).isEqualTo("outer");
        assertThat(event("{\"data\":{\"event\":\"inner\",\"deeper\":{\"event\":\"deepest\"}}}")).isNull();
        assertThat(event("{\"list\":[\"event\",\"inner\"]}")).isNull();
    }

    @Test
    void ignoresTheNameWhenItIsAValueOrInsideAString() {
        assertThat(event("{\"type\":\"event\",\"event\":\"real\"}")).isEqualTo("real");
        assertThat(event("{\"name\":\"event\"}")).isNull();
        assertThat(event("{\"text\":\"}{\\\"event\\\":\\\"fake\\\"}\",\"event\":\"real\"}")).isEqualTo("real");
        assertThat(event("{\"events\":\"plural\",\"even\":\"shorter\",\"event\":\"exact\"}")).isEqualTo("exact");
    }

    @Test
    void unescapesTheValue() {
        assertThat(event("{\"event\":\"say \\\"hi\\\"\"}")).isEqualTo("say \"hi\"");
        assertThat(event("{\"event\":\"back\\\\slash\"}")).isEqualTo("back\\slash");
        assertThat(event("{\"event\":\"caf\\u00e9\"}")).isEqualTo("café");
        assertThat(event("{\"event\":\"\\u00e9\"}")).isEqualTo("é");
        assertThat(event("{\"event\":\"wave \\ud83d\\udc4b\"}")).isEqualTo("wave 👋");
        assertThat(event("{\"event\":\"a\\/b\\tc\\nd\\re\\bf\\fg\"}")).isEqualTo("a/b\tc\nd\re\bf\fg");
        assertThat(event("{\"event\":\"ends with backslash \\\\\"}")).isEqualTo("ends with backslash \\");
    }

    @Test
    void keepsUnescapedUnicodeAsIs() {
        assertThat(event("{\"event\":\"你好 👋\"}")).isEqualTo("你好 👋");
    }

    @Test
    void skipsEscapedQuotesInKeysAndValuesBeforeTheField() {
        assertThat(event("{\"a\\\"b\":\"c\\\"d\",\"event\":\"found\"}")).isEqualTo("found");
    }

    @Test
    void returnsNullWhenTheFieldIsAbsent() {
        assertThat(event("{}")).isNull();
        assertThat(event("{\"task_id\":\"t1\",\"answer\":\"event\"}")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"event\":1}", "{\"event\":null}", "{\"event\":true}", "{\"event\":{\"name\":\"x\"}}",
            "{\"event\":[\"x\"]}", "{\"event\":-2.5,\"other\":\"x\"}" })
    void returnsNullWhenTheValueIsNotAString(String json) {
        assertThat(event(json)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "   ", "[1,2]", "[{\"event\":\"x\"}]", "\"event\"", "null", "42", "not json", "event: ping" })
    void refusesTextThatIsNotAnObject(String json) {
        assertThatIllegalArgumentException().isThrownBy(() -> event(json)).withMessageContaining("not a JSON object");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"event", "{\"event\":\"unterminated", "{\"a\":\"unterminated,\"b\":1", "{\"event\":\"ends in escape\\" })
    void refusesAnUnterminatedString(String json) {
        assertThatIllegalArgumentException().isThrownBy(() -> event(json)).withMessageContaining("unterminated JSON string");
    }

    @ParameterizedTest
    @ValueSource(strings = { "{", "{\"a\":1", "{\"a\":{\"event\":\"x\"}", "{\"a\":[1,2" })
    void refusesAnUnterminatedObject(String json) {
        assertThatIllegalArgumentException().isThrownBy(() -> event(json)).withMessageContaining("unterminated JSON object");
    }

    @Test
    void refusesABadUnicodeEscape() {
        assertThatIllegalArgumentException().isThrownBy(() -> event("{\"event\":\"\\u12\"}"));
        assertThatIllegalArgumentException().isThrownBy(() -> event("{\"event\":\"\\uZZZZ\"}"));
    }
}
