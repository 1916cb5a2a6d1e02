import NIOCore
import Pipelines
import Transport

extension SendCommand {
    /// Runs the sender pipeline `run` builds over the real network, with the pipeline settings
    /// these options make (transport, SRTP, impairment and its log, interval, trace), prints its
    /// events as they come and the summary lines at the end.
    func stream(
        to destination: SocketAddress, destinationText: EndpointAddress,
        _ run: (SocketSenderNetwork, SenderPipelineConfiguration, @escaping @Sendable (SenderEvent) -> Void)
            async throws -> SenderResult
    ) async throws {
        let spec = try impairment.spec()
        let log = try impairment.impairLog.map { try LineFile(path: $0) }
        defer { log?.close() }
        var output = SenderOutput()
        if let events = transportOptions.events { output.events = try LineFile(path: events) }
        if let trace {
            output.trace = try LineFile(path: trace)
            output.trace?.write(SenderOutput.traceHeader)
        }
        var configuration = SenderPipelineConfiguration(
            transport: transportOptions.senderTransport, rtcpMux: rtcpMux, srtp: try srtpOptions.session(role: .sender),
            impairment: spec, reportInterval: interval?.duration, trace: trace != nil)
        if let log { configuration.impairmentLog = { line in log.write(line) } }
        let network = SocketSenderNetwork(
            bindAddress: try UDPTransport.wildcardAddress(matching: destination), destination: destination,
            rtcpMux: rtcpMux)
        let result = try await run(network, configuration, output.handle)
        SenderOutput.summaryLines(destination: "\(destinationText)", result: result, spec: spec).forEach { print($0) }
    }
}
