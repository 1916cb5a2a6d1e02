import Capture
import Testing
@testable import Analysis

/// Opus TOC shapes (RFC 6716 §3.1–3.2), clock rates from options and SDP, unknown clocks.
@Suite struct CodecDetectionTests {
    // TOC config 1 = SILK NB 20 ms; config 31 = CELT FB 20 ms.
    @Test func opusPacketShapes() {
        #expect(OpusPacketShape.isPlausible([0x08, 1, 2, 3][...]))  // code 0: one frame
        #expect(OpusPacketShape.isPlausible([0x09, 1, 2][...]))  // code 1: 2 bytes = 2 × 1
        #expect(!OpusPacketShape.isPlausible([0x09, 1][...]))  // code 1: odd N − 1 (R3)
        #expect(OpusPacketShape.isPlausible([0x0A, 2, 9, 9, 7][...]))  // code 2: 2 + rest
        #expect(!OpusPacketShape.isPlausible([0x0A, 9, 1][...]))  // code 2: length beyond the packet (R4)
        #expect(OpusPacketShape.isPlausible([0xFB, 6, 1, 2, 3, 4, 5, 6][...]))  // code 3: 6 × 20 ms CBR
        #expect(!OpusPacketShape.isPlausible([0xFB, 7, 1, 2, 3, 4, 5, 6, 7][...]))  // 140 ms > 120 (R5)
        #expect(!OpusPacketShape.isPlausible([0xFB, 0][...]))  // no frames
        #expect(!OpusPacketShape.isPlausible([UInt8]()[...]))
    }

    static func dynamicStream(payloadType: UInt8, payload: [UInt8], step: UInt32 = 960) -> [CapturedPacket] {
        (0..<10).map { index in
            SyntheticPackets.rtp(
                sequence: UInt16(index), timestamp: UInt32(index) * step, arrivalMilliseconds: Double(index) * 20,
                payloadType: payloadType, payload: payload)
        }
    }

    @Test func dynamicTypeShapedLikeOpusIs48kHz() throws {
        let stream = try #require(try AnalyzerRun.onlyStream(Self.dynamicStream(payloadType: 111, payload: [0xFC, 1, 2, 3])))
        #expect(stream.codec.value == "opus")
        #expect(stream.clockRateHertz.value == 48_000)
        #expect(stream.jitterMilliseconds.value == 0)
    }

    @Test func telemetryFramesAreRecognised() throws {
        // docs/telemetry-format.md: 0xD1 (magic 0xD, version 1), no flags, schema id, 2 samples;
        // an 8-byte time, a 4-byte time delta, then 2 × 4 value bytes (26 bytes; as Opus, code 1
        // with an odd N − 1, so not Opus).
        let frame: [UInt8] = [0xD1, 0x00, 0x00, 0x07, 0x00, 0x02] + [UInt8](repeating: 1, count: 12)
            + [UInt8](repeating: 2, count: 8)
        let stream = try #require(
            try AnalyzerRun.onlyStream(Self.dynamicStream(payloadType: 100, payload: frame, step: 1_800)))
        #expect(stream.codec.value == "telemetry")
        #expect(stream.clockRateHertz.value == 90_000)
    }

    @Test func unknownClockReportsLossButNotJitter() throws {
        // Code 1 with an odd N − 1: not Opus (R3).
        let packets = Self.dynamicStream(payloadType: 96, payload: [0x09, 1, 2, 3]).enumerated().filter { $0.offset != 4 }.map(\.element)
        let stream = try #require(try AnalyzerRun.onlyStream(packets))
        #expect(stream.codec.value == nil)
        #expect(stream.clockRateHertz.value == nil)
        #expect(stream.jitterMilliseconds.value == nil)
        #expect(stream.driftPartsPerMillion.value == nil)
        #expect(stream.lost == 1)
        #expect(stream.notes.contains { $0.contains("unknown clock rate") })
    }

    @Test func payloadTypeOptionSetsTheClock() throws {
        var mapping = PayloadTypeMapping()
        try mapping.add(argument: "96=H264/90000")
        let configuration = AnalysisConfiguration(payloadTypes: mapping, policies: [])
        let stream = try #require(
            try AnalyzerRun.onlyStream(Self.dynamicStream(payloadType: 96, payload: [0x09, 1, 2, 3], step: 1_800), configuration: configuration))
        #expect(stream.codec.value == "H264")
        #expect(stream.clockRateHertz.value == 90_000)
        #expect(stream.jitterMilliseconds.value == 0)
    }

    @Test func payloadTypeArguments() throws {
        var mapping = PayloadTypeMapping()
        try mapping.add(argument: "111=opus")
        try mapping.add(argument: "100=telemetry")
        try mapping.add(argument: "97=AMR-WB/16000/1")
        #expect(mapping.codecs[111] == .opus)
        #expect(mapping.codecs[100] == .telemetry)
        #expect(mapping.codecs[97] == CodecDescription(name: "AMR-WB", clockRateHertz: 16_000))
        for bad in ["128=opus", "x=opus", "97", "97=", "97=mystery", "97=H264/0", "97=H264/abc"] {
            #expect(throws: PayloadTypeMapping.FormatError.self) { try mapping.add(argument: bad) }
        }
    }

    @Test func sdpRtpmapLines() throws {
        let sdp = """
            v=0\r
            m=audio 5004 RTP/AVP 111 0 101\r
            a=rtpmap:111 opus/48000/2\r
            a=rtpmap:101 telephone-event/8000\r
            a=fmtp:111 useinbandfec=1\r
            m=video 5006 RTP/AVP 96\r
            a=rtpmap:96 VP8/90000\r

            """
        var mapping = PayloadTypeMapping()
        #expect(try mapping.add(sdp: sdp) == 3)
        #expect(mapping.codecs[111] == .opus)
        #expect(mapping.codecs[101]?.clockRateHertz == 8_000)
        #expect(mapping.codecs[96] == CodecDescription(name: "VP8", clockRateHertz: 90_000))
        #expect(throws: PayloadTypeMapping.FormatError.self) { try mapping.add(sdp: "a=rtpmap:96\n") }
    }
}
