import JitterbugSupport
import Reports
#if canImport(CompareSession)
import CompareSession
#else
#endif

/// Hand-made path measurements for the compare tests.
enum CompareFixture {
    /// Packet `i` sent at `i × frame`; arrives `delaysMilliseconds[i]` later (`nil` = lost).
    /// Every packet: `payloadBytes` of payload, `wireBytes` on the wire.
    static func measurement(
        path: String = "udp",
        label: String = "loopback",
        delaysMilliseconds: [Double?],
        frameMicroseconds: Int64 = 20_000,
        payloadBytes: Int = 100,
        wireBytes: Int = 160,
        retransmittedSegments: Int? = nil
    ) throws -> PathMeasurement {
        let sends = delaysMilliseconds.indices.map { Int64($0) * frameMicroseconds }
        let arrivals = zip(sends, delaysMilliseconds).map { send, delay in delay.map { send + Int64(($0 * 1000).rounded()) } }
        return try PathMeasurement(
            path: path, measurement: label, frameDurationMicroseconds: frameMicroseconds,
            sendOffsetMicroseconds: sends, arrivalOffsetMicroseconds: arrivals,
            wireBytes: Array(repeating: wireBytes, count: sends.count),
            payloadBytes: Array(repeating: payloadBytes, count: sends.count),
            retransmittedSegments: retransmittedSegments,
            oneWayDelayAssumption: "sender and receiver share one clock"
        )
    }

    /// Explicit send and arrival times in milliseconds (for stall shapes).
    static func measurement(
        path: String = "tcp", sendsMilliseconds: [Double], arrivalsMilliseconds: [Double?], frameMicroseconds: Int64 = 20_000
    ) throws -> PathMeasurement {
        try PathMeasurement(
            path: path, measurement: "hand-made", frameDurationMicroseconds: frameMicroseconds,
            sendOffsetMicroseconds: sendsMilliseconds.map { Int64(($0 * 1000).rounded()) },
            arrivalOffsetMicroseconds: arrivalsMilliseconds.map { $0.map { Int64(($0 * 1000).rounded()) } },
            wireBytes: Array(repeating: 160, count: sendsMilliseconds.count),
            payloadBytes: Array(repeating: 100, count: sendsMilliseconds.count)
        )
    }

    /// Deterministic pseudo-random delays (SplitMix64), milliseconds in [base, base + spread).
    static func pseudoRandomDelays(count: Int, baseMilliseconds: Double, spreadMilliseconds: Double, seed: UInt64) -> [Double?] {
        var generator = SplitMix64(seed: seed)
        return (0..<count).map { _ in
            let z = generator.next()
            let unit = Double(z >> 11) / Double(1 << 53)
            // One packet in 20 lost, so the sweep sees lost packets too (they never count as late).
            return (z & 0xFF) < 13 ? nil : baseMilliseconds + unit * spreadMilliseconds
        }
    }

    /// UDP: 100 packets at 10 ms, every 20th lost (5 %). TCP: nothing lost, 98 at 10 ms, two
    /// held back to 61 ms, so TCP's p99 is exactly 6.1 × UDP's.
    static func lossBlockPair() throws -> (udp: PathMeasurement, tcp: PathMeasurement) {
        let udpDelays: [Double?] = (0..<100).map { $0 % 20 == 19 ? nil : 10 }
        let tcpDelays: [Double?] = (0..<100).map { $0 == 40 || $0 == 41 ? 61 : 10 }
        return (
            try measurement(path: "udp", label: "loopback", delaysMilliseconds: udpDelays),
            try measurement(path: "tcp", label: "lab (kernel TCP under impairment)", delaysMilliseconds: tcpDelays, wireBytes: 180, retransmittedSegments: 3)
        )
    }
}
