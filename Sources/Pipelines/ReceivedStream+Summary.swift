import Reports
import Stats

extension ReceivedStream {
    /// This stream's figures (RTCP and rejection fields are the core's to fill).
    func summary(configuration: AudioReceiverConfiguration) -> ReceiverSummary {
        var s = ReceiverSummary()
        s.stream = key.description
        let stats = statistics
        // Distinct packets: duplicates are counted apart, so they cannot hide losses (RFC 3550
        // A.3 nets them; that figure is `rfc3550CumulativeLost`). Every epoch counts.
        s.packets = Int64(stats.uniquePackets)
        s.expectedPackets = stats.totalExpectedPackets
        s.lostPackets = stats.lostPackets
        s.lostPercent = s.expectedPackets > 0 ? Double(s.lostPackets) * 100 / Double(s.expectedPackets) : 0
        s.rfc3550CumulativeLost = stats.rfc3550CumulativeLost
        s.duplicatePackets = Int64(stats.duplicatePackets)
        s.sequenceRestarts = Int64(stats.restarts)
        s.badSequencePackets = Int64(stats.badSequencePackets)
        s.wrongTimestampPackets = Int64(stats.wrongTimestampPackets)
        s.emptyPayloadPackets = Int64(emptyPayloadPackets)
        s.probationDroppedPackets = Int64(stats.probationDroppedPackets)
        s.outOfOrder = Int64(stats.reorderedPackets)
        s.latePackets = Int64(stats.latePackets)
        s.jitterMilliseconds = stats.jitterMilliseconds
        s.senderSaidGoodbye = goodbyeAt != nil
        s.packetsByUDP = packetsByTransport[0]
        s.packetsByTCP = packetsByTransport[1]
        if let playout {
            s.framesDecoded = playout.framesDecoded
            s.framesRecoveredByFEC = playout.framesFromFEC
            s.framesConcealed = playout.framesConcealed
            s.framesComfortSilence = playout.framesComfortSilence
            s.buffer = BufferLedger(playout.jitterBuffer.ledger)
            let frameMilliseconds = Double(playout.frameSamples) * 1000 / Double(configuration.outputSampleRate)
            s.lossPattern = LossPatternSummary(playout.lossPattern, frameMilliseconds: frameMilliseconds)
            s.outputSampleRate = configuration.outputSampleRate
            s.outputChannels = playout.channels
            s.outputFrames = playout.samplesWritten / max(1, playout.channels)
            s.targetDelayMilliseconds = playout.jitterBuffer.snapshot.targetDelayMilliseconds
            s.playoutDelayMilliseconds = playout.jitterBuffer.snapshot.playedDelayMilliseconds
            s.playoutScaling = playout.scalingSummary(frameMilliseconds: frameMilliseconds)
        }
        if let telemetry {
            s.telemetry = telemetry.summary
            s.buffer = BufferLedger(telemetry.jitterBuffer.ledger)
            s.targetDelayMilliseconds = telemetry.jitterBuffer.snapshot.targetDelayMilliseconds
            s.playoutDelayMilliseconds = telemetry.jitterBuffer.snapshot.currentDelayMilliseconds
        }
        // One walk of the delay histogram gives every delay figure below (a receiver builds this
        // for every stream every interval).
        let delay = oneWayDelay.count > 0 ? oneWayDelay.summary : nil
        if isDecoding {
            let quality = qualityEstimate(oneWayDelayP50Milliseconds: delay?.p50Milliseconds ?? 0)
            s.rFactor = quality.rFactor
            s.mos = quality.mos
        }
        if let delay {
            s.oneWayDelay = delay
            s.delayVariation = delayVariation.summary
            let buffer = playout?.jitterBuffer.snapshot.playedDelayMilliseconds ?? 0
            s.mouthToEarMilliseconds = delay.p50Milliseconds + buffer + AudioReceiverCore.opusCodecDelayMilliseconds
            s.oneWayDelayP50Milliseconds = delay.p50Milliseconds
            s.oneWayDelayP99Milliseconds = delay.p99Milliseconds
        }
        return s
    }

    /// The E-model estimate from what this receiver measured (network loss + late, counted once).
    func qualityEstimate() -> QualityEstimate {
        qualityEstimate(oneWayDelayP50Milliseconds: oneWayDelay.count > 0 ? oneWayDelay.percentileMilliseconds(50) : 0)
    }

    /// The E-model estimate, given the median one-way delay (ms) already taken from the histogram.
    func qualityEstimate(oneWayDelayP50Milliseconds: Double) -> QualityEstimate {
        QualityEstimate(
            networkOneWayDelayMilliseconds: oneWayDelayP50Milliseconds,
            jitterBufferDelayMilliseconds: playout?.jitterBuffer.snapshot.playedDelayMilliseconds ?? 0,
            codecDelayMilliseconds: AudioReceiverCore.opusCodecDelayMilliseconds,
            expectedPackets: statistics.totalExpectedPackets,
            networkLostPackets: statistics.lostPackets,
            latePackets: Int64(statistics.latePackets),
            burstRatio: playout?.lossPattern.burstRatio ?? 1,
            codec: .opusProvisional)
    }
}
