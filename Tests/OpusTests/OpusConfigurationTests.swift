import JitterbugSupport
import Testing
@testable import Opus

@Suite struct OpusConfigurationTests {
    @Test func frameDurationsAreExact() throws {
        #expect(OpusFrameDuration(milliseconds: 2.5) == .ms2_5)
        #expect(OpusFrameDuration(milliseconds: 60) == .ms60)
        for invalid in [0, 2.4, 3, 15, 80, 120] {
            #expect(OpusFrameDuration(milliseconds: invalid) == nil)
        }
        #expect(OpusFrameDuration.allCases.map(\.milliseconds) == [2.5, 5, 10, 20, 40, 60])
        #expect(OpusFrameDuration.ms2_5.samples(atSampleRate: 8_000) == 20)
        #expect(OpusFrameDuration.ms20.samples(atSampleRate: 12_000) == 240)
        #expect(OpusFrameDuration.ms60.samples(atSampleRate: 48_000) == 2_880)
        #expect(OpusFrameDuration.ms2_5.duration == .microseconds(2_500))
        #expect(OpusFrameDuration.ms40.duration == .milliseconds(40))
        #expect(OpusFrameDuration.ms2_5.description == "2.5 ms")
        #expect(OpusApplication(rawValue: "lowdelay") == .lowDelay)
    }

    static let invalid: [(OpusEncoderConfiguration, OpusConfigurationError, [String])] = [
        (.init(sampleRate: 44_100), .invalidSampleRate(44_100), ["44100", "48000", "8000"]),
        (.init(channels: 3), .invalidChannelCount(3), ["3", "1", "2"]),
        (.init(channels: 0), .invalidChannelCount(0), ["0"]),
        (.init(bitrate: 5_999), .invalidBitrate(5_999), ["5999", "6000...510000"]),
        (.init(bitrate: 510_001), .invalidBitrate(510_001), ["510001", "6000...510000"]),
        (.init(complexity: 11), .invalidComplexity(11), ["11", "0...10"]),
        (.init(complexity: -1), .invalidComplexity(-1), ["-1", "0...10"]),
        (.init(expectedLossPercent: 101), .invalidExpectedLossPercent(101), ["101", "0...100"]),
    ]

    @Test(arguments: invalid.indices)
    func invalidValuesThrowNamingValueAndAcceptedValues(_ index: Int) throws {
        let (config, expected, fragments) = Self.invalid[index]
        let error = #expect(throws: OpusConfigurationError.self) { try config.validate() }
        #expect(error == expected)
        for fragment in fragments {
            #expect(error?.description.contains(fragment) == true, "\(String(describing: error)) lacks \(fragment)")
        }
        #expect(throws: OpusConfigurationError.self) { try OpusEncoder(config) }
    }

    @Test func limitsAreAccepted() throws {
        for config in [
            OpusEncoderConfiguration(sampleRate: 8_000, bitrate: 6_000, complexity: 0, expectedLossPercent: 0),
            OpusEncoderConfiguration(channels: 2, bitrate: 510_000, complexity: 10, expectedLossPercent: 100),
        ] {
            try config.validate()
            _ = try OpusEncoder(config)
        }
    }

    @Test func decoderRejectsBadRateAndChannels() throws {
        let rate = #expect(throws: OpusConfigurationError.self) { try OpusDecoder(sampleRate: 22_050, channels: 1) }
        #expect(rate == .invalidSampleRate(22_050))
        let channels = #expect(throws: OpusConfigurationError.self) { try OpusDecoder(sampleRate: 48_000, channels: 6) }
        #expect(channels == .invalidChannelCount(6))
    }

    @Test func opusErrorCarriesLibopusText() {
        let error = OpusError(code: -4, detail: "decode of a 3-byte packet")
        #expect(error.knownCode == .invalidPacket)
        #expect(error.libopusMessage == "corrupted stream")
        #expect(error.description == "libopus error -4 (corrupted stream): decode of a 3-byte packet")
        #expect(OpusError(code: -99).knownCode == nil)
    }
}
