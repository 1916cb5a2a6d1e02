import JitterBuffer
import Opus

/// Jitterbug's adaptive `JitterBuffer` replayed on a stream's arrivals, as `recv` drives it: the
/// default configuration with the stream's clock rate and frame duration, the initial delay
/// lowered to one frame (as the receiver does), audio mode, one `pop` per frame tick at the
/// buffer's own schedule (`nextPlayoutTime`). Before each packet is inserted, every tick due up to
/// its arrival runs; after the last packet, ticks run until the buffer is empty.
///
/// Like `recv` (its `streamIdleTimeout`), a stream silent for more than 10 s has ended: the
/// buffer is drained and a fresh one takes the next packet; figures are summed over the segments.
/// (This also bounds the ticks run between two arrivals.)
///
/// Times are ns since the stream's first arrival (the buffer's origin too).
struct AdaptiveReplay {
    /// `recv`'s default stream idle timeout.
    static let idleTimeoutNanoseconds: Int64 = 10_000_000_000

    private(set) var buffer: JitterBuffer
    /// Ledger figures of the segments before the current buffer's.
    private var earlierLateArrivals: Int64 = 0
    private var earlierConcealed: Int64 = 0
    private var earlierExpected: Int64 = 0
    /// Simulated time of the latest arrival, ns (nil before the first).
    private var lastArrivalNanoseconds: Int64?
    private var renderer: OpusPlayoutRenderer?
    /// Whether payloads are Opus: FEC (LBRR) and DTX (≤ 2-byte packets) are flagged as the receiver does.
    let opusPayloads: Bool
    /// `tick − media time` of every frame played from data (decoded or rebuilt by FEC), ns
    /// relative to the first packet's transit.
    private(set) var playoutOffsets = MillisecondHistogram()
    private var nowNanoseconds: Int64 = 0
    /// Reference for unwrapping the played packets' timestamps (the latest inserted, extended).
    private var referenceTimestamp: Int64 = 0
    private let samplesPerFrame: Int64
    /// The buffer's clock rate, Hz (read per played frame: `buffer.configuration` would copy the
    /// whole configuration each time).
    private let clockRateHertz: Int64
    /// Most ticks run after the last arrival to drain the buffer (its 2 s capacity, plus margin).
    private let drainTickLimit: Int

    /// - Parameters:
    ///   - frameNanoseconds: one packet's media duration, 2.5 ... 120 ms.
    ///   - renderer: decodes Opus and writes the WAV; nil for timing only.
    ///   - timestampOrigin: the first packet's RTP timestamp (media time 0).
    init(
        clockRateHertz: Int, frameNanoseconds: Int64, timestampOrigin: Int64, opusPayloads: Bool,
        renderer: OpusPlayoutRenderer?
    ) throws {
        self.timestampOrigin = timestampOrigin
        referenceTimestamp = timestampOrigin
        var configuration = JitterBufferConfiguration()
        configuration.clockRate = clockRateHertz
        configuration.frameDuration = .nanoseconds(frameNanoseconds)
        configuration.initialDelay = min(configuration.initialDelay, configuration.frameDuration)
        buffer = try JitterBuffer(configuration: configuration)
        self.renderer = renderer
        self.opusPayloads = opusPayloads
        samplesPerFrame = Int64(configuration.samplesPerFrame)
        self.clockRateHertz = Int64(clockRateHertz)
        drainTickLimit = Int(configuration.capacityDuration / configuration.frameDuration) + 64
    }

    /// Packets that arrived after their playout slot, all segments (the buffers' ledgers).
    var lateArrivals: Int64 { earlierLateArrivals + buffer.ledger.lateArrivals }
    /// Frames concealed for network or late loss, all segments (the buffers' ledgers).
    var concealedFrames: Int64 { earlierConcealed + buffer.ledger.concealedLost + buffer.ledger.concealedLate }
    /// Sequence numbers resolved, all segments (the buffers' ledgers).
    var expectedFrames: Int64 { earlierExpected + buffer.ledger.expected }

    /// Decode failures (each played as concealment).
    var decodeErrors: Int { renderer?.decodeErrors ?? 0 }
    /// The first packet's RTP timestamp: media time 0.
    private let timestampOrigin: Int64
    /// Samples written to the WAV.
    var samplesWritten: Int { renderer?.samplesWritten ?? 0 }

    /// Runs the ticks due before `arrivalNanoseconds` (a packet arriving exactly at its tick is in
    /// time, as in the fixed buffers), then inserts the packet (duplicates too:
    /// the buffer counts them itself).
    mutating func arrival(
        sequenceNumber: UInt16, timestamp: UInt32, extendedTimestamp: Int64?, arrivalNanoseconds: Int64, payload: ArraySlice<UInt8>
    ) throws {
        if let last = lastArrivalNanoseconds, arrivalNanoseconds - last > Self.idleTimeoutNanoseconds {
            try endSegment()
        }
        lastArrivalNanoseconds = arrivalNanoseconds
        try tick(until: arrivalNanoseconds)
        nowNanoseconds = max(nowNanoseconds, arrivalNanoseconds)
        if let extendedTimestamp { referenceTimestamp = extendedTimestamp }
        payload.withUnsafeBytes { bytes in
            let packet = JitterBufferPacket(
                ssrc: 1, sequenceNumber: sequenceNumber, timestamp: timestamp, arrivalNanoseconds: nowNanoseconds,
                payload: [],
                hasFEC: opusPayloads && ((try? OpusPacket.hasLBRR(bytes)) ?? false),
                isDTX: opusPayloads && !bytes.isEmpty && bytes.count <= 2)
            // Timing only (no WAV): the buffer needs no payload bytes, only a non-empty payload
            // (empty ones are rejected), so one byte is stored instead of the whole frame.
            let stored = renderer == nil && !bytes.isEmpty ? UnsafeRawBufferPointer(rebasing: bytes.prefix(1)) : bytes
            _ = buffer.insert(packet, payload: stored)
        }
    }

    /// Plays out what is left, then resolves the rest (`JitterBuffer.finish`).
    mutating func finish() throws {
        try drain()
        try renderer?.finish()
    }

    private mutating func drain() throws {
        var ticks = 0
        while buffer.packetsBuffered > 0, let due = buffer.nextPlayoutNanosecondsInPlace(), ticks < drainTickLimit {
            ticks += 1
            guard try pop(at: due) else { break }
        }
        buffer.finish()
    }

    /// The stream went idle: the current buffer's figures are kept, a fresh buffer follows.
    private mutating func endSegment() throws {
        try drain()
        earlierLateArrivals = lateArrivals
        earlierConcealed = concealedFrames
        earlierExpected = expectedFrames
        buffer = try JitterBuffer(configuration: buffer.configuration)
    }

    private mutating func tick(until time: Int64) throws {
        while let due = buffer.nextPlayoutNanosecondsInPlace(), due < time {
            guard try pop(at: due) else { return }
        }
    }

    /// One tick at `due`; false when the buffer had nothing to do (playout not started).
    private mutating func pop(at due: Int64) throws -> Bool {
        guard let frame = buffer.pop(nowNanoseconds: due) else { return false }
        // A frame cannot leave before the simulation has reached the time it was decided at.
        let leaves = max(due, nowNanoseconds)
        nowNanoseconds = leaves
        switch frame {
        case .play(let packet):
            record(leaves: leaves, timestamp: extended(packet.timestamp))
        case .recoverFromFEC(_, let next):
            record(leaves: leaves, timestamp: extended(next.timestamp) - samplesPerFrame)
        default:
            break
        }
        try renderer?.render(frame)
        return true
    }

    private func extended(_ timestamp: UInt32) -> Int64 {
        referenceTimestamp + Int64(Int32(bitPattern: timestamp &- UInt32(truncatingIfNeeded: referenceTimestamp)))
    }

    private mutating func record(leaves: Int64, timestamp: Int64) {
        let media = ArrivalTracker.mediaNanoseconds(
            ticks: timestamp - timestampOrigin, clockRateHertz: clockRateHertz)
        playoutOffsets.add(nanoseconds: leaves - media)
    }
}
