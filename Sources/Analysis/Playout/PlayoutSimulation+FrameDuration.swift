import Opus

extension PlayoutSimulation {
    /// Packets held before the adaptive replay starts, at most: the frame duration is known from
    /// them (or assumed) by then.
    static let frameDetectionPackets = 8
    /// Frame duration assumed when the packets do not show one: 20 ms.
    static let defaultFrameNanoseconds: Int64 = 20_000_000

    /// One packet's media duration (ns), clamped to the jitter buffer's 2.5 ... 120 ms:
    /// for Opus the first parsable payload's TOC (RFC 6716 §3.1); otherwise the smallest positive
    /// timestamp step per sequence step among the held packets taken in sequence order (pairs
    /// at most 4 sequence numbers apart); 20 ms when neither is available.
    static func frameNanoseconds(
        of held: [HeldArrival], clockRateHertz: Int, opusPayloads: Bool
    ) -> Int64 {
        let rate = Int64(clockRateHertz)
        var samples: Int64?
        if opusPayloads {
            for packet in held where !packet.payload.isEmpty {
                if let count = try? OpusPacket.sampleCount(packet.payload, sampleRate: clockRateHertz), count > 0 {
                    samples = Int64(count)
                    break
                }
            }
        }
        if samples == nil {
            let ordered = held.compactMap { packet in packet.extendedSequence.map { ($0, packet.extendedTimestamp) } }
                .sorted { $0.0 < $1.0 }
            for (earlier, later) in zip(ordered, ordered.dropFirst()) {
                let sequenceStep = later.0 - earlier.0
                let timestampStep = later.1 - earlier.1
                guard (1...4).contains(sequenceStep), timestampStep > 0 else { continue }
                samples = min(samples ?? .max, timestampStep / sequenceStep)
            }
        }
        guard let samples, samples > 0 else { return defaultFrameNanoseconds }
        let nanoseconds = samples * 1_000_000_000 / rate
        return min(max(nanoseconds, 2_500_000), 120_000_000)
    }
}
