import JitterbugSupport

/// The session bandwidth RFC 3550 §6.2 asks for, estimated from the media itself: bytes of
/// RTP packets (with their UDP/IP headers) over the last few seconds.
///
/// Pure: the caller passes each packet's size and monotonic time. Bytes are summed in 100 ms
/// buckets; the rate is the bytes of the last `window` over the time it covers (from the first
/// packet while that is shorter). There is no estimate (`nil`) before `minimumSpan` of media, so
/// a schedule is never computed from the first two or three packets.
public struct MediaRateEstimator: Sendable, Equatable {
    /// How far back the rate looks (5 s).
    public static let window: Duration = .seconds(5)
    /// Media needed before there is an estimate (200 ms: ten 20 ms frames).
    public static let minimumSpan: Duration = .milliseconds(200)
    private static let bucketNanoseconds: Int64 = 100_000_000

    private var firstPacket: Duration?
    /// Bytes per 100 ms bucket since the first packet, keyed by bucket number; only the window kept.
    private var buckets: [Int64: Int] = [:]

    public init() {}

    /// Whether any packet was noted.
    public var hasMedia: Bool { firstPacket != nil }

    /// Records one media packet of `wireBytes` (RTP header, payload and UDP/IP headers) at `time`.
    public mutating func note(wireBytes: Int, at time: Duration) {
        let first = firstPacket ?? time
        firstPacket = first
        let bucket = Self.bucket(time - first)
        buckets[bucket, default: 0] += max(0, wireBytes)
        let oldest = bucket - Self.bucket(Self.window)
        if buckets.count > Int(Self.bucket(Self.window)) + 2 { buckets = buckets.filter { $0.key >= oldest } }
    }

    /// Session bandwidth in bit/s at `now`, or `nil` before `minimumSpan` of media.
    public func bitsPerSecond(now: Duration) -> Double? {
        guard let firstPacket, now - firstPacket >= Self.minimumSpan else { return nil }
        let span = min(Self.window, now - firstPacket)
        let oldest = Self.bucket(now - firstPacket - span)
        let bytes = buckets.reduce(0) { $0 + ($1.key >= oldest ? $1.value : 0) }
        return Double(bytes) * 8 / span.seconds
    }

    private static func bucket(_ offset: Duration) -> Int64 {
        let (seconds, attoseconds) = offset.components
        return (seconds * 1_000_000_000 + attoseconds / 1_000_000_000) / bucketNanoseconds
    }
}
