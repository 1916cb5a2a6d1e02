import ArgumentParser
import MetricsExport
import NIOCore
import Transport
import WebView

/// `--web HOST:PORT` and `--web-clients N`: the live browser view (page, `/events`, `/api/…`,
/// `/metrics`) served by this process while it runs.
struct WebOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Serve a live view at http://HOST:PORT/ while running: the stream table, charts of the last 5 minutes, Server-Sent Events at /events, JSON at /api/streams, Prometheus at /metrics. A bare PORT listens on 127.0.0.1 only; give an address (0.0.0.0:PORT, [::]:PORT) to let other hosts in. Read-only.", valueName: "host:port"))
    var web: AddressArgument?

    @Option(help: ArgumentHelp("With --web: most browsers (event streams) served at once, 1 to 1000; more are refused, slow ones dropped.", valueName: "n"))
    var webClients: Int = EventFanOut.defaultMaximumClients

    /// The address to listen on: a bare port means loopback only (safe by default).
    var address: AddressArgument? {
        guard let web else { return nil }
        if !web.text.isEmpty, web.text.allSatisfy(\.isNumber) { return AddressArgument(argument: "127.0.0.1:\(web.text)") }
        return web
    }

    func validate() throws {
        do {
            _ = try address?.parse(allowBarePort: false)
        } catch {
            throw ValidationError(
                "invalid --web '\(web?.text ?? "")': expected PORT (on 127.0.0.1 only), HOST:PORT or [IPV6]:PORT, e.g. 8080, 0.0.0.0:8080, [::1]:8080 (\(error))")
        }
        guard (1...1_000).contains(webClients) else {
            throw ValidationError("invalid --web-clients '\(webClients)': expected 1 to 1000")
        }
    }

    /// Binds the view when `--web` was given and says where it is.
    /// - Parameters:
    ///   - intervalSeconds: how often the run publishes figures.
    ///   - metrics: the Prometheus text for `/metrics`, if any.
    /// - Throws: a ``RuntimeError`` naming the address when it cannot be bound.
    func start(
        command: String, intervalSeconds: Double, streamIdleSeconds: Double = 10,
        metrics: (@Sendable () -> [UInt8])? = nil, report: @Sendable (String) -> Void
    ) async throws -> LiveView? {
        guard let address else { return nil }
        let server = WebServer(
            live: LiveStreams(intervalSeconds: intervalSeconds, streamIdleSeconds: streamIdleSeconds),
            fanOut: EventFanOut(maximumClients: webClients), metrics: metrics)
        let channel: any Channel
        do {
            channel = try await server.bind(try address.parse(allowBarePort: false).resolve())
        } catch {
            throw RuntimeError("jitterbug \(command): --web: \(error)")
        }
        let bound = channel.localAddress?.endpointDescription ?? address.text
        report("jitterbug \(command): live view at http://\(bound)/")
        if server.files.chartLibrary == nil {
            report("jitterbug \(command): charts need Chart.js: apt-get install libjs-chart.js (the table works without it)")
        }
        return LiveView(server: server, channel: channel)
    }

    /// A running view: publish to `server`; `close()` when the run ends.
    struct LiveView: Sendable {
        let server: WebServer
        let channel: any Channel

        /// Stops listening and closes the open event streams.
        func close() {
            channel.close(promise: nil)
            server.fanOut.removeAll()
        }

        /// Publishes `counts()` (a relay's or link's counts, read from its links, never per
        /// packet) once a second, stamped in seconds since `started`, until the returned task is
        /// cancelled.
        func publishRelayCountsEverySecond(
            since started: ContinuousClock.Instant, _ counts: @escaping @Sendable () -> [RelayCount]
        ) -> Task<Void, Never> {
            Task {
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(1))
                    server.publish(relay: counts(), atSeconds: (ContinuousClock.now - started).seconds)
                }
            }
        }

        /// Tells the pages the run is over, lets them fetch the final figures (at most 1 s),
        /// then closes.
        func finish() async {
            await server.finish()
            close()
        }
    }
}

extension ReceiverMetrics {
    /// The registry's Prometheus text, for the web view's `/metrics`.
    var text: @Sendable () -> [UInt8] { { [registry] in registry.emitToBuffer() } }
}
