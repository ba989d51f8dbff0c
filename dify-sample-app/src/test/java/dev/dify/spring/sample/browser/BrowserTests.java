package dev.dify.spring.sample.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.boot.test.web.server.LocalServerPort;

import dev.dify.spring.sample.support.DemoModeTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page in a real browser (headless Chromium from the Debian packages, which .ci/run
 * installs), against the offline demo: sign in, send a chat message, watch the answer stream in.
 */
class BrowserTests extends DemoModeTest {

    private static final String CHROMIUM = "/usr/bin/chromium";

    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    @LocalServerPort
    private int port;

    @TempDir
    private Path profile;

    private ChromeDriverService service;

    private WebDriver browser;

    @BeforeEach
    void startBrowser() throws IOException {
        // Fails rather than skips: CI installs both, and a silently skipped browser test proves nothing.
        assertThat(new File(CHROMIUM)).as(CHROMIUM + " is missing: install the Debian packages chromium and chromium-driver "
                + "(apt-get install chromium chromium-driver), as .ci/run does").exists();
        assertThat(new File(CHROMEDRIVER)).as(CHROMEDRIVER + " is missing: install the Debian package chromium-driver, as .ci/run does")
            .exists();
        // Both paths are given, so Selenium Manager never looks for (or downloads) a browser or driver.
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        this.service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,860",
                "--user-data-dir=" + Files.createDirectories(this.profile.resolve("chromium")));
        this.browser = new ChromeDriver(this.service, options);
    }

    @AfterEach
    void stopBrowser() throws IOException {
        if (this.browser != null) {
            // What the page looked like at the end, to look at when the test fails.
            Path directory = Files.createDirectories(Path.of("target", "browser-tests"));
            Files.write(directory.resolve("last-page.png"), ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.BYTES));
            Files.writeString(directory.resolve("last-page.html"), this.browser.getPageSource());
            this.browser.quit();
        }
        if (this.service != null) {
            this.service.stop();
        }
    }

    @Test
    void signsInSendsAChatMessageAndSeesTheAnswerStreamIn() throws IOException {
        WebDriverWait wait = signIn("alice");
        assertThat(this.browser.findElement(By.id("app-select")).getAttribute("value")).isEqualTo("assistant");
        // Records how the answer's text grows, to tell a streamed answer from one that appears whole.
        ((JavascriptExecutor) this.browser).executeScript("""
                window.answerLengths = [];
                new MutationObserver(() => {
                  const answers = document.querySelectorAll('.message.assistant .content');
                  if (answers.length) { window.answerLengths.push(answers[answers.length - 1].textContent.length); }
                }).observe(document.getElementById('messages'), { childList: true, subtree: true, characterData: true });
                """);

        this.browser.findElement(By.id("chat-input")).sendKeys("Hello from the browser");
        this.browser.findElement(By.id("send")).click();

        WebElement answer = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".message.assistant.done[data-message-id] .content")));
        assertThat(answer.getText()).startsWith("Hi alice! This is the offline Dify simulator answering \u201cHello from the browser\u201d.")
            .contains("streams its tokens");
        @SuppressWarnings("unchecked")
        List<Long> lengths = (List<Long>) ((JavascriptExecutor) this.browser).executeScript("return window.answerLengths;");
        assertThat(lengths.stream().filter((length) -> length > 0).distinct().count())
            .as("the answer grew token by token, not all at once").isGreaterThan(10);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("conversation-list"), "Hello from the browser"));

        screenshot("chat.png");
    }

    @Test
    void runsTheWorkflowFromAFormBuiltFromItsParametersAndShowsEachStep() throws IOException {
        WebDriverWait wait = signIn("bob");
        new Select(this.browser.findElement(By.id("app-select"))).selectByValue("pipeline");
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("input-topic")));
        assertThat(new Select(this.browser.findElement(By.id("input-style"))).getOptions()).extracting(WebElement::getText)
            .containsExactly("haiku", "limerick", "couplet");

        this.browser.findElement(By.id("input-topic")).sendKeys("winter");
        new Select(this.browser.findElement(By.id("input-style"))).selectByValue("couplet");
        this.browser.findElement(By.id("run")).click();

        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-status"), "Succeeded"));
        assertThat(this.browser.findElements(By.cssSelector("#nodes li.succeeded .title"))).extracting(WebElement::getText)
            .containsExactly("Start", "Write the poem", "Count the lines", "End");
        assertThat(this.browser.findElement(By.id("run-output")).getText())
            .isEqualTo("Of winter the simulator sings,\nStreaming its verse on workflow wings.");
        screenshot("workflow.png");
    }

    private WebDriverWait signIn(String user) {
        WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(20), Duration.ofMillis(50));
        this.browser.get("http://localhost:" + this.port + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        this.browser.findElement(By.id("username")).sendKeys(user);
        this.browser.findElement(By.id("password")).sendKeys("demo");
        this.browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.textToBe(By.id("user-name"), "Signed in as " + user));
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("send")));
        return wait;
    }

    private void screenshot(String name) throws IOException {
        Path screenshot = Path.of("target", "browser-tests", name);
        Files.createDirectories(screenshot.getParent());
        Files.write(screenshot, ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.BYTES));
    }
}
