import ArgumentParser
import MetricsExport
import Pipelines
import Probe
import Transport

extension ProbeCommand {
    func run() async throws {
        let peerList: [ProbePeer]
        do { peerList = try loadPeers() } catch { throw ValidationError(error.description) }
        let listening = try listen.parse(allowBarePort: true).resolveListening()
        if let notice = listening.notice { Console.error("jitterbug probe: \(notice)") }
        var configuration = ProbeConfiguration(
            name: name, listen: listening.address, encoder: try encoding.encoderConfiguration(inputFormat: encoding.format))
        configuration.allowFrom = allowFrom.flatMap { $0 }
        configuration.every = every.duration
        configuration.testDuration = test.duration
        configuration.payload = try payload.payload()
        if srtp.enabled { configuration.srtpKey = try srtp.key() }
        configuration.replayWindowPackets = srtp.replayWindow
        configuration.transport = transport == .auto
            ? .auto(deadline: .milliseconds(200), policy: FallbackPolicy.Configuration()) : .udp
        let eventFile = try events.map { try LineFile(path: $0) }
        defer { eventFile?.close() }
        // With `--events -` the JSON owns stdout and the lines for people go to stderr.
        let toStderr = events == "-"
        let say: @Sendable (String) -> Void = { line in toStderr ? Console.error(line) : Console.out(line) }
        let exporter = metrics.map { _ in ProbeMetrics() }
        exporter?.setPeers(peerList.map(\.name))
        let metricsServer = try startMetrics(exporter, say: say)
        let probeName = name
        let runner = ProbeRunner(
            configuration: configuration, peers: peerList, onRejections: { exporter?.setRejected($0) },
            onSkipped: { exporter?.recordSkipped(peer: $0) }
        ) { result in
            say("jitterbug probe: \(result.text)")
            eventFile?.write(ProbeEventRecord(probe: probeName, result: result).jsonLine)
            exporter?.record(result)
        }
        let task = Task {
            try await runner.run { place in
                say("jitterbug probe: \(probeName) listening on \(place), testing \(peerList.count) peers every \(every) for \(test)")
            }
        }
        // --duration ends the run as SIGTERM does (the tests under way are cut short, exit 0).
        let timer = duration.map { limit in
            Task {
                try await Task.sleep(for: limit.duration)
                task.cancel()
            }
        }
        defer { timer?.cancel() }
        let ending: Signals.Ending
        do {
            ending = try await Signals.handling(
                reload: { reload(runner, exporter: exporter, say: say) }, stop: { task.cancel() }
            ) {
                try await task.value
            }
        } catch {
            metricsServer?.cancel()
            await metricsServer?.value
            throw RuntimeError("\(error)")
        }
        metricsServer?.cancel()
        await metricsServer?.value
        say("jitterbug probe: stopped")
        if ending == .interrupted { throw ExitCode(130) }
    }

    /// The `/metrics` server task, when `--metrics` was given.
    private func startMetrics(_ exporter: ProbeMetrics?, say: @escaping @Sendable (String) -> Void) throws -> Task<Void, Never>? {
        guard let exporter, let metrics else { return nil }
        let address = try metrics.parse(allowBarePort: true).resolve()
        return Task {
            do {
                try await MetricsServer.run(registry: exporter.registry, address: address) { bound in
                    say("jitterbug probe: Prometheus metrics at http://\(bound.endpointDescription)/metrics")
                }
            } catch is CancellationError {
            } catch {
                Console.error("jitterbug probe: metrics endpoint failed: \(error)")
            }
        }
    }

    /// SIGHUP: reads the peer file again; a bad file keeps the list in use.
    private func reload(_ runner: ProbeRunner, exporter: ProbeMetrics?, say: @Sendable (String) -> Void) {
        guard let peers else {
            Console.error("jitterbug probe: SIGHUP ignored: no --peers FILE to reload")
            return
        }
        do {
            let list = try loadPeers()
            runner.replacePeers(list)
            exporter?.setPeers(list.map(\.name))
            say("jitterbug probe: reloaded \(list.count) peers from '\(peers)' (from the next period)")
        } catch {
            Console.error("jitterbug probe: error: reloading '\(peers)' failed, keeping the \(runner.peers.count) peers in use: \(error.description)")
        }
    }
}
