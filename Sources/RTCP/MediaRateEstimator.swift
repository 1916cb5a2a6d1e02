import JitterbugSupport

/// The session bandwidth RFC 3550 §6.2 asks for, estimated from the media itself: bytes of
/// RTP packets (with their UDP/IP headers) over the last few seconds.
///
/// Pure: the caller passes each packet's size and monotonic time. Bytes are summed in 100 ms
/// buckets (a ring allocated once, so noting a packet never allocates); the rate is the bytes
/// of the last `window` over the time it covers (from the first packet while that is shorter).
/// There is no estimate (`nil`) before `minimumSpan` of media, so a schedule is never computed
/// from the first two or three packets.
public struct MediaRateEstimator: Sendable, Equatable {
    /// How far back the rate looks (5 s).
    public static let window: Duration = .seconds(5)
    /// Media needed before there is an estimate (200 ms: ten 20 ms frames).
    public static let minimumSpan: Duration = .milliseconds(200)
    private static let bucketNanoseconds: Int64 = 100_000_000
    /// Buckets in the window, plus the current partial one.
    private static let bucketCount = Int(window.components.seconds * 1_000_000_000 / bucketNanoseconds) + 1

    private var firstPacket: Duration?
    /// Bytes per bucket, and which bucket (100 ms since the first packet) each slot holds.
    private var bytes = [Int](repeating: 0, count: bucketCount)
    private var slotBucket = [Int64](repeating: -1, count: bucketCount)

    public init() {}

    /// Whether any packet was noted.
    public var hasMedia: Bool { firstPacket != nil }

    /// Records one media packet of `wireBytes` (RTP header, payload and UDP/IP headers) at `time`.
    public mutating func note(wireBytes: Int, at time: Duration) {
        let first = firstPacket ?? time
        firstPacket = first
        let bucket = Self.bucket(time - first)
        let slot = Int(bucket % Int64(Self.bucketCount))
        if slotBucket[slot] != bucket {
            // A time before the slot's bucket (stamps slightly out of order) joins it rather than
            // wiping a newer second.
            guard slotBucket[slot] < bucket else { return bytes[slot] += max(0, wireBytes) }
            slotBucket[slot] = bucket
            bytes[slot] = 0
        }
        bytes[slot] += max(0, wireBytes)
    }

    /// Session bandwidth in bit/s at `now`, or `nil` before `minimumSpan` of media.
    public func bitsPerSecond(now: Duration) -> Double? {
        guard let firstPacket, now - firstPacket >= Self.minimumSpan else { return nil }
        let span = min(Self.window, now - firstPacket)
        let oldest = Self.bucket(now - firstPacket - span)
        let current = Self.bucket(now - firstPacket)
        var total = 0
        for slot in 0..<Self.bucketCount where slotBucket[slot] >= oldest && slotBucket[slot] <= current {
            total += bytes[slot]
        }
        return Double(total) * 8 / span.seconds
    }

    private static func bucket(_ offset: Duration) -> Int64 {
        let (seconds, attoseconds) = offset.components
        return max(0, (seconds * 1_000_000_000 + attoseconds / 1_000_000_000) / bucketNanoseconds)
    }
}
