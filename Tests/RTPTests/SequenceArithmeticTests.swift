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

    @Test func unwrapperForwardWrap() {
        var unwrapper = SequenceUnwrapper()
        #expect([65_534, 65_535, 0, 1].map { unwrapper.unwrap($0) } == [65_534, 65_535, 65_536, 65_537])
        #expect(unwrapper.unwrap(65_535) == 65_535)  // Late packet from before the wrap.
        #expect(unwrapper.lastExtended == 65_535)
        #expect(unwrapper.unwrap(2) == 65_538)
    }

    @Test func unwrapperBackwardWrapGoesNegative() {
        var unwrapper = SequenceUnwrapper()
        #expect(unwrapper.unwrap(0) == 0)
        #expect(unwrapper.peek(65_535) == -1)
        #expect(unwrapper.lastExtended == 0)
        #expect(unwrapper.unwrap(65_535) == -1)
    }

    @Test func unwrapperManyCycles() {
        var unwrapper = SequenceUnwrapper()
        var raw: UInt16 = 60_000
        let start = unwrapper.unwrap(raw)
        for step in 1...300_000 {
            raw &+= 1
            let extended = unwrapper.unwrap(raw)
            if extended != start + Int64(step) {
                Issue.record("step \(step): \(extended)")
                return
            }
        }
        #expect(unwrapper.lastExtended == 360_000)
    }

    @Test func timestampUnwrapper() {
        var unwrapper = TimestampUnwrapper()
        #expect(unwrapper.unwrap(0xFFFF_FC40) == 0xFFFF_FC40)
        #expect(unwrapper.unwrap(0) == 0x1_0000_0000)
        #expect(unwrapper.unwrap(960) == 0x1_0000_0000 + 960)
        #expect(unwrapper.unwrap(0xFFFF_FC40) == 0xFFFF_FC40)
    }
}
