/// Algorithm 4 of Ramjee, Kurose, Towsley, Schulzrinne, "Adaptive playout mechanisms for
/// packetized audio applications in wide-area networks" (IEEE INFOCOM 1994, §3): an exponential
/// average of the network delay with spike detection.
///
/// Per packet i (in order of receipt), n_i = arrival − sender timestamp:
/// - NORMAL mode: `|n_i − n_{i−1}| > 2|v| + 800` (timestamp units of 125 µs: 100 ms) starts a
///   spike (`var = 0`, SPIKE mode).
/// - SPIKE mode: `var = var / 2 + |(2 n_i − n_{i−1} − n_{i−2}) / 8|`; `var ≤ 63` (7.875 ms) ends
///   the spike (NORMAL mode, and this packet does not update the estimates).
/// - Estimates: NORMAL `d_i = 0.125 n_i + 0.875 d_{i−1}`; SPIKE `d_i = d_{i−1} + n_i − n_{i−1}`
///   (follow the spike); `v_i = 0.125 |n_i − d_i| + 0.875 v_{i−1}`.
/// - Playout delay `p = d + 4 v`. The paper sets it at the start of each talkspurt; the traces
///   here are continuous, so the playout point moves toward it by time-scaling
///   (``TimeScaledPlayout``), and a packet after its playout time is lost (no waiting).
package struct RamjeeController: PlayoutController {
    package let name = "Ramjee alg. 4"
    package let initialDelayMilliseconds = 0.0
    package let waitsOnUnderrun = false

    /// Spike start threshold: 800 timestamp units of 125 µs, ms.
    static let spikeThresholdMilliseconds = 100.0
    /// Spike end threshold: 63 timestamp units of 125 µs, ms.
    static let spikeEndMilliseconds = 7.875

    /// Whether the algorithm is in spike mode.
    package private(set) var inSpike = false
    /// Delay estimate d, ms (arrival − media time).
    package private(set) var estimateMilliseconds: Double?
    /// Variation estimate v, ms.
    package private(set) var variationMilliseconds = 0.0
    /// Times the algorithm entered and left spike mode.
    package private(set) var spikesEntered = 0
    package private(set) var spikesLeft = 0
    private var spikeVariation = 0.0
    private var previous: Double?
    private var beforePrevious: Double?

    /// Algorithm 4 with the paper's constants.
    package init() {}

    /// The playout offset the algorithm wants (`d + 4 v`), ms: frame with media time m plays at m + offset.
    package var playoutOffsetMilliseconds: Double? { estimateMilliseconds.map { $0 + 4 * variationMilliseconds } }

    package mutating func observe(frame: Int, mediaMilliseconds: Double, arrivalMilliseconds: Double) {
        let n = arrivalMilliseconds - mediaMilliseconds
        guard let last = previous, let d = estimateMilliseconds else {
            previous = n
            beforePrevious = n
            estimateMilliseconds = n
            return
        }
        if !inSpike {
            if abs(n - last) > 2 * abs(variationMilliseconds) + Self.spikeThresholdMilliseconds {
                spikeVariation = 0
                inSpike = true
                spikesEntered += 1
            }
        } else {
            spikeVariation = spikeVariation / 2 + abs((2 * n - last - (beforePrevious ?? last)) / 8)
            if spikeVariation <= Self.spikeEndMilliseconds {
                inSpike = false
                spikesLeft += 1
                beforePrevious = last
                previous = n
                return
            }
        }
        let updated = inSpike ? d + n - last : 0.125 * n + 0.875 * d
        estimateMilliseconds = updated
        variationMilliseconds = 0.125 * abs(n - updated) + 0.875 * variationMilliseconds
        beforePrevious = last
        previous = n
    }

    package mutating func adjustment(nowMilliseconds: Double, mediaMilliseconds: Double, played: Bool, afterConcealment: Bool) -> Double {
        guard let offset = playoutOffsetMilliseconds else { return 0 }
        return offset - (nowMilliseconds - mediaMilliseconds)
    }
}
