import ArgumentParser
import MetricsExport
import Transport

/// `recv --metrics HOST:PORT` and `--metrics-stream-limit N`: the Prometheus `/metrics` endpoint.
struct MetricsOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Serve Prometheus metrics at http://HOST:PORT/metrics while receiving.", valueName: "host:port"))
    var metrics: AddressArgument?

    @Option(help: ArgumentHelp("With --metrics: most streams given their own source/ssrc-labelled series (0 to 10000); later ones are only counted in jitterbug_streams_unlabelled.", valueName: "n"))
    var metricsStreamLimit: Int = ReceiverMetrics.defaultStreamLabelLimit

    func validate() throws {
        _ = try metrics?.parse(allowBarePort: true)
        guard (0...10_000).contains(metricsStreamLimit) else {
            throw ValidationError("invalid --metrics-stream-limit '\(metricsStreamLimit)': expected 0 to 10000")
        }
    }

    /// Starts the endpoint when `--metrics` was given: the exporter to feed, and the server task
    /// to cancel when receiving ends.
    func start(report: @escaping @Sendable (String) -> Void) throws -> (exporter: ReceiverMetrics, server: Task<Void, Never>)? {
        guard let metrics else { return nil }
        let exporter = ReceiverMetrics(streamLabelLimit: metricsStreamLimit)
        let address = try metrics.parse(allowBarePort: true).resolve()
        let server = Task {
            do {
                try await MetricsServer.run(registry: exporter.registry, address: address) { bound in
                    report("jitterbug recv: Prometheus metrics at http://\(bound.endpointDescription)/metrics")
                }
            } catch {
                report("jitterbug recv: metrics endpoint failed: \(error)")
            }
        }
        return (exporter, server)
    }
}
