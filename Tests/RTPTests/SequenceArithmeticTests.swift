import Testing
@testable import RTP

@Suite("Sequence and timestamp arithmetic")
struct SequenceArithmeticTests {
    @Test func distanceAcrossWrap() {
        #expect(SequenceArithmetic.distance(from: 65_535, to: 0) == 1)
        #expect(SequenceArithmetic.distance(from: 0, to: 65_535) == -1)
        #expect(SequenceArithmetic.distance(from: 10, to: 5) == -5)
        #expect(SequenceArithmetic.distance(from: 0, to: 32_767) == 32_767)
        #expect(SequenceArithmetic.distance(from: 0, to: 32_768) == -32_768)
    }

    @Test func isNewer() {
        #expect(SequenceArithmetic.isNewer(0, than: 65_535))
        #expect(!SequenceArithmetic.isNewer(65_535, than: 0))
        #expect(!SequenceArithmetic.isNewer(7, than: 7))
        #expect(SequenceArithmetic.isNewer(100, than: 99))
    }

    @Test func timestampDistanceHasInt32Semantics() {
        #expect(SequenceArithmetic.timestampDistance(from: 0xFFFF_FFF0, to: 0x10) == 32)
        #expect(SequenceArithmetic.timestampDistance(from: 0x10, to: 0xFFFF_FFF0) == -32)
        #expect(SequenceArithmetic.timestampDistance(from: 0, to: 0x8000_0000) == -2_147_483_648)
        #expect(SequenceArithmetic.timestampDistance(from: 0, to: 0x7FFF_FFFF) == 2_147_483_647)
        #expect(SequenceArithmetic.isNewer(timestamp: 960, than: 0xFFFF_FC40))
    }
}
