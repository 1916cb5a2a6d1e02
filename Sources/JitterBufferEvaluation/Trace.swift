/// One network trace: per frame k (20 ms of audio, RTP timestamp k × 960 at 48 kHz), whether the
/// network lost it and its one-way delay in ms. Send times are on the receiver's clock, so a
/// sender clock drift shows as frames sent slightly more or less often than every 20 ms.
package struct Trace: Sendable {
    /// Name printed in tables and used for plot file names.
    package var name: String
    /// Sender clock drift against the receiver, ppm (+: the sender's clock runs fast).
    package var driftPPM: Double
    /// Whether the network lost frame k (then `delayMilliseconds[k]` is meaningless).
    package var lost: [Bool]
    /// One-way delay of frame k in ms (propagation included).
    package var delayMilliseconds: [Double]

    /// Media duration of one frame, ms.
    package static let frameMilliseconds = 20.0

    /// Creates a trace; `lost` and `delayMilliseconds` must have the same length (the shorter
    /// one bounds the trace).
    package init(name: String, driftPPM: Double = 0, lost: [Bool], delayMilliseconds: [Double]) {
        let count = min(lost.count, delayMilliseconds.count)
        self.name = name
        self.driftPPM = driftPPM
        self.lost = Array(lost.prefix(count))
        self.delayMilliseconds = Array(delayMilliseconds.prefix(count))
    }

    /// A trace without network loss.
    package init(name: String, driftPPM: Double = 0, delayMilliseconds: [Double]) {
        self.init(
            name: name, driftPPM: driftPPM, lost: Array(repeating: false, count: delayMilliseconds.count),
            delayMilliseconds: delayMilliseconds)
    }

    /// Number of frames the sender sent.
    package var count: Int { delayMilliseconds.count }

    /// Send time of frame k in ms on the receiver's clock (a fast sender clock sends more often).
    package func sendMilliseconds(_ k: Int) -> Double {
        Double(k) * Self.frameMilliseconds / (1 + driftPPM / 1e6)
    }

    /// Media time of frame k in ms on the sender's clock (its RTP timestamp ÷ 48).
    package func mediaMilliseconds(_ k: Int) -> Double { Double(k) * Self.frameMilliseconds }

    /// Arrival time of frame k in ms on the receiver's clock, nil when the network lost it.
    package func arrivalMilliseconds(_ k: Int) -> Double? {
        lost[k] ? nil : sendMilliseconds(k) + delayMilliseconds[k]
    }

    /// Frames the network delivered, in arrival order (ties in frame order): what a receiver sees.
    package var arrivals: [(frame: Int, arrivalMilliseconds: Double)] {
        var list: [(frame: Int, arrivalMilliseconds: Double)] = []
        list.reserveCapacity(count)
        for k in 0..<count {
            if let arrival = arrivalMilliseconds(k) { list.append((k, arrival)) }
        }
        list.sort { ($0.arrivalMilliseconds, $0.frame) < ($1.arrivalMilliseconds, $1.frame) }
        return list
    }
}
