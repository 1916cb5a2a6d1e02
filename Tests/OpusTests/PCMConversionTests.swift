import Testing
@testable import Opus

@Suite struct PCMConversionTests {
    @Test func int16FloatScaling() {
        #expect(PCMConversion.float(fromInt16: [-32_768, 0, 16_384, 32_767]) == [-1, 0, 0.5, 32_767.0 / 32_768])
        #expect(PCMConversion.int16(fromFloat: [-1, 0, 0.5, 1, 2, -3, .nan]) == [-32_768, 0, 16_384, 32_767, 32_767, -32_768, 0])
    }

    @Test func everyInt16RoundTripsExactly() {
        let all = (Int(Int16.min)...Int(Int16.max)).map { Int16($0) }
        #expect(PCMConversion.int16(fromFloat: PCMConversion.float(fromInt16: all)) == all)
    }

    @Test func interleaveAndDeinterleave() throws {
        #expect(try PCMConversion.interleave([[1, 2, 3], [4, 5, 6]]) == [1, 4, 2, 5, 3, 6])
        #expect(try PCMConversion.deinterleave([1, 4, 2, 5, 3, 6], channelCount: 2) == [[1, 2, 3], [4, 5, 6]])
        #expect(try PCMConversion.deinterleave([7, 8], channelCount: 1) == [[7, 8]])
        #expect(throws: PCMConversionError.channelLengthMismatch(channel: 1, count: 1, expected: 2)) {
            try PCMConversion.interleave([[1, 2], [3]])
        }
        #expect(throws: PCMConversionError.noChannels) { try PCMConversion.interleave([[Int]]()) }
        #expect(throws: PCMConversionError.sampleCountNotMultiple(count: 3, channelCount: 2)) {
            try PCMConversion.deinterleave([1, 2, 3], channelCount: 2)
        }
        #expect(throws: PCMConversionError.noChannels) { try PCMConversion.deinterleave([1], channelCount: 0) }
    }
}
