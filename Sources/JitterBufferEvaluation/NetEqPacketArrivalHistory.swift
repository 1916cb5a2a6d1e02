/// NetEq's packet arrival history (WebRTC `modules/audio_coding/neteq/packet_arrival_history.cc`,
/// window 2000 ms of RTP time): arrivals kept while their RTP time is within 2 s of the newest
/// inserted one; the delay of a packet (or of the playout point) is measured relative to the
/// packet with the smallest `arrival − rtp time` in the window, i.e. the fastest recent packet.
package struct NetEqPacketArrivalHistory: Sendable {
    private var history: [(rtpMilliseconds: Double, arrivalMilliseconds: Double)] = []
    private var start = 0
    private let windowMilliseconds: Double
    private var newestRTPMilliseconds = -Double.infinity

    /// A history of `windowMilliseconds` of RTP time (2000 in NetEq).
    package init(windowMilliseconds: Double = 2_000) { self.windowMilliseconds = windowMilliseconds }

    /// Packets in the window.
    package var count: Int { history.count - start }

    /// Records one arrival.
    package mutating func insert(rtpMilliseconds: Double, arrivalMilliseconds: Double) {
        history.append((rtpMilliseconds, arrivalMilliseconds))
        newestRTPMilliseconds = max(newestRTPMilliseconds, rtpMilliseconds)
        while start < history.count, history[start].rtpMilliseconds + windowMilliseconds < rtpMilliseconds {
            start += 1
        }
        if start > 4_096 {
            history.removeFirst(start)
            start = 0
        }
    }

    /// Whether `rtpMilliseconds` is the newest RTP time seen (false for a reordered packet).
    package func isNewest(_ rtpMilliseconds: Double) -> Bool { rtpMilliseconds >= newestRTPMilliseconds }

    /// `arrival − rtp` of the fastest packet in the window, nil when empty.
    package var minimumOffsetMilliseconds: Double? {
        guard count > 0 else { return nil }
        var best = Double.infinity
        for index in start..<history.count { best = min(best, history[index].arrivalMilliseconds - history[index].rtpMilliseconds) }
        return best
    }

    /// Delay (≥ 0, ms) of media time `rtpMilliseconds` at `timeMilliseconds` relative to the
    /// fastest packet in the window (`GetDelayMs`).
    package func delayMilliseconds(rtpMilliseconds: Double, timeMilliseconds: Double) -> Double {
        guard let minimum = minimumOffsetMilliseconds else { return 0 }
        return max(0, timeMilliseconds - rtpMilliseconds - minimum)
    }

    /// Largest delay of a packet in the window relative to the fastest (`GetMaxDelayMs`).
    package var maximumDelayMilliseconds: Double {
        guard let minimum = minimumOffsetMilliseconds else { return 0 }
        var worst = -Double.infinity
        for index in start..<history.count { worst = max(worst, history[index].arrivalMilliseconds - history[index].rtpMilliseconds) }
        return worst - minimum
    }
}
