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

    /// The element's defaults.
    package init() {}

    package var name: String { "GStreamer \(Int(latencyMilliseconds)) ms" }

    /// Replays `trace` (arrivals in order) and returns when each frame played.
    package func run(_ trace: Trace) -> PlayoutRecord {
        var record = PlayoutRecord(name: name, frames: trace.count)
        var skew = GStreamerSkewEstimator()
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
}
