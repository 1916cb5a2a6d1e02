/// A bounded time series of one stream for the analysis charts: transit delay and jitter per
/// arrival, and loss bursts; when full, neighbouring points are merged, so memory stays bounded
/// whatever the capture's length.
///
/// Points: while fewer than `capacity`, one per arrival; when full, neighbours are merged in pairs
/// (min/max transit, max jitter kept, so spikes survive) and from then on each point takes twice
/// as many arrivals, so points stay evenly spread in arrivals. Loss marks: one per run until
/// `capacity`, then neighbouring pairs are merged (packets summed).
public struct StreamTimeline: Sendable {
    /// Most points kept per series (at least 4).
    public let capacity: Int
    /// Transit and jitter, in arrival order.
    public private(set) var points: [TimelinePoint] = []
    /// Loss runs, in detection order.
    public private(set) var losses: [TimelineLossMark] = []
    /// Arrivals each point takes now (doubles at each merge).
    public private(set) var packetsPerPoint = 1
    /// Lost packets recorded, all marks together.
    public private(set) var lostPackets = 0

    public init(capacity: Int = 2_000) {
        self.capacity = max(4, capacity)
    }

    /// One received packet: its arrival, transit (arrival − RTP timestamp as time, relative to
    /// the fastest packet so far), and the RFC 3550 jitter after it, in ms.
    public mutating func record(arrivalNanoseconds: Int64, transitMilliseconds: Double, jitterMilliseconds: Double) {
        let transit = transitMilliseconds.isFinite ? transitMilliseconds : 0
        let point = TimelinePoint(
            startNanoseconds: arrivalNanoseconds, endNanoseconds: arrivalNanoseconds,
            transitMinimumMilliseconds: transit, transitMaximumMilliseconds: transit,
            jitterMaximumMilliseconds: jitterMilliseconds.isFinite ? jitterMilliseconds : 0, packets: 1)
        if let last = points.last, last.packets < packetsPerPoint {
            points[points.count - 1] = last.merged(with: point)
            return
        }
        if points.count >= capacity {
            points = Self.pairsMerged(points) { $0.merged(with: $1) }
            packetsPerPoint *= 2
            if let last = points.last, last.packets < packetsPerPoint {
                points[points.count - 1] = last.merged(with: point)
                return
            }
        }
        points.append(point)
    }

    /// A run of `packets` lost packets detected at `arrivalNanoseconds` (non-positive runs are ignored).
    public mutating func recordLoss(arrivalNanoseconds: Int64, packets: Int) {
        guard packets > 0 else { return }
        lostPackets += packets
        if losses.count >= capacity {
            losses = Self.pairsMerged(losses) {
                TimelineLossMark(
                    startNanoseconds: min($0.startNanoseconds, $1.startNanoseconds),
                    endNanoseconds: max($0.endNanoseconds, $1.endNanoseconds),
                    packets: $0.packets + $1.packets, runs: $0.runs + $1.runs)
            }
        }
        losses.append(TimelineLossMark(startNanoseconds: arrivalNanoseconds, endNanoseconds: arrivalNanoseconds, packets: packets, runs: 1))
    }

    /// Neighbours merged in pairs (an odd last element stays as it is).
    private static func pairsMerged<Element>(_ elements: [Element], _ merge: (Element, Element) -> Element) -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(elements.count / 2 + 1)
        var index = 0
        while index < elements.count {
            result.append(index + 1 < elements.count ? merge(elements[index], elements[index + 1]) : elements[index])
            index += 2
        }
        return result
    }
}
