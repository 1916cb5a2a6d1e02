/// The state of GStreamer's `calculate_skew` (gst-plugins-good `rtpjitterbuffer.c`), ms: see
/// ``GStreamerJitterBuffer``.
struct GStreamerSkewEstimator {
    /// `MAX_WINDOW`: packets in the skew window.
    static let maximumWindow = 512
    /// `MAX_TIME`: RTP time the window fills over at most, ms.
    static let maximumWindowMilliseconds = 2_000.0

    var baseArrival: Double?
    var baseMedia = 0.0
    var skew = 0.0
    var window: [Double] = []
    var position = 0
    var windowSize = 0
    var filling = true
    var windowMinimum = 0.0

    /// `rtp_jitter_buffer_resync` with a skew reset: this packet becomes the base.
    mutating func resynchronize(media: Double, arrival: Double) {
        baseArrival = arrival
        baseMedia = media
        skew = 0
        window = []
        position = 0
        windowSize = 0
        filling = true
    }

    /// Output time (PTS) of media time `media`: base arrival + RTP time since base + skew.
    func outputTime(media: Double) -> Double { (baseArrival ?? 0) + (media - baseMedia) + skew }

    /// `calculate_skew` for one packet; updates the window only when `updateSkew` (gap 0).
    /// Returns the packet's output time.
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
            if sendDifference >= Self.maximumWindowMilliseconds || position >= Self.maximumWindow {
                windowSize = position
                skew = windowMinimum
                filling = false
            } else {
                let percentTime = Int(sendDifference * 100 / Self.maximumWindowMilliseconds)
                let percentWindow = position * 100 / Self.maximumWindow
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
