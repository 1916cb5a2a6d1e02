import Stats

/// Settles each sequence number's fate (received or lost) once it is `span` numbers behind the
/// highest, so reordered packets are not counted as loss, and feeds the fates in sequence order
/// to the RFC 3611 / Gilbert–Elliott analyzer and the loss-burst histogram. Memory: `span` flags.
struct LossWindow: Sendable {
    /// Reorder tolerance: a packet more than this many numbers late is counted as received by
    /// the RFC 3550 figures but was already settled as lost here.
    static let span: Int64 = 256
    /// A forward jump this large restarts the window (RFC 3550 A.1 MAX_DROPOUT).
    static let maximumJump: Int64 = 3_000

    private var flags = [Bool](repeating: false, count: Int(span))
    /// Arrival of the packet in each slot, ns since the epoch: a run is placed on the timeline
    /// at the arrival of the first packet after it (when the gap showed), not when it settles.
    private var arrivals = [Int64](repeating: 0, count: Int(span))
    /// The lowest extended number not yet settled; nil before the first packet.
    private var nextToSettle: Int64?
    private var highest: Int64 = 0
    private var currentRun = 0

    private(set) var analyzer = LossPatternAnalyzer()
    /// Loss runs by length: index 0 = 1 packet … index 8 = 9 packets, index 9 = 10 or more.
    private(set) var burstHistogram = [Int](repeating: 0, count: 10)
    /// Packets that arrived after their number was settled (more than `span` late).
    private(set) var tooLatePackets = 0

    /// A run of lost packets and the arrival of the first packet received after it (ns).
    typealias EndedRun = (packets: Int, arrivalNanoseconds: Int64)

    /// A received packet with extended sequence number `extended`, arrived at
    /// `arrivalNanoseconds`. Returns the loss runs that settled (a run ends at the first
    /// received number after it), for the timeline.
    mutating func record(extended: Int64, arrivalNanoseconds: Int64) -> [EndedRun] {
        guard let next = nextToSettle else {
            nextToSettle = extended
            highest = extended
            mark(extended, arrivalNanoseconds)
            return []
        }
        if extended < next {
            tooLatePackets += 1
            return []
        }
        var ended: [EndedRun] = []
        if extended - highest >= Self.maximumJump {
            // A restart: settle everything before the jump, then start again here.
            ended += settle(upTo: highest)
            nextToSettle = extended
            highest = extended
            mark(extended, arrivalNanoseconds)
            return ended
        }
        if extended > highest {
            highest = extended
            ended += settle(upTo: highest - Self.span)
        }
        mark(extended, arrivalNanoseconds)
        return ended
    }

    private mutating func mark(_ extended: Int64, _ arrivalNanoseconds: Int64) {
        flags[slot(extended)] = true
        arrivals[slot(extended)] = arrivalNanoseconds
    }

    /// Settles every number up to the highest received (end of the stream); a run still open
    /// at the end is placed at `lastArrivalNanoseconds`.
    mutating func finish(lastArrivalNanoseconds: Int64) -> [EndedRun] {
        guard nextToSettle != nil else { return [] }
        var ended = settle(upTo: highest)
        if currentRun > 0 {
            ended.append((currentRun, lastArrivalNanoseconds))
            closeRun()
        }
        return ended
    }

    private func slot(_ extended: Int64) -> Int {
        Int(((extended % Self.span) + Self.span) % Self.span)
    }

    private mutating func settle(upTo last: Int64) -> [EndedRun] {
        guard var next = nextToSettle else { return [] }
        var ended: [EndedRun] = []
        while next <= last {
            let index = slot(next)
            if flags[index] {
                if currentRun > 0 {
                    ended.append((currentRun, arrivals[index]))
                    closeRun()
                }
                analyzer.record(.received)
            } else {
                currentRun += 1
                analyzer.record(.lost)
            }
            flags[index] = false
            next += 1
        }
        nextToSettle = next
        return ended
    }

    private mutating func closeRun() {
        burstHistogram[min(currentRun, 10) - 1] += 1
        currentRun = 0
    }
}
