package io.tidemq.it.support;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Debian's headless Chromium driven through Debian's chromedriver (no browser is downloaded at test time), for the
 * console's browser tests. Where TIDEMQ_REQUIRE_BROWSER=1 (CI) a missing browser fails instead of skipping.
 */
public final class HeadlessChromium {
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private HeadlessChromium() {
    }

    /** True when the browser can run here; throws when it must and cannot. */
    public static boolean usable() {
        boolean installed = Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM);
        if (!installed && "1".equals(System.getenv("TIDEMQ_REQUIRE_BROWSER"))) {
            throw new IllegalStateException("TIDEMQ_REQUIRE_BROWSER=1 but Debian's chromium and chromium-driver are "
                    + "not installed (.ci/run installs them)");
        }
        return installed;
    }

    /** A browser with its profile in {@code userDataDir}; quit it when done. */
    public static ChromeDriver start(Path userDataDir) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1360,900", "--user-data-dir=" + userDataDir);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }
}
