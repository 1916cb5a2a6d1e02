/// The duration of audio in one encoded Opus packet (RFC 6716 §2.1.4 allows 2.5, 5, 10, 20, 40 and
/// 60 ms per encoder call; RFC 7587 recommends 20 ms for RTP).
public enum OpusFrameDuration: Sendable, CaseIterable, Hashable {
    case ms2_5
    case ms5
    case ms10
    case ms20
    case ms40
    case ms60

    /// Creates the duration for exactly 2.5, 5, 10, 20, 40 or 60 milliseconds; `nil` otherwise.
    public init?(milliseconds: Double) {
        guard let match = Self.allCases.first(where: { $0.milliseconds == milliseconds }) else {
            return nil
        }
        self = match
    }

    /// The frame duration in microseconds (exact: 2500 ... 60000).
    public var microseconds: Int {
        switch self {
        case .ms2_5: 2_500
        case .ms5: 5_000
        case .ms10: 10_000
        case .ms20: 20_000
        case .ms40: 40_000
        case .ms60: 60_000
        }
    }

    /// The frame duration in milliseconds (2.5 ... 60).
    public var milliseconds: Double { Double(microseconds) / 1_000 }

    /// The frame duration as a `Duration`.
    public var duration: Duration { .microseconds(microseconds) }

    /// Samples per channel in one frame at `sampleRate` (Hz). Exact for every Opus rate
    /// (8000/12000/16000/24000/48000), e.g. 960 for 20 ms at 48 kHz, 20 for 2.5 ms at 8 kHz.
    public func samples(atSampleRate sampleRate: Int) -> Int {
        sampleRate * microseconds / 1_000_000
    }
}
