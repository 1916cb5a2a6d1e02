import Capture
import Foundation

/// Everything `analyze` found in its capture files (docs/analyze-json.md).
public struct AnalysisReport: Encodable, Sendable {
    public var files: [String]
    public var capture: CaptureCounters
    /// Streams, most troubled first.
    public var streams: [StreamReport]
    /// SSRCs that sent RTCP or were reported on.
    public var rtcpStreams: Int
    public var srtcpPackets: Int
    public var analyzer: AnalyzerCountersReport

    enum CodingKeys: String, CodingKey {
        case files, capture, streams, analyzer
        case rtcpStreams = "rtcp_streams"
        case srtcpPackets = "srtcp_packets"
    }

    /// Pretty-printed JSON with sorted keys, ending in a newline. Keys of nested types from
    /// other targets (capture counters, jitter buffer results) are converted to snake_case.
    public func jsonText() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return String(decoding: try encoder.encode(self), as: UTF8.self) + "\n"
    }
}
