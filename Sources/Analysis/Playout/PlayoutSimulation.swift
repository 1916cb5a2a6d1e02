/// Replays one stream's arrivals, online and in arrival order, through each policy; memory is
/// bounded by the buffers and histograms, not by the stream's length.
public struct PlayoutSimulation {
    public let policies: [PlayoutPolicy]

    /// - Parameters:
    ///   - clockRateHertz: the RTP clock rate.
    ///   - decodeOpus: the payloads are Opus; the adaptive buffer's replay decodes them (PLC, FEC).
    ///   - wavPath: with `decodeOpus`, where the adaptive buffer's playout is written (48 kHz WAV).
    public init(policies: [PlayoutPolicy], clockRateHertz: Int, decodeOpus: Bool, wavPath: String?) throws {
        self.policies = policies
    }

    /// One packet of the stream as the capture saw it (duplicates and reordering included).
    public mutating func arrival(
        sequenceNumber: UInt16, timestamp: UInt32, marker: Bool, arrivalNanoseconds: Int64, payload: ArraySlice<UInt8>
    ) {}

    /// Ends the replay: one result per policy, in `policies` order.
    public mutating func finish() throws -> [PlayoutResult] { [] }

    /// The hindsight-optimal fixed delay curve: late loss % at each playout delay, from 0 to
    /// the slowest packet in steps the curve chooses (at most 200 points).
    public var delayCurve: [PlayoutDelayPoint] { [] }

    /// The smallest fixed delay (ms above the fastest packet) that keeps late loss at or
    /// under `lateLossPercent`.
    public func delayNeeded(forLateLossPercent lateLossPercent: Double) -> Double? { nil }
}
