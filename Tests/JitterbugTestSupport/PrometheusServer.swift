import Foundation

/// Debian's `prometheus` server as the tests' real monitoring system: started on 127.0.0.1 —
/// in this process's network namespace or in one made with `ip netns add` — with a generated
/// configuration and a temporary storage directory, queried through its HTTP API
/// (`/api/v1/query`, `/api/v1/alerts`), and stopped with its files removed by ``stop()``
/// (call it in a `defer`; it is idempotent).
///
/// Requests go through `python3`'s urllib run in the server's namespace (`ip netns exec`): a
/// socket in another namespace cannot be opened from here without `setns`, which Swift's Glibc
/// module does not export.
package final class PrometheusServer: @unchecked Sendable {
    // @unchecked: `stopped` is only touched with `lock` held; everything else is immutable.

    /// One scrape target: `address` ("host:port", `/metrics` served there) and the `instance`
    /// label its series get (the probe's name, as docs/monitoring/prometheus.yml sets it).
    package struct Target: Sendable {
        package var instance: String
        package var address: String
        package init(instance: String, address: String) {
            self.instance = instance
            self.address = address
        }
    }

    /// One element of an instant vector: its labels (with `__name__` for raw series) and value.
    package struct Sample: Sendable, CustomStringConvertible {
        package var labels: [String: String]
        package var value: Double
        package var description: String {
            "{" + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }.joined(separator: ",") + "} \(value)"
        }
    }

    /// One entry of `/api/v1/alerts`: labels (with `alertname`) and `state` (pending | firing).
    package struct Alert: Sendable, CustomStringConvertible {
        package var labels: [String: String]
        package var state: String
        package var description: String { "\(labels["alertname"] ?? "?") \(state) \(labels)" }
    }

    /// Why the server could not start or a request failed.
    package struct Failure: Error, CustomStringConvertible {
        package var description: String
        init(_ description: String) { self.description = description }
    }

    /// The server, or nil when it is not installed (Tools/setup installs `prometheus`).
    package static var executable: String? { ExternalProgram.which("prometheus") }

    /// The TCP port it listens on, on 127.0.0.1 of ``namespace``.
    package let port: Int
    /// The `ip netns` name it runs in; nil: this process's namespace.
    package let namespace: String?
    /// The configuration, rules and storage; removed by ``stop()``.
    package let directory: URL
    private let process: RunningCommand
    private let ip: String
    private let python: String
    private let lock = NSLock()
    private var stopped = false

    /// Writes the configuration (one job `job`, every target scraped every
    /// `scrapeIntervalMilliseconds`, `rules` — a rule file's text — evaluated as often), starts
    /// the server and waits until it says it is ready (at most 30 s; a server that never does is
    /// stopped and its files removed before the error is thrown).
    package init(
        targets: [Target], job: String = "jitterbug-probe", scrapeIntervalMilliseconds: Int = 1_000,
        rules: String? = nil, namespace: String? = nil
    ) throws {
        guard let prometheus = Self.executable else { throw Failure("prometheus is not installed (Tools/setup installs it)") }
        guard let python = ExternalProgram.which("python3") else { throw Failure("python3 is not installed") }
        let ip = ExternalProgram.which("ip") ?? "/usr/sbin/ip"
        if namespace != nil, !FileManager.default.isExecutableFile(atPath: ip) { throw Failure("ip (iproute2) is not installed") }
        self.python = python
        self.ip = ip
        self.namespace = namespace
        // A fresh namespace has every port free; in ours, ask the kernel.
        port = FreePort.tcp()
        directory = try TemporaryDirectory.create(prefix: "jitterbug-prometheus")
        let configuration = directory.appendingPathComponent("prometheus.yml")
        do {
            if let rules { try rules.write(to: directory.appendingPathComponent("rules.yml"), atomically: true, encoding: .utf8) }
            try Self.configuration(
                targets: targets, job: job, intervalMilliseconds: scrapeIntervalMilliseconds, hasRules: rules != nil
            ).write(to: configuration, atomically: true, encoding: .utf8)
            let arguments = [
                prometheus, "--config.file=\(configuration.path)",
                "--storage.tsdb.path=\(directory.appendingPathComponent("data").path)",
                "--web.listen-address=127.0.0.1:\(port)", "--storage.tsdb.retention.time=1h", "--log.level=info",
            ]
            if let namespace {
                process = try CommandRunner.start(ip, ["netns", "exec", namespace] + arguments)
            } else {
                process = try CommandRunner.start(prometheus, Array(arguments.dropFirst()))
            }
        } catch {
            try? FileManager.default.removeItem(at: directory)
            throw error
        }
        do {
            try process.waitForLine(containing: "Server is ready to receive web requests", timeoutSeconds: 30)
        } catch {
            stop()
            throw error
        }
    }

    /// The scrape configuration: `instance` set to each target's name, timeouts equal to the
    /// interval (Prometheus rejects a timeout longer than the interval).
    static func configuration(targets: [Target], job: String, intervalMilliseconds: Int, hasRules: Bool) -> String {
        var text = """
            global:
              scrape_interval: \(intervalMilliseconds)ms
              scrape_timeout: \(intervalMilliseconds)ms
              evaluation_interval: \(intervalMilliseconds)ms

            """
        if hasRules { text += "rule_files:\n  - rules.yml\n" }
        text += "scrape_configs:\n  - job_name: \(job)\n    static_configs:\n"
        for target in targets {
            text += "      - targets: [\"\(target.address)\"]\n        labels:\n          instance: \"\(target.instance)\"\n"
        }
        return text
    }

    /// `GET /api/v1/query?query=EXPRESSION` (an instant query at the present time).
    package func query(_ expression: String) throws -> [Sample] {
        var components = URLComponents()
        components.queryItems = [URLQueryItem(name: "query", value: expression)]
        // URLComponents leaves "+" alone, which a query string reads as a space.
        let query = (components.percentEncodedQuery ?? "").replacingOccurrences(of: "+", with: "%2B")
        let data = try dataField(of: get("/api/v1/query?\(query)"))
        guard let result = data["result"] as? [[String: Any]] else { throw Failure("no result vector for \(expression): \(data)") }
        return try result.map { element in
            guard let labels = element["metric"] as? [String: String], let pair = element["value"] as? [Any],
                pair.count == 2, let text = pair[1] as? String, let value = Double(text)
            else { throw Failure("unexpected sample \(element) for \(expression)") }
            return Sample(labels: labels, value: value)
        }
    }

    /// The value of `expression` when it yields exactly one sample, else nil.
    package func value(_ expression: String) throws -> Double? {
        let samples = try query(expression)
        return samples.count == 1 ? samples[0].value : nil
    }

    /// Polls `expression` (every 10 ms, as ``Wait``) until `condition` holds for its samples or
    /// `timeoutSeconds` pass; returns the last samples either way.
    @discardableResult
    package func waitFor(
        _ expression: String, timeoutSeconds: Double, _ condition: ([Sample]) -> Bool
    ) throws -> [Sample] {
        var samples: [Sample] = []
        _ = try Wait.until(timeoutSeconds: timeoutSeconds) {
            samples = try query(expression)
            return condition(samples)
        }
        return samples
    }

    /// `GET /api/v1/alerts`: every pending and firing alert.
    package func alerts() throws -> [Alert] {
        let data = try dataField(of: get("/api/v1/alerts"))
        guard let alerts = data["alerts"] as? [[String: Any]] else { throw Failure("no alerts list: \(data)") }
        return try alerts.map { alert in
            guard let labels = alert["labels"] as? [String: String], let state = alert["state"] as? String else {
                throw Failure("unexpected alert \(alert)")
            }
            return Alert(labels: labels, state: state)
        }
    }

    /// The body of `GET path` on the server (a 4xx or 5xx answer throws, with the body).
    package func get(_ path: String) throws -> Data {
        let script = """
            import sys, urllib.request, urllib.error
            try:
                with urllib.request.urlopen(sys.argv[1], timeout=5) as answer:
                    sys.stdout.buffer.write(answer.read())
            except urllib.error.HTTPError as error:
                sys.stderr.write(f"HTTP {error.code}: {error.read().decode(errors='replace')}")
                sys.exit(1)
            """
        let url = "http://127.0.0.1:\(port)\(path)"
        let arguments = [python, "-c", script, url]
        let result =
            try namespace.map { try CommandRunner.run(ip, ["netns", "exec", $0] + arguments, timeoutSeconds: 15) }
            ?? CommandRunner.run(python, Array(arguments.dropFirst()), timeoutSeconds: 15)
        guard result.exitCode == 0 else { throw Failure("GET \(url) failed (\(result.exitCode)): \(result.stderr)") }
        return result.stdoutData
    }

    /// Whether the server process still runs (it may have exited on a bad configuration).
    package var isRunning: Bool { process.process.isRunning }

    /// Stops the server (SIGTERM, SIGKILL after 10 s), removes its configuration and storage,
    /// and returns what it logged (empty on a second call).
    @discardableResult
    package func stop() -> String {
        let first = lock.withLock {
            defer { stopped = true }
            return !stopped
        }
        guard first else { return "" }
        if process.process.isRunning { process.process.terminate() }
        let log = (try? process.finish(timeoutSeconds: 10))?.stderr ?? ""
        try? FileManager.default.removeItem(at: directory)
        return log
    }

    /// The `data` object of a successful API answer.
    private func dataField(of body: Data) throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: body) as? [String: Any] else {
            throw Failure("not a JSON object: \(String(decoding: body, as: UTF8.self))")
        }
        guard object["status"] as? String == "success", let data = object["data"] as? [String: Any] else {
            throw Failure("API error: \(String(decoding: body, as: UTF8.self))")
        }
        return data
    }
}
