import Foundation

/// Debian's `chromium` in headless mode, as the browser tests' real peer: it loads a page (a
/// live `recv --web` view or an HTML report), runs its scripts, and gives back the DOM as the
/// page left it, what the page logged to its console, or a PNG screenshot.
package enum HeadlessChromium {
    /// The browser, or nil when it is not installed (Tools/setup installs `chromium`).
    package static var executable: String? {
        ExternalProgram.which("chromium") ?? ExternalProgram.which("chromium-browser")
    }

    /// What one page load produced.
    package struct PageLoad: Sendable {
        /// The serialised DOM after the page's scripts ran (`--dump-dom`); empty for screenshots.
        package var dom: String
        /// Console messages (`console.log/warn/error` and uncaught errors), one per entry, as
        /// Chromium logs them (`"text", source: URL (line)`).
        package var consoleMessages: [String]
        /// The browser's own exit code.
        package var exitCode: Int32
    }

    /// Loads `url`, lets its scripts run for `settleMilliseconds` of page time, and returns the
    /// DOM. With a live server behind `url`, page time runs in real time: timers and network
    /// events fire as they would for a person watching the page.
    /// - Parameter realTime: false uses Chromium's virtual time budget (fast, for static pages
    ///   such as reports); true waits in real time (`--timeout`), for pages fed by a live server.
    package static func dumpDOM(
        _ url: String, settleMilliseconds: Int = 2_000, realTime: Bool = false, timeoutSeconds: Double = 60
    ) throws -> PageLoad {
        let timing = realTime ? "--timeout=\(settleMilliseconds)" : "--virtual-time-budget=\(settleMilliseconds)"
        let result = try run(["--dump-dom", timing, url], timeoutSeconds: timeoutSeconds)
        return PageLoad(dom: result.stdout, consoleMessages: consoleMessages(in: result.stderr), exitCode: result.exitCode)
    }

    /// Loads `url` and writes a PNG screenshot of `width`×`height` pixels to `pngPath`.
    package static func screenshot(
        _ url: String, to pngPath: String, width: Int = 1_280, height: Int = 900,
        settleMilliseconds: Int = 2_000, realTime: Bool = false, timeoutSeconds: Double = 60
    ) throws -> PageLoad {
        let timing = realTime ? "--timeout=\(settleMilliseconds)" : "--virtual-time-budget=\(settleMilliseconds)"
        let result = try run(
            ["--screenshot=\(pngPath)", "--window-size=\(width),\(height)", "--hide-scrollbars", timing, url],
            timeoutSeconds: timeoutSeconds)
        return PageLoad(dom: "", consoleMessages: consoleMessages(in: result.stderr), exitCode: result.exitCode)
    }

    private static func run(_ arguments: [String], timeoutSeconds: Double) throws -> CommandResult {
        guard let executable else { throw HeadlessChromiumError.notInstalled }
        // A fresh profile per load: no state carried between tests, nothing written to $HOME.
        let profile = FileManager.default.temporaryDirectory
            .appendingPathComponent("jitterbug-chromium-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: profile) }
        let common = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-extensions",
            "--disable-background-networking", "--user-data-dir=\(profile.path)",
            "--enable-logging=stderr", "--v=0",
        ]
        return try CommandRunner.run(executable, common + arguments, timeoutSeconds: timeoutSeconds)
    }

    /// The `CONSOLE` lines of Chromium's log.
    private static func consoleMessages(in log: String) -> [String] {
        log.split(separator: "\n").compactMap { line in
            guard let marker = line.range(of: ":CONSOLE") else { return nil }
            let rest = line[marker.upperBound...]
            guard let close = rest.firstIndex(of: "]") else { return String(rest) }
            return rest[rest.index(after: close)...].trimmingCharacters(in: .whitespaces)
        }
    }
}

/// Why a browser test could not load its page.
package enum HeadlessChromiumError: Error, CustomStringConvertible {
    case notInstalled

    package var description: String { "chromium is not installed (Tools/setup installs it)" }
}
