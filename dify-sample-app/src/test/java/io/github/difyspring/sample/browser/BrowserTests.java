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

import io.github.difyspring.sample.support.DemoModeTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page in a real browser (headless Chromium from the Debian packages, which .ci/run
 * installs), against the offline demo: sign in, send a chat message, watch the answer stream in.
 */
class BrowserTests extends DemoModeTest {

    @LocalServerPort
    private int port;

    @RegisterExtension
    final Browser browser = new Browser();

    @Test
    void signsInSendsAChatMessageAndSeesTheAnswerStreamIn() throws IOException {
        WebDriverWait wait = signIn("alice");
        assertThat(this.browser.driver().findElement(By.id("app-select")).getAttribute("value")).isEqualTo("assistant");
        // Records how the answer's text grows, to tell a streamed answer from one that appears whole.
        ((JavascriptExecutor) this.browser.driver()).executeScript("""
                window.answerLengths = [];
                new MutationObserver(() => {
                  const answers = document.querySelectorAll('.message.assistant .content');
                  if (answers.length) { window.answerLengths.push(answers[answers.length - 1].textContent.length); }
                }).observe(document.getElementById('messages'), { childList: true, subtree: true, characterData: true });
                """);

        this.browser.driver().findElement(By.id("chat-input")).sendKeys("Hello from the browser");
        this.browser.driver().findElement(By.id("send")).click();

        WebElement answer = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".message.assistant.done[data-message-id] .content")));
        assertThat(answer.getText()).startsWith("Hi alice! This is the offline Dify test server answering \u201cHello from the browser\u201d.")
            .contains("streams its tokens");
        @SuppressWarnings("unchecked")
        List<Long> lengths = (List<Long>) ((JavascriptExecutor) this.browser.driver()).executeScript("return window.answerLengths;");
        assertThat(lengths.stream().filter((length) -> length > 0).distinct().count())
            .as("the answer grew token by token, not all at once").isGreaterThan(10);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("conversation-list"), "Hello from the browser"));

        screenshot("chat.png");
    }

    @Test
    void runsTheWorkflowFromAFormBuiltFromItsParametersAndShowsEachStep() throws IOException {
        WebDriverWait wait = signIn("bob");
        new Select(this.browser.driver().findElement(By.id("app-select"))).selectByValue("pipeline");
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("input-topic")));
        assertThat(new Select(this.browser.driver().findElement(By.id("input-style"))).getOptions()).extracting(WebElement::getText)
            .containsExactly("haiku", "limerick", "couplet");

        this.browser.driver().findElement(By.id("input-topic")).sendKeys("winter");
        new Select(this.browser.driver().findElement(By.id("input-style"))).selectByValue("couplet");
        this.browser.driver().findElement(By.id("run")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-status"), "Succeeded"));
        assertThat(this.browser.driver().findElements(By.cssSelector("#nodes li.succeeded .title"))).extracting(WebElement::getText)
            .containsExactly("Start", "Read the topic", "LLM", "End");
        assertThat(this.browser.driver().findElement(By.id("run-output")).getText())
            .isEqualTo("Of winter the simulator sings,\nStreaming its verse on workflow wings.");
        screenshot("workflow.png");
    }

    private WebDriverWait signIn(String user) {
        WebDriverWait wait = this.browser.signIn(this.port, user);
        wait.until(ExpectedConditions.elementToBeClickable(By.id("send")));
        return wait;
    }

    private void screenshot(String name) throws IOException {
        this.browser.screenshot(name);
    }
}
