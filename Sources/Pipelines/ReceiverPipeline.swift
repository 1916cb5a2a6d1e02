import Reports
import Transport

/// `recv` as one call: opens the outputs, binds UDP (RTCP on port + 1 unless mux), also listens
/// for RTP over TCP (RFC 4571) on the same port, receives until the stop condition, the sender's
/// BYE or cancellation, closes the outputs and returns the summary.
package enum ReceiverPipeline {
    /// - Parameters:
    ///   - report: lines for people: `jitterbug recv: listening on …` once everything is bound,
    ///     the interval header and lines, and the notice when TCP cannot listen.
    ///   - receive: runs the receiving once the sockets are bound; the CLI passes one that Ctrl-C
    ///     cancels, so the outputs still close and the summary still comes.
    /// - Throws: ``ReceiverOutputError`` for an output that cannot be opened; socket errors.
    package static func run(
        _ configuration: ReceiverPipelineConfiguration,
        report: @escaping @Sendable (String) -> Void,
        receive: (@escaping @Sendable () async throws -> ReceiverSummary) async throws -> ReceiverSummary = { try await $0() }
    ) async throws -> ReceiverSummary {
        var receiver = configuration.receiver
        let telemetry = try configuration.telemetryOutput.map {
            try TelemetryOutput(path: $0, format: configuration.telemetryFormat)
        }
        defer { telemetry?.close() }
        if let telemetry { receiver.telemetryOutput = { telemetry.write($0, $1) } }
        if let path = configuration.packetTrace {
            guard let trace = try? TextOutput.open(path: path) else {
                throw ReceiverOutputError("cannot write '\(path)': check the directory exists and is writable")
            }
            trace.writeLine(PacketTraceRecord.csvHeader)
            receiver.packetTrace = { trace.writeLine($0.csvLine) }
        }
        let machine: IntervalOutputs
        do {
            machine = try IntervalOutputs(jsonl: configuration.intervalJSONL, csv: configuration.intervalCSV)
        } catch {
            throw ReceiverOutputError("cannot open interval output: \(error)")
        }
        // Opened before any socket is bound: a path that cannot be written costs no run.
        let capture = try configuration.captureOutput.map { try ReceiverCapture(path: $0) }
        let tap = TCPListenerTap()  // the TCP listener's counters in every summary
        var runOptions = ReceiverRunOptions(
            rtcpMux: configuration.rtcpMux, interval: configuration.interval,
            onInterval: { [onInterval = configuration.onInterval] record in
                machine.write(record)
                onInterval?(record)
                report(IntervalOutputs.line(record))
            },
            onSummary: tap.reporting(to: capture.map { $0.reporting(to: configuration.onSummary) } ?? configuration.onSummary))
        runOptions.capture = capture
        runOptions.shards = configuration.shards
        let options = runOptions
        let sink = WAVSink(path: configuration.audioOutput)
        let receiverConfiguration = receiver
        let stop = configuration.stop
        // GRO is safe here: the runner splits aggregates back into datagrams.
        var socketOptions = UDPSocketOptions(receiveOffload: configuration.receiveOffload)
        // Arrival times read where NIO reads the datagram (telemetry arrival_us, jitter, delay).
        socketOptions.stampArrivals = true
        // The real destination of each datagram, for the capture of a wildcard bind (a bound
        // address is the destination already; packet info costs NIO an address per datagram).
        socketOptions.receivePacketInfo = capture != nil && ReceiverCapture.isWildcard(configuration.listen)
        let received: ReceiverSummary
        do {
            received = try await UDPTransport.withSocket(boundTo: configuration.listen, options: socketOptions) { socket in
                let bound = socket.localAddress ?? configuration.listen
                func serve(_ rtcpSocket: UDPSocket?, _ tcp: TCPMediaListener?) async throws -> ReceiverSummary {
                    var where_ = "\(bound.endpointDescription) (\(bound.isIPv6Wildcard ? "IPv6 and IPv4, " : "")UDP"
                    where_ += rtcpSocket.map { ", RTCP on \($0.localAddress?.endpointDescription ?? "port + 1")" } ?? ", RTP and RTCP"
                    where_ += tcp != nil ? ", and TCP RFC 4571)" : ")"
                    report("jitterbug recv: listening on \(where_)")
                    if configuration.interval != nil { report(IntervalOutputs.header) }
                    let summary = try await receive {
                        try await AudioReceiverRunner.run(
                            socket: socket, rtcpSocket: rtcpSocket, tcpListener: tcp, configuration: receiverConfiguration,
                            stop: stop, options: options, write: { try sink.write($0, $1, format: $2) })
                    }
                    return tap.adding(to: summary)
                }
                func withTCP(_ rtcpSocket: UDPSocket?) async throws -> ReceiverSummary {
                    guard configuration.tcp else { return try await serve(rtcpSocket, nil) }
                    // RTP over TCP (RFC 4571) on the same port number as UDP.
                    var started = false
                    do {
                        return try await TCPMediaListener.withListener(boundTo: bound) { listener in
                            started = true
                            tap.attach(listener)
                            return try await serve(rtcpSocket, listener)
                        }
                    } catch where !started {
                        report("jitterbug recv: no TCP listener on \(bound.endpointDescription) (\(error)); UDP only")
                        return try await serve(rtcpSocket, nil)
                    }
                }
                if configuration.rtcpMux { return try await withTCP(nil) }
                let rtcpAddress = try bound.rtcpPort()
                return try await UDPTransport.withSocket(boundTo: rtcpAddress, options: socketOptions) { try await withTCP($0) }
            }
        } catch {
            _ = capture?.close()
            throw error
        }
        var summary = received
        if let capture {
            summary = ReceiverCapture.adding(capture.close(), to: summary)
            // The final figures, with the capture's, for --metrics.
            configuration.onSummary?(tap.adding(to: summary))
        }
        try sink.close()
        return summary
    }
}
