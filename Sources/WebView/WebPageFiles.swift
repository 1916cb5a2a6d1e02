import Foundation

/// The page's files, read once at start: the HTML, script and style sheet from the target's
/// resources (`Page/`), and Chart.js from Debian's `libjs-chart.js`. A missing resource bundle
/// gives a short page that says so instead of a crash (SwiftPM's `Bundle.module` would stop
/// the process).
package struct WebPageFiles: Sendable {
    /// `index.html`, `page.js`, `page.css` by name.
    package var files: [String: [UInt8]]
    /// Chart.js, or nil when `libjs-chart.js` is not installed (the page then shows the table
    /// and says charts need that package).
    package var chartLibrary: [UInt8]?
    /// Where Chart.js was read from.
    package var chartLibraryPath: String?

    /// Where Debian's `libjs-chart.js` puts Chart.js: v4 ships `chart.umd.js`, v3 (bookworm) `chart.min.js`.
    package static let chartLibraryCandidates = [
        "/usr/share/javascript/chart.js/chart.umd.js", "/usr/share/javascript/chart.js/chart.min.js",
        "/usr/share/javascript/chart.js/chart.js",
    ]

    /// The name SwiftPM gives this target's resource bundle.
    static let bundleName = "Jitterbug_WebView.resources"

    package init(files: [String: [UInt8]], chartLibrary: [UInt8]?, chartLibraryPath: String? = nil) {
        self.files = files
        self.chartLibrary = chartLibrary
        self.chartLibraryPath = chartLibraryPath
    }

    /// Reads the page from the resource bundle next to the executable (or the test bundle) and
    /// Chart.js from the first of `chartLibraryPaths` that exists.
    package static func load(chartLibraryPaths: [String] = chartLibraryCandidates) -> WebPageFiles {
        var files: [String: [UInt8]] = [:]
        if let directory = pageDirectory() {
            for name in ["index.html"] + WebRoute.assets {
                if let data = FileManager.default.contents(atPath: directory + "/" + name) { files[name] = Array(data) }
            }
        }
        if files["index.html"] == nil {
            files["index.html"] = Array("""
                <!doctype html><meta charset="utf-8"><title>jitterbug</title>
                <p>The page's files (\(bundleName)) were not found next to the jitterbug executable.
                The JSON is still at <a href="/api/streams">/api/streams</a> and the events at <a href="/events">/events</a>.</p>
                """.utf8)
        }
        for path in chartLibraryPaths {
            if let data = FileManager.default.contents(atPath: path) {
                return WebPageFiles(files: files, chartLibrary: Array(data), chartLibraryPath: path)
            }
        }
        return WebPageFiles(files: files, chartLibrary: nil)
    }

    /// The `Page` directory inside the resource bundle, searched where SwiftPM puts it: next to
    /// the executable (installed or built), or beside the test bundle.
    private static func pageDirectory() -> String? {
        var places: [URL] = [Bundle.main.bundleURL]
        if let executable = Bundle.main.executableURL { places.append(executable.deletingLastPathComponent()) }
        places.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        places.append(Bundle.main.bundleURL.deletingLastPathComponent())
        for place in places {
            let page = place.appendingPathComponent(bundleName).appendingPathComponent("Page").path
            if FileManager.default.fileExists(atPath: page + "/index.html") { return page }
        }
        return nil
    }
}
