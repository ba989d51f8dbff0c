package io.github.difyspring.client;

import org.junit.jupiter.api.Test;

import io.github.difyspring.client.app.AnnotationQuery;
import io.github.difyspring.client.app.FeedbackQuery;
import io.github.difyspring.client.chat.ConversationQuery;
import io.github.difyspring.client.chat.ConversationSort;
import io.github.difyspring.client.chat.ConversationVariableQuery;
import io.github.difyspring.client.chat.MessageQuery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * The query record of each listing starts from Dify's defaults, changes one thing per
 * {@code with...}, and refuses what Dify would refuse before anything is sent.
 */
class QueryRecordsTest {

    @Test
    void eachWitherChangesOneThing() {
        assertThat(ConversationQuery.all().withLastId("c-1").withLimit(5).withSortBy(ConversationSort.CREATED_AT))
            .isEqualTo(new ConversationQuery("c-1", 5, ConversationSort.CREATED_AT));
        assertThat(MessageQuery.of("c-1").withFirstId("m-1").withLimit(5)).isEqualTo(new MessageQuery("c-1", "m-1", 5));
        assertThat(ConversationVariableQuery.of("c-1").withLastId("v-1").withLimit(5).withVariableName("name"))
            .isEqualTo(new ConversationVariableQuery("c-1", "v-1", 5, "name"));
        assertThat(AnnotationQuery.all().withPage(3).withLimit(50).withKeyword("refund"))
            .isEqualTo(new AnnotationQuery(3, 50, "refund"));
        assertThat(FeedbackQuery.all().withPage(2).withLimit(101)).isEqualTo(new FeedbackQuery(2, 101));
    }

    @Test
    void theStartingPointsAreDifysDefaults() {
        assertThat(ConversationQuery.all()).isEqualTo(new ConversationQuery(null, null, null));
        assertThat(AnnotationQuery.all()).isEqualTo(new AnnotationQuery(1, null, null));
        assertThat(FeedbackQuery.all()).isEqualTo(new FeedbackQuery(1, null));
        assertThat(MessageQuery.of("c-1")).isEqualTo(new MessageQuery("c-1", null, null));
    }

    @Test
    void aBlankKeywordMeansNone() {
        assertThat(AnnotationQuery.all().withKeyword("  ").keyword()).isNull();
    }

    @Test
    void pageSizesAndNumbersOutsideWhatDifyTakesAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> MessageQuery.of("c-1").withLimit(101));
        assertThatIllegalArgumentException().isThrownBy(() -> ConversationVariableQuery.of("c-1").withLimit(0));
        assertThatIllegalArgumentException().isThrownBy(() -> AnnotationQuery.all().withLimit(101));
        assertThatIllegalArgumentException().isThrownBy(() -> AnnotationQuery.all().withPage(0));
        assertThatIllegalArgumentException().isThrownBy(() -> FeedbackQuery.all().withLimit(102));
        assertThatIllegalArgumentException().isThrownBy(() -> FeedbackQuery.all().withPage(0));
    }

    @Test
    void aConversationIsRequiredWhereTheListingIsOfOne() {
        assertThatNullPointerException().isThrownBy(() -> MessageQuery.of(null)).withMessage("conversationId");
        assertThatNullPointerException().isThrownBy(() -> ConversationVariableQuery.of(null)).withMessage("conversationId");
    }
}
