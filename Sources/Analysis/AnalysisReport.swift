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

/// `AnalyzerCounters` as JSON.
public struct AnalyzerCountersReport: Encodable, Sendable {
    public var packets: Int
    public var rtpPackets: Int
    public var rtcpPackets: Int
    public var srtcpPackets: Int
    public var malformedRTCPPackets: Int
    public var otherPackets: Int
    public var unconfirmedPackets: Int
    public var overLimitPackets: Int
    public var filteredPackets: Int

    enum CodingKeys: String, CodingKey {
        case packets
        case rtpPackets = "rtp_packets"
        case rtcpPackets = "rtcp_packets"
        case srtcpPackets = "srtcp_packets"
        case malformedRTCPPackets = "malformed_rtcp_packets"
        case otherPackets = "other_packets"
        case unconfirmedPackets = "unconfirmed_packets"
        case overLimitPackets = "over_limit_packets"
        case filteredPackets = "filtered_packets"
    }

    init(_ counters: AnalyzerCounters) {
        packets = counters.packets
        rtpPackets = counters.rtpPackets
        rtcpPackets = counters.rtcpPackets
        srtcpPackets = counters.srtcpPackets
        malformedRTCPPackets = counters.malformedRTCPPackets
        otherPackets = counters.otherPackets
        unconfirmedPackets = counters.unconfirmedPackets
        overLimitPackets = counters.overLimitPackets
        filteredPackets = counters.filteredPackets
    }
}

/// The report and, per stream in the same order, what the charts draw.
public struct AnalysisResult: Sendable {
    public var report: AnalysisReport
    public var charts: [AnalysisChartStream]
}
