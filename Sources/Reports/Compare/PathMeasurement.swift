/// The raw per-packet record of one path's run in `jitterbug compare`: what was sent when, what
/// arrived when (or never), and how many bytes it cost. Pure data: the analysis is `PathAnalysis`.
///
/// Send and arrival offsets are microseconds from ONE common origin (the same host clock, or
/// clocks the caller has synchronised): `arrival − send` is the one-way delay, and
/// `oneWayDelayAssumption` says on what grounds. Index `i` is the `i`-th packet sent (frame `i`).
public struct PathMeasurement: Sendable, Equatable {
    /// Path name as printed: "udp" or "tcp".
    public var path: String
    /// How it was measured, printed with every table so a model is never presented as a
    /// measurement (e.g. "lab (kernel TCP under impairment)", "loopback").
    public var measurement: String
    /// Media duration of one frame (= one packet), microseconds, > 0.
    public var frameDurationMicroseconds: Int64
    /// Send time of packet `i`, microseconds from the common origin.
    public var sendOffsetMicroseconds: [Int64]
    /// Arrival time of packet `i`, microseconds from the common origin; `nil` = never arrived.
    public var arrivalOffsetMicroseconds: [Int64?]
    /// Bytes on the wire for packet `i`, including every header (IP, UDP/TCP, RFC 4571 framing, RTP).
    public var wireBytes: [Int]
    /// Opus (or telemetry) payload bytes of packet `i`.
    public var payloadBytes: [Int]
    /// TCP segments the kernel retransmitted during the run (`nil` when not known or not TCP).
    public var retransmittedSegments: Int?
    /// Whether the transport delivers in order (TCP): a lost segment then holds back every later
    /// packet, so gaps in arrival are head-of-line stalls.
    public var deliversInOrder: Bool
    /// What makes `arrival − send` a one-way delay (e.g. "sender and receiver share one clock").
    public var oneWayDelayAssumption: String?

    /// Largest accepted |offset|, µs (≈ 31 years): differences and sums of offsets cannot overflow.
    public static let maximumOffsetMicroseconds: Int64 = 1_000_000_000_000_000
    /// Largest accepted frame duration, µs (1 hour).
    public static let maximumFrameDurationMicroseconds: Int64 = 3_600_000_000
    /// Largest accepted wire size of one packet, bytes (16 MiB): byte totals cannot overflow.
    public static let maximumPacketBytes = 1 << 24

    /// Validates the arrays (same length, 0 ≤ payload ≤ wire ≤ `maximumPacketBytes`), the
    /// offsets (|offset| ≤ `maximumOffsetMicroseconds`) and the frame duration (0 < frame ≤ 1 h).
    /// `deliversInOrder` defaults to `path == "tcp"`.
    public init(
        path: String,
        measurement: String,
        frameDurationMicroseconds: Int64,
        sendOffsetMicroseconds: [Int64],
        arrivalOffsetMicroseconds: [Int64?],
        wireBytes: [Int],
        payloadBytes: [Int],
        retransmittedSegments: Int? = nil,
        deliversInOrder: Bool? = nil,
        oneWayDelayAssumption: String? = nil
    ) throws(CompareError) {
        let count = sendOffsetMicroseconds.count
        guard arrivalOffsetMicroseconds.count == count, wireBytes.count == count, payloadBytes.count == count else {
            throw .mismatchedPacketCounts(
                path: path, sends: count, arrivals: arrivalOffsetMicroseconds.count,
                wireBytes: wireBytes.count, payloadBytes: payloadBytes.count
            )
        }
        guard frameDurationMicroseconds > 0 else { throw .invalidFrameDuration(microseconds: frameDurationMicroseconds) }
        guard frameDurationMicroseconds <= Self.maximumFrameDurationMicroseconds else {
            throw .valueOutOfRange(path: path, field: "frame duration")
        }
        let offsetLimit = Self.maximumOffsetMicroseconds
        guard sendOffsetMicroseconds.allSatisfy({ abs($0) <= offsetLimit }) else {
            throw .valueOutOfRange(path: path, field: "send offset")
        }
        guard arrivalOffsetMicroseconds.allSatisfy({ ($0 ?? 0) >= -offsetLimit && ($0 ?? 0) <= offsetLimit }) else {
            throw .valueOutOfRange(path: path, field: "arrival offset")
        }
        for index in 0..<count where payloadBytes[index] < 0 || wireBytes[index] < payloadBytes[index] {
            throw .invalidByteCount(path: path, packetIndex: index)
        }
        guard wireBytes.allSatisfy({ $0 <= Self.maximumPacketBytes }) else { throw .valueOutOfRange(path: path, field: "wire bytes") }
        self.path = path
        self.measurement = measurement
        self.frameDurationMicroseconds = frameDurationMicroseconds
        self.sendOffsetMicroseconds = sendOffsetMicroseconds
        self.arrivalOffsetMicroseconds = arrivalOffsetMicroseconds
        self.wireBytes = wireBytes
        self.payloadBytes = payloadBytes
        self.retransmittedSegments = retransmittedSegments
        self.deliversInOrder = deliversInOrder ?? (path.lowercased() == "tcp")
        self.oneWayDelayAssumption = oneWayDelayAssumption
    }

    /// Packets sent (the length of every per-packet array).
    public var packetsSent: Int { sendOffsetMicroseconds.count }

    /// Frame duration in milliseconds.
    public var frameDurationMilliseconds: Double { Double(frameDurationMicroseconds) / 1000 }

    /// One-way delay of packet `i` in microseconds, `nil` when it never arrived.
    public func oneWayDelayMicroseconds(at index: Int) -> Int64? {
        guard index >= 0, index < packetsSent, let arrival = arrivalOffsetMicroseconds[index] else { return nil }
        return arrival - sendOffsetMicroseconds[index]
    }

    /// The fastest packet's one-way delay in microseconds; `nil` when nothing arrived.
    public var minimumOneWayDelayMicroseconds: Int64? {
        (0..<packetsSent).compactMap { oneWayDelayMicroseconds(at: $0) }.min()
    }
}
