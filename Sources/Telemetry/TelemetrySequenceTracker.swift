/// Unwraps 16-bit RTP sequence numbers and classifies each accepted packet as in order,
/// after a gap, late, duplicate, or a restart.
///
/// Telemetry favours freshness: a packet older than the highest one seen is not played out
/// (its range was already reported as a gap), it is only counted.
public struct TelemetrySequenceTracker: Sendable {
    /// Classification of one packet.
    public enum Verdict: Sendable, Hashable {
        /// The first packet, or the one right after the highest seen.
        case inOrder(extended: Int64)
        /// Newer than expected; `missing` is the skipped extended range.
        case afterGap(extended: Int64, missing: ClosedRange<Int64>)
        /// Older than the highest seen and not received before.
        case late
        /// Received before (within the last 64 sequence numbers).
        case duplicate
        /// A jump larger than the limits: the sender restarted; tracking starts again here.
        case restarted(extended: Int64)
    }

    /// Forward jumps above this are treated as a sender restart (RFC 3550 A.1 MAX_DROPOUT).
    public static let maxDropout: Int64 = 3000
    /// Backward jumps above this are treated as a sender restart (RFC 3550 A.1 MAX_MISORDER).
    public static let maxMisorder: Int64 = 100

    /// Highest extended sequence number accepted, if any.
    public private(set) var highest: Int64?
    /// Bit i set = `highest - i` was received (i < 64).
    private var receivedMask: UInt64 = 0

    public init() {}

    /// Classifies `sequenceNumber` and, unless late or duplicate, advances the state.
    public mutating func accept(_ sequenceNumber: UInt16) -> Verdict {
        guard let top = highest else {
            highest = Int64(sequenceNumber)
            receivedMask = 1
            return .inOrder(extended: Int64(sequenceNumber))
        }
        let delta = Int64(Int16(bitPattern: sequenceNumber &- UInt16(truncatingIfNeeded: top)))
        let extended = top + delta
        if delta > Self.maxDropout || delta < -Self.maxMisorder {
            highest = extended
            receivedMask = 1
            return .restarted(extended: extended)
        }
        if delta <= 0 {
            let age = -delta
            guard age < 64 else { return .late }
            if receivedMask & (1 << UInt64(age)) != 0 { return .duplicate }
            receivedMask |= 1 << UInt64(age)
            return .late
        }
        receivedMask = delta >= 64 ? 1 : (receivedMask << UInt64(delta)) | 1
        highest = extended
        return delta == 1 ? .inOrder(extended: extended) : .afterGap(extended: extended, missing: (top + 1)...(extended - 1))
    }
}
