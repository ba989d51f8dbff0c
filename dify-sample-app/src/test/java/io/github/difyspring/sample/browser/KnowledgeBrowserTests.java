package io.github.difyspring.sample.browser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;

import io.github.difyspring.sample.support.DemoModeTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Knowledge page in headless Chromium against the offline demo: an operator uploads a document,
 * watches it go through indexing and retrieves its chunks with their scores; an account without the
 * operator role is refused.
 */
class KnowledgeBrowserTests extends DemoModeTest {

    @LocalServerPort
    private int port;

    @RegisterExtension
    final Browser browser = new Browser();

    @TempDir
    Path files;

    @Test
    void anOperatorUploadsADocumentWatchesItBeIndexedAndRetrievesItsChunks() throws IOException {
        WebDriverWait wait = openKnowledgePage("alice");
        // Other tests of the same application may have added documents: the count is not fixed.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("base-select"), "Team notes"));
        Select bases = new Select(this.browser.driver().findElement(By.id("base-select")));
        bases.getOptions().stream().filter((option) -> option.getText().startsWith("Team notes")).findFirst().orElseThrow().click();
        Path document = Files.writeString(this.files.resolve("garden.txt"), """
                The rooftop garden is watered every morning at seven.

                Tomatoes and basil grow in the south beds; the herbs need shade after noon.
                """);

        this.browser.driver().findElement(By.id("upload-file")).sendKeys(document.toString());
        this.browser.driver().findElement(By.id("upload")).click();

        wait.until(ExpectedConditions.attributeToBe(By.id("indexing"), "data-state", "completed"));
        assertThat(this.browser.driver().findElement(By.id("indexing")).getText()).startsWith("garden.txt: completed (2/2 chunks)");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("document-list"), "garden.txt"));

        this.browser.driver().findElement(By.id("query")).sendKeys("When is the rooftop garden watered?");
        this.browser.driver().findElement(By.id("retrieve")).click();

        WebElement first = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#hits li.hit")));
        assertThat(first.getText()).contains("garden.txt", "watered every morning at seven");
        assertThat(Double.parseDouble(first.findElement(By.className("score")).getText())).isBetween(0.5, 1.0);
        this.browser.screenshot("knowledge.png");
    }

    @Test
    void anAccountWithoutTheOperatorRoleIsRefused() {
        WebDriverWait wait = openKnowledgePage("bob");
        WebElement refused = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("refused")));
        assertThat(refused.getText()).contains("OPERATOR role");
        assertThat(this.browser.driver().findElement(By.id("knowledge-view")).isDisplayed()).isFalse();
    }

    private WebDriverWait openKnowledgePage(String user) {
        WebDriverWait wait = this.browser.signIn(this.port, user);
        this.browser.driver().findElement(By.id("knowledge-link")).click();
        wait.until(ExpectedConditions.urlContains("/knowledge.html"));
        return wait;
    }
}
