import Testing
import Impairment

@Suite struct DuplicateCorruptTests {
    @Test func duplicateFraction() throws {
        let decisions = try runEngine("duplicate=5%,delay=10ms,jitter=5ms", seed: 31, count: 100_000)
        let duplicated = decisions.filter(\.isDuplicated)
        #expect(relativeError(Double(duplicated.count) / 100_000, 0.05) < 0.05)
        #expect(decisions.allSatisfy { !$0.isDropped && $0.deliveries.count <= 2 })
        #expect(duplicated.contains { $0.deliveries[0].deliverAt != $0.deliveries[1].deliverAt },
            "each copy draws its own delay")
    }

    @Test func corruptFractionAndBits() throws {
        let size = 200
        let decisions = try runEngine("corrupt=5%", seed: 32, count: 100_000, sizeBytes: size)
        let corruptions = decisions.compactMap { $0.deliveries.first?.corruption }
        #expect(relativeError(Double(corruptions.count) / 100_000, 0.05) < 0.05)
        #expect(corruptions.allSatisfy { (0..<size).contains($0.byteIndex) && $0.bitMask.nonzeroBitCount == 1 })
        #expect(Set(corruptions.map(\.bitMask)).count == 8)
        #expect(Set(corruptions.map(\.byteIndex)).count > 190)
    }

    @Test func zeroSizePacketsAreNeverCorrupted() throws {
        let decisions = try runEngine("corrupt=100%", count: 100, sizeBytes: 0)
        #expect(decisions.allSatisfy { !$0.isCorrupted })
        #expect(try runEngine("corrupt=100%", count: 100, sizeBytes: -5).allSatisfy { $0.sizeBytes == 0 })
    }

    @Test func applyingCorruptionFlipsExactlyThatBit() {
        let payload: [UInt8] = [0x00, 0xFF, 0x5A]
        let corruption = BitCorruption(byteIndex: 2, bitMask: 0x08)
        #expect(corruption.applied(to: payload) == [0x00, 0xFF, 0x52])
        var bytes = payload
        #expect(corruption.apply(to: &bytes))
        #expect(corruption.apply(to: &bytes), "flipping twice restores")
        #expect(bytes == payload)
        var slice = payload[1...]
        #expect(BitCorruption(byteIndex: 0, bitMask: 0x80).apply(to: &slice))
        #expect(Array(slice) == [0x7F, 0x5A])
        var short: [UInt8] = [1, 2]
        #expect(!corruption.apply(to: &short))
        #expect(short == [1, 2])
        #expect(!BitCorruption(byteIndex: -1, bitMask: 1).apply(to: &short))
    }
}
