package io.github.difyspring.sample.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A headless Chromium (from the Debian packages, which .ci/run installs) driven through
 * chromedriver, for the page's tests: a JUnit extension that starts it before each test, in a
 * profile of its own, and closes it after, leaving a screenshot and the page's HTML in
 * {@code target/browser-tests} to look at when a test fails.
 */
final class Browser implements BeforeEachCallback, AfterEachCallback {

    private static final String CHROMIUM = "/usr/bin/chromium";

    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

    private @Nullable Path profile;

    private @Nullable ChromeDriverService service;

    private @Nullable WebDriver driver;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        this.profile = Files.createTempDirectory("chromium-profile");
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
                "--user-data-dir=" + this.profile);
        this.driver = new ChromeDriver(this.service, options);
    }

    WebDriver driver() {
        return this.driver;
    }

    /**
     * Opens the page, signs in with the demo password and waits until the page is ready to chat.
     * @return a wait for the page's next steps
     */
    WebDriverWait signIn(int port, String user) {
        WebDriverWait wait = new WebDriverWait(this.driver, Duration.ofSeconds(20), Duration.ofMillis(50));
        this.driver.get("http://localhost:" + port + "/");
        wait.until(ExpectedConditions.urlContains("/login"));
        this.driver.findElement(By.id("username")).sendKeys(user);
        this.driver.findElement(By.id("password")).sendKeys("demo");
        this.driver.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.textToBe(By.id("user-name"), "Signed in as " + user));
        wait.until(ExpectedConditions.attributeToBe(By.tagName("body"), "data-ready", "true"));
        return wait;
    }

    void screenshot(String name) throws IOException {
        Path screenshot = Path.of("target", "browser-tests", name);
        Files.createDirectories(screenshot.getParent());
        Files.write(screenshot, ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (this.driver == null) {
            return;
        }
        try {
            // What the page looked like at the end, to look at when the test fails.
            Path directory = Files.createDirectories(Path.of("target", "browser-tests"));
            Files.write(directory.resolve("last-page.png"), ((TakesScreenshot) this.driver).getScreenshotAs(OutputType.BYTES));
            Files.writeString(directory.resolve("last-page.html"), this.driver.getPageSource());
        }
        finally {
            this.driver.quit();
            this.service.stop();
            FileSystemUtils.deleteRecursively(this.profile);
            this.driver = null;
        }
    }
}
