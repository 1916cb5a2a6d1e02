import Stats

extension PlayoutSimulation {
    /// Ends the replay: one result per policy, in `policies` order. A stream without packets
    /// gives zeros (R 0, MOS 1). Throws the first error of the WAV output, if any.
    public mutating func finish() throws -> [PlayoutResult] {
        guard !finished else { throw PlayoutSimulationError.alreadyFinished }
        if deferredError == nil, policies.contains(.adaptive) {
            do {
                try startAdaptive()
                try adaptive?.finish()
            } catch {
                deferredError = error
            }
        }
        finished = true
        if let deferredError { throw deferredError }
        var fixedIndex = 0
        return policies.map { policy in
            switch policy {
            case .fixed:
                defer { fixedIndex += 1 }
                let playout = fixedPlayouts[fixedIndex]
                let lost = max(0, Int(tracker.expectedPackets) - tracker.distinctPackets)
                return result(
                    policy, late: playout.latePackets, concealed: lost + playout.latePackets,
                    frames: Int(tracker.expectedPackets), offsets: fixedOffsets[fixedIndex])
            case .adaptive:
                guard let adaptive else { return result(policy, late: 0, concealed: 0, frames: 0, offsets: MillisecondHistogram()) }
                return result(
                    policy, late: Int(adaptive.lateArrivals), concealed: Int(adaptive.concealedFrames) + adaptive.decodeErrors,
                    frames: Int(adaptive.expectedFrames), offsets: adaptive.playoutOffsets)
            }
        }
    }

    /// Late arrivals in the adaptive replay's jitter buffer ledgers (after `finish()`), nil
    /// without the policy.
    public var adaptiveLedgerLateArrivals: Int64? { adaptive?.lateArrivals }

    /// Samples the adaptive replay wrote to the WAV (0 without one).
    public var samplesWritten: Int { adaptive?.samplesWritten ?? 0 }

    private func result(
        _ policy: PlayoutPolicy, late: Int, concealed: Int, frames: Int, offsets: MillisecondHistogram
    ) -> PlayoutResult {
        let received = tracker.distinctPackets
        let lateLoss = received == 0 ? 0 : 100 * Double(late) / Double(received)
        let concealedPercent = frames == 0 ? 0 : min(100, 100 * Double(concealed) / Double(frames))
        let minimum = Double(minimumTransitNanoseconds) / 1e6
        let mean = offsets.total == 0 ? 0 : offsets.sumNanoseconds / Double(offsets.total) / 1e6 - minimum
        let p99 = offsets.quantileBucket(0.99).map { Double($0) - minimum } ?? 0
        guard received > 0 else {
            return PlayoutResult(
                name: policy.name, lateLossPercent: 0, concealedPercent: 0, meanPlayoutDelayMilliseconds: 0,
                p99PlayoutDelayMilliseconds: 0, rFactor: 0, mos: 1)
        }
        let r = EModel.rFactor(
            oneWayDelayMilliseconds: mean + mouthToEarExtraMilliseconds, packetLossPercent: concealedPercent, codec: codec)
        return PlayoutResult(
            name: policy.name, lateLossPercent: lateLoss, concealedPercent: concealedPercent,
            meanPlayoutDelayMilliseconds: mean, p99PlayoutDelayMilliseconds: p99, rFactor: r,
            mos: EModel.mos(rFactor: r))
    }
}
