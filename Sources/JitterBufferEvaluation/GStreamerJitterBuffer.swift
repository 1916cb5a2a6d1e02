/// GStreamer's `rtpjitterbuffer` with its defaults (gst-plugins-good `gst/rtpmanager`,
/// `rtpjitterbuffer.c` `calculate_skew` and `rtp_jitter_buffer_calculate_pts`;
/// element defaults `latency=200`, `mode=slave`, `drop-on-latency=false`, `do-lost=false`):
///
/// - Each packet's output time (PTS) is `base arrival + RTP time since base + skew`, where skew
///   follows the minimum of `delta = receive time − RTP time` (both since base) over a window of
///   512 packets or 2 s: while the window fills, skew moves to the minimum with weight
///   `(fill %)²`; after, `skew = (window minimum + 124 skew) / 125`. Only packets that follow
///   their predecessor in sequence (`gap == 0`) update the skew.
/// - PTS never goes backwards while RTP time goes forwards.
/// - A packet whose PTS + latency is already past on arrival (a stall) resets the skew and
///   resynchronises on it: PTS = its arrival.
/// - The sink plays each frame at PTS + latency. A packet that arrives after a later one and
///   after its own PTS + latency was given up as lost, and is dropped (late).
package struct GStreamerJitterBuffer {
    /// `latency` property, ms.
    package var latencyMilliseconds = 200.0
    static let maximumWindow = 512
    static let maximumWindowMilliseconds = 2_000.0

    /// The element's defaults.
    package init() {}

    package var name: String { "GStreamer \(Int(latencyMilliseconds)) ms" }

    /// Replays `trace` (arrivals in order) and returns when each frame played.
    package func run(_ trace: Trace) -> PlayoutRecord {
        var record = PlayoutRecord(name: name, frames: trace.count)
        var skew = SkewEstimator()
        var expectedNext: Int?
        var highestFrame = -1
        var previousOutput: (media: Double, output: Double)?
        for (frame, arrival) in trace.arrivals {
            let media = trace.mediaMilliseconds(frame)
            if frame < highestFrame {
                // Reordered: it plays only if its slot (PTS + latency, as estimated now) has not passed.
                let deadline = skew.outputTime(media: media) + latencyMilliseconds
                if arrival > deadline { record.late[frame] = true } else { record.playoutMilliseconds[frame] = deadline }
                continue
            }
            let gap = expectedNext.map { frame - $0 } ?? 0
            expectedNext = frame + 1
            highestFrame = frame
            var output = skew.update(media: media, arrival: arrival, updateSkew: gap == 0)
            if let previousOutput, media > previousOutput.media, output < previousOutput.output { output = previousOutput.output }
            if gap == 0, output + latencyMilliseconds < arrival {
                skew.resynchronize(media: media, arrival: arrival)
                output = arrival
            }
            previousOutput = (media, output)
            record.playoutMilliseconds[frame] = output + latencyMilliseconds
        }
        return record
    }

    /// `calculate_skew`'s state, ms.
    struct SkewEstimator {
        var baseArrival: Double?
        var baseMedia = 0.0
        var skew = 0.0
        var window: [Double] = []
        var position = 0
        var windowSize = 0
        var filling = true
        var windowMinimum = 0.0

        mutating func resynchronize(media: Double, arrival: Double) {
            baseArrival = arrival
            baseMedia = media
            skew = 0
            window = []
            position = 0
            windowSize = 0
            filling = true
        }

        func outputTime(media: Double) -> Double { (baseArrival ?? 0) + (media - baseMedia) + skew }

        mutating func update(media: Double, arrival: Double, updateSkew: Bool) -> Double {
            if baseArrival == nil { resynchronize(media: media, arrival: arrival) }
            var sendDifference = media - baseMedia
            var delta = arrival - (baseArrival ?? arrival) - sendDifference
            if abs(delta - skew) > 1_000 {
                // The sender restarted its timestamps (or a stall of over 1 s): start again here.
                resynchronize(media: media, arrival: arrival)
                sendDifference = 0
                delta = 0
            }
            guard updateSkew else { return outputTime(media: media) }
            if filling {
                window.append(delta)
                position += 1
                if position == 1 || delta < windowMinimum { windowMinimum = delta }
                if sendDifference >= GStreamerJitterBuffer.maximumWindowMilliseconds || position >= GStreamerJitterBuffer.maximumWindow {
                    windowSize = position
                    skew = windowMinimum
                    filling = false
                } else {
                    let percentTime = Int(sendDifference * 100 / GStreamerJitterBuffer.maximumWindowMilliseconds)
                    let percentWindow = position * 100 / GStreamerJitterBuffer.maximumWindow
                    let percent = Double(max(percentTime, percentWindow) * max(percentTime, percentWindow))
                    skew = (percent * windowMinimum + (10_000 - percent) * skew) / 10_000
                    windowSize = position + 1
                }
            } else {
                let old = window[position]
                window[position] = delta
                position += 1
                if delta <= windowMinimum {
                    windowMinimum = delta
                } else if old == windowMinimum {
                    windowMinimum = window.prefix(windowSize).min() ?? delta
                }
                skew = (windowMinimum + 124 * skew) / 125
            }
            if position >= windowSize { position = 0 }
            return outputTime(media: media)
        }
    }
}
