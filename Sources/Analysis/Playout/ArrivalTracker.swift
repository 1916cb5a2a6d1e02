/// One stream's arrival bookkeeping for the playout replay: sequence and timestamp unwrapping,
/// duplicate detection over a bounded window, the simulated clock, and each packet's transit.
///
/// Times are nanoseconds. The simulated clock is the capture's arrival time made monotonic (a
/// capture merged from several interfaces can step back by a few µs; such a packet is taken as
/// arriving at the latest time already seen), so every policy and the delay curve see the same
/// arrival times.
struct ArrivalTracker: Sendable {
    /// Sequence numbers remembered for duplicate detection (a copy arriving more than this many
    /// packets behind the highest is counted as a new packet: it cannot be told from one).
    static let windowSize = 4_096

    /// One distinct packet, as the replay uses it.
    struct Observation: Sendable {
        var extendedSequence: Int64
        var extendedTimestamp: Int64
        /// Simulated (monotonic) arrival, ns since the stream's first arrival.
        var arrivalNanoseconds: Int64
        /// Media time: `(extendedTimestamp − first packet's timestamp) / clock rate`, ns.
        var mediaNanoseconds: Int64
        /// Transit relative to the first packet's: `arrival − media`, ns (the first packet's is 0).
        var relativeTransitNanoseconds: Int64 { arrivalNanoseconds - mediaNanoseconds }
    }

    let clockRateHertz: Int64
    /// Capture time of the first packet, ns (the origin of the simulated clock).
    private(set) var firstArrivalNanoseconds: Int64?
    private var firstTimestamp: Int64 = 0
    private var lastTimestamp: Int64 = 0
    private(set) var lowestSequence: Int64 = 0
    private(set) var highestSequence: Int64 = 0
    /// Simulated time of the latest arrival, ns since the first.
    private(set) var nowNanoseconds: Int64 = 0
    /// Extended sequence number held by each window slot (`Int64.min` when none).
    private var seen: [Int64] = []
    /// Packets counted once (duplicates excluded).
    private(set) var distinctPackets = 0
    private(set) var duplicates = 0

    init(clockRateHertz: Int) {
        self.clockRateHertz = Int64(clockRateHertz)
    }

    /// Sequence numbers from the lowest to the highest received (0 before any packet).
    var expectedPackets: Int64 { distinctPackets == 0 ? 0 : highestSequence - lowestSequence + 1 }

    /// Media time (ns) of an extended timestamp, relative to the first packet's, saturating at
    /// ±10⁹ s so that garbage timestamps cannot overflow the arithmetic built on it.
    func mediaNanoseconds(extendedTimestamp: Int64) -> Int64 {
        Self.mediaNanoseconds(ticks: extendedTimestamp - firstTimestamp, clockRateHertz: clockRateHertz)
    }

    /// `ticks / clockRateHertz` in ns without overflow (exact for whole ns), saturating at ±10⁹ s.
    static func mediaNanoseconds(ticks: Int64, clockRateHertz: Int64) -> Int64 {
        let seconds = ticks / clockRateHertz
        guard abs(seconds) < 1_000_000_000 else { return seconds < 0 ? -1_000_000_000_000_000_000 : 1_000_000_000_000_000_000 }
        return seconds * 1_000_000_000 + ticks % clockRateHertz * 1_000_000_000 / clockRateHertz
    }

    /// The extended form of a 32-bit timestamp nearest the latest one seen.
    func extendedTimestamp(_ timestamp: UInt32) -> Int64 {
        lastTimestamp + Int64(Int32(bitPattern: timestamp &- UInt32(truncatingIfNeeded: lastTimestamp)))
    }

    /// Advances the clock to a packet's arrival and classifies it: nil for a duplicate.
    mutating func observe(sequenceNumber: UInt16, timestamp: UInt32, arrivalNanoseconds: Int64) -> Observation? {
        guard let origin = firstArrivalNanoseconds else {
            firstArrivalNanoseconds = arrivalNanoseconds
            firstTimestamp = Int64(timestamp)
            lastTimestamp = firstTimestamp
            lowestSequence = Int64(sequenceNumber)
            highestSequence = lowestSequence
            seen = Array(repeating: .min, count: Self.windowSize)
            remember(lowestSequence)
            distinctPackets = 1
            return Observation(extendedSequence: lowestSequence, extendedTimestamp: firstTimestamp, arrivalNanoseconds: 0, mediaNanoseconds: 0)
        }
        let (difference, overflow) = arrivalNanoseconds.subtractingReportingOverflow(origin)
        nowNanoseconds = max(nowNanoseconds, overflow ? nowNanoseconds : difference)
        let sequence = highestSequence + Int64(Int16(bitPattern: sequenceNumber &- UInt16(truncatingIfNeeded: highestSequence)))
        let slot = Int(truncatingIfNeeded: sequence) & (Self.windowSize - 1)
        if seen[slot] == sequence {
            duplicates += 1
            return nil
        }
        remember(sequence)
        distinctPackets += 1
        lowestSequence = min(lowestSequence, sequence)
        highestSequence = max(highestSequence, sequence)
        let extended = extendedTimestamp(timestamp)
        lastTimestamp = extended
        return Observation(
            extendedSequence: sequence, extendedTimestamp: extended, arrivalNanoseconds: nowNanoseconds,
            mediaNanoseconds: mediaNanoseconds(extendedTimestamp: extended))
    }

    private mutating func remember(_ sequence: Int64) {
        seen[Int(truncatingIfNeeded: sequence) & (Self.windowSize - 1)] = sequence
    }
}
