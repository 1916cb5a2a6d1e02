import JitterbugSupport

/// What a sender did, for the one-line summary and JSON output.
public struct SenderSummary: Sendable, Equatable, Codable {
    /// RTP packets handed to the transport.
    public var packets: Int = 0
    /// RTP bytes (header + payload) handed to the transport.
    public var bytes: Int = 0
    /// Frames encoded, including those DTX suppressed.
    public var frames: Int = 0
    /// Frames not sent because the encoder signalled DTX silence.
    public var dtxFramesSuppressed: Int = 0
    /// Seconds from the first to the last frame deadline plus one frame: the media duration.
    public var durationSeconds: Double = 0
    /// Largest lateness of a send behind its deadline, in milliseconds.
    public var maxLatenessMilliseconds: Double = 0
    /// Synchronisation source used (the first stream's with `send --streams`).
    public var ssrc: UInt32 = 0
    /// `send --streams N`: what went out on each stream, in SSRC order of creation.
    public var streams: [SenderStreamCount]?

    public init() {}

    /// Average RTP bit rate over the media duration, in kbit/s: RTP headers and extensions
    /// included, UDP/IP (or TCP) headers not.
    public var kilobitsPerSecond: Double {
        durationSeconds > 0 ? Double(bytes * 8) / durationSeconds / 1000 : 0
    }

    /// One line for people, in the spirit of iperf3's summary.
    public var line: String {
        let d = durationSeconds.formatted(decimals: 2)
        let r = kilobitsPerSecond.formatted(decimals: 1)
        return "sent \(packets) packets, \(bytes) bytes in \(d) s (\(r) kbit/s of RTP, headers included), "
            + "ssrc \(ssrc.hex), \(dtxFramesSuppressed) DTX frames suppressed, max lateness "
            + "\(maxLatenessMilliseconds.formatted(decimals: 2)) ms"
    }
}
