import Testing
@testable import Opus

/// Packet inspection against TOC bytes decoded by hand from RFC 6716 §3.1-3.2 (Tables 2 and 4):
/// TOC = config(5 bits) | stereo(1) | code(2).
@Suite struct OpusPacketTests {
    @Test func silkNarrowband20msMonoCode0() throws {
        let packet: [UInt8] = [0x08, 0xAA, 0xBB, 0xCC]  // config 1 = SILK NB 20 ms, mono, code 0
        #expect(try OpusPacket.mode(packet) == .silk)
        #expect(try OpusPacket.bandwidth(packet) == .narrowband)
        #expect(try OpusPacket.channelCount(packet) == 1)
        #expect(try OpusPacket.frameCount(packet) == 1)
        #expect(try OpusPacket.samplesPerFrame(packet, sampleRate: 48_000) == 960)
        #expect(try OpusPacket.sampleCount(packet, sampleRate: 8_000) == 160)
        #expect(try OpusPacket.frameByteCounts(packet) == [3])
    }

    @Test func celtFullband20msStereoCode3ThreeFrames() throws {
        // config 31 = CELT FB 20 ms, stereo, code 3; count byte 0x03: CBR, no padding, M = 3.
        let packet: [UInt8] = [0xFF, 0x03, 1, 2, 3, 4, 5, 6]
        #expect(try OpusPacket.mode(packet) == .celt)
        #expect(try OpusPacket.bandwidth(packet) == .fullband)
        #expect(try OpusPacket.channelCount(packet) == 2)
        #expect(try OpusPacket.frameCount(packet) == 3)
        #expect(try OpusPacket.sampleCount(packet, sampleRate: 48_000) == 2_880)
        #expect(try OpusPacket.frameByteCounts(packet) == [2, 2, 2])
        #expect(try !OpusPacket.hasLBRR(packet))
    }

    @Test func otherConfigurations() throws {
        #expect(try OpusPacket.mode([0x60]) == .hybrid)  // config 12: hybrid SWB 10 ms
        #expect(try OpusPacket.bandwidth([0x60]) == .superwideband)
        #expect(try OpusPacket.samplesPerFrame([0x60], sampleRate: 48_000) == 480)
        #expect(try OpusPacket.bandwidth([0x80]) == .narrowband)  // config 16: CELT NB 2.5 ms
        #expect(try OpusPacket.samplesPerFrame([0x80], sampleRate: 8_000) == 20)
        #expect(try OpusPacket.bandwidth([0x28]) == .mediumband)  // config 5: SILK MB 20 ms
        #expect(try OpusPacket.bandwidth([0x48]) == .wideband)  // config 9: SILK WB 20 ms
        #expect(try OpusPacket.bandwidth([0x68]) == .superwideband)  // config 13: hybrid SWB 20 ms
        #expect(try OpusPacket.bandwidth([0x78]) == .fullband)  // config 15: hybrid FB 20 ms
        #expect(try OpusPacket.bandwidth([0xA8]) == .wideband)  // config 21: CELT WB 10 ms
        // Code 1: two equal frames; code 2: first length byte then the rest.
        #expect(try OpusPacket.frameByteCounts([0x09, 1, 2, 3, 4]) == [2, 2])
        #expect(try OpusPacket.sampleCount([0x09, 1, 2, 3, 4], sampleRate: 48_000) == 1_920)
        #expect(try OpusPacket.frameByteCounts([0x0A, 0x02, 1, 2, 3]) == [2, 1])
        #expect(OpusBandwidth.wideband.audioBandwidthHertz == 8_000)
    }

    @Test func lbrrFlagFollowsVADFlags() throws {
        // RFC 6716 §4.2.3: per channel, one VAD flag per SILK frame, then the LBRR flag.
        #expect(try OpusPacket.hasLBRR([0x08, 0b0100_0000]))  // 20 ms mono: VAD 0, LBRR 1
        #expect(try !OpusPacket.hasLBRR([0x08, 0b1011_1111]))  // VAD 1, LBRR 0
        #expect(try OpusPacket.hasLBRR([0x10, 0b0010_0000]))  // 40 ms (2 SILK frames): LBRR is bit 5
        #expect(try !OpusPacket.hasLBRR([0x10, 0b1101_1111]))
        #expect(try OpusPacket.hasLBRR([0x18, 0b0001_0000]))  // 60 ms (3 SILK frames): bit 4
        #expect(try OpusPacket.hasLBRR([0x0C, 0b0001_0000]))  // 20 ms stereo: side LBRR is bit 4
        #expect(try !OpusPacket.hasLBRR([0x0C, 0b1010_1111]))
        #expect(try OpusPacket.hasLBRR([0x60, 0b0100_0000]))  // hybrid
        #expect(try !OpusPacket.hasLBRR([0x08]))  // empty frame (DTX)
        #expect(try !OpusPacket.hasLBRR([0xF8, 0xFF]))  // CELT never has LBRR
    }

    /// Each violates one of RFC 6716 §3.4's requirements.
    static let malformed: [(name: String, bytes: [UInt8])] = [
        ("R2 code 0 frame over 1275 bytes", [0x08] + [UInt8](repeating: 0x55, count: 1_276)),
        ("R3 code 1 odd payload", [0x09, 1, 2, 3]),
        ("R4 code 2 first length beyond packet", [0x0A, 0x05, 1, 2]),
        ("R5 code 3 zero frames", [0x0B, 0x00]),
        ("R5 code 3 over 120 ms", [0x0B, 0x07] + [UInt8](repeating: 1, count: 14)),
        ("R6 code 3 CBR not divisible", [0x0B, 0x03, 1, 2, 3, 4]),
        ("code 3 without count byte", [0x03]),
    ]

    @Test(arguments: malformed.indices)
    func malformedPacketsThrowInsteadOfCrashing(_ index: Int) throws {
        let (name, bytes) = Self.malformed[index]
        #expect(throws: OpusError.self, "\(name): parse") { try OpusPacket.frameByteCounts(bytes) }
        let decoder = try OpusDecoder(sampleRate: 48_000, channels: 2)
        let error = #expect(throws: OpusError.self, "\(name): decode") { try decoder.decode(bytes) }
        #expect(error?.knownCode == .invalidPacket, "\(name): \(String(describing: error))")
        // The decoder is still usable afterwards.
        #expect(try decoder.decode([0x08]).count == 1_920)
    }

    @Test func emptyPacketsThrowEverywhere() throws {
        #expect(throws: OpusError.self) { try OpusPacket.sampleCount([], sampleRate: 48_000) }
        #expect(throws: OpusError.self) { try OpusPacket.frameCount([]) }
        #expect(throws: OpusError.self) { try OpusPacket.bandwidth([]) }
        #expect(throws: OpusError.self) { try OpusPacket.channelCount([]) }
        #expect(throws: OpusError.self) { try OpusPacket.hasLBRR([]) }
        #expect(throws: OpusError.self) { try OpusPacket.sampleCount([0x08], sampleRate: 44_100) }
        let decoder = try OpusDecoder(sampleRate: 48_000, channels: 1)
        let error = #expect(throws: OpusError.self) { try decoder.decode([]) }
        #expect(error?.knownCode == .badArgument)
        #expect(throws: OpusError.self) { try decoder.decodeFloat([]) }
    }

    /// Random bytes (fixed-seed LCG) never trap; whatever decodes has the length the TOC implies.
    @Test func randomBytesDecodeOrThrow() throws {
        var seed: UInt64 = 0x1234_5678
        func next() -> UInt8 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: seed >> 33)
        }
        let decoder = try OpusDecoder(sampleRate: 48_000, channels: 2)
        var decoded = 0, rejected = 0
        for _ in 0..<300 {
            let packet = (0..<(1 + Int(next()) % 80)).map { _ in next() }
            do {
                let pcm = try decoder.decode(packet)
                #expect(pcm.count == 2 * (try OpusPacket.sampleCount(packet, sampleRate: 48_000)))
                decoded += 1
            } catch {
                #expect(error.knownCode == .invalidPacket)
                rejected += 1
            }
        }
        #expect(decoded > 0 && rejected > 0, "decoded \(decoded), rejected \(rejected)")
    }
}
