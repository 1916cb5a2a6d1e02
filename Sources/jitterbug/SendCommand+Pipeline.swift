import ArgumentParser
import NIOCore
import Pipelines
import Transport

extension SendCommand {
    /// `--to`: a port from 1 to 65535, and at most 65534 when RTCP goes to port + 1 (UDP
    /// without rtcp-mux; TCP carries RTCP on the connection, the load generator sends none).
    func destinationAddress() throws -> EndpointAddress {
        try to.parse(
            allowBarePort: false, destination: true,
            rtcpOnNextPort: !rtcpMux && transportOptions.transport != .tcp && streams == nil)
    }

    /// Runs the sender pipeline `run` builds over the real network, with the pipeline settings
    /// these options make (transport, SRTP, impairment and its log, interval, trace), prints its
    /// events as they come and the summary lines at the end.
    /// Ctrl-C or SIGTERM sets `stop`: the source ends, BYE goes out and the summary is printed.
    func stream(
        to destination: SocketAddress, destinationText: EndpointAddress, stop: StopRequest, rtpClockRateHertz: Int = 48_000,
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
        configuration.rtpClockRateHertz = rtpClockRateHertz
        let network = SocketSenderNetwork(
            bindAddress: try UDPTransport.wildcardAddress(matching: destination), destination: destination,
            rtcpMux: rtcpMux)
        let result: SenderResult
        do {
            result = try await InterruptSignals.run(stop: stop) { try await run(network, configuration, output.handle) }
        } catch {
            guard let sentence = NetworkErrorText.sentence(for: error, peer: "\(destinationText)") else { throw error }
            throw RuntimeError(sentence)
        }
        let lines = SenderOutput.summaryLines(destination: "\(destinationText)", result: result, spec: spec)
        // With `--json -` the JSON owns stdout and the summary lines go to stderr.
        if json == "-" { lines.forEach { Console.error($0) } } else { lines.forEach { print($0) } }
        if let json { try TextFile.write(SenderSummaryJSON(destination: "\(destinationText)", result: result).text(), to: json) }
        // Interrupted: the summary is out and BYE was sent; exit 130 as shells expect.
        if stop.isRequested { throw ExitCode(130) }
    }
}
