package io.github.difyspring.sample.browser;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.difyspring.sample.support.StubbedDifyTest;
import io.github.difyspring.test.DifyTranscript;
import io.github.difyspring.test.RecordedRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page shows a New Agent app's answer as Dify means it: the agent's working text streams in as
 * {@code agent_message} events, then one closing {@code message} carries the whole answer, which
 * replaces that text rather than being appended to it. Dify's stream is the library's conformance
 * transcript {@code agent-streaming.txt}, written from Dify's server code.
 */
class AgentAnswerBrowserTests extends StubbedDifyTest {

    @LocalServerPort
    private int port;

    @RegisterExtension
    final Browser browser = new Browser();

    @Test
    void theClosingMessageOfANewAgentReplacesItsWorkingText() throws IOException {
        // The page opens another app first; the agent has Dify's default settings and no conversations yet.
        this.dify.app("helper").replays(DifyTranscript.AGENT_STREAMING);

        WebDriverWait wait = this.browser.signIn(this.port, "alice");
        new Select(this.browser.driver().findElement(By.id("app-select"))).selectByValue("helper");
        wait.until(ExpectedConditions.textToBe(By.id("app-type"), "agent"));
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        // Records every text the answer shows, to see the working text before the closing answer.
        ((JavascriptExecutor) this.browser.driver()).executeScript("""
                window.answerTexts = [];
                new MutationObserver(() => {
                  const answers = document.querySelectorAll('.message.assistant .content');
                  if (answers.length) { window.answerTexts.push(answers[answers.length - 1].textContent); }
                }).observe(document.getElementById('messages'), { childList: true, subtree: true, characterData: true });
                """);
        this.browser.driver().findElement(By.id("chat-input")).sendKeys("What is the weather in Berlin?");
        this.browser.driver().findElement(By.id("send")).click();

        WebElement answer = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".message.assistant.done[data-message-id] .content")));
        assertThat(answer.getText()).isEqualTo("It is sunny in Berlin.");
        @SuppressWarnings("unchecked")
        List<String> shown = (List<String>) ((JavascriptExecutor) this.browser.driver()).executeScript("return window.answerTexts;");
        assertThat(shown).contains("Let me check the weather. It is sunny in Berlin.");
        RecordedRequest sent = this.dify.requests().chatMessages().single();
        assertThat(sent.app()).isEqualTo("helper");
        assertThat(sent.isStreaming()).isTrue();
        assertThat(sent.user()).isEqualTo("alice");
        this.browser.screenshot("agent.png");
    }
}
