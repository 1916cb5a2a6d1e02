import Foundation
import Reports

/// One line of a receiver's web feed (`recv --web-feed`): an interval record or the figures so
/// far, with the wall-clock time it was written, so a reader on another clock (the `lab`'s)
/// can place it on its own time axis. JSON, one object per line; internal to Jitterbug (the
/// documented feeds are `/events` and `--jsonl`).
struct WebFeedLine: Codable, Sendable {
    /// When the writer took the figures, seconds since 1970 (the host's clock, shared by
    /// processes in any network namespace).
    var sentUnixSeconds: Double
    var interval: IntervalRecord?
    var summary: ReceiverSummary?

    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }

    static var nowUnixSeconds: Double { Date().timeIntervalSince1970 }
}
