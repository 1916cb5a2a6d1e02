import Testing
@testable import RTP

@Suite("RFC 4571 framing")
struct RFC4571Tests {
    @Test func frameAddsBigEndianLength() throws {
        #expect(try RFC4571.frame([1, 2, 3]) == [0, 3, 1, 2, 3])
        #expect(try RFC4571.frame([]) == [0, 0])
        let maximal = try RFC4571.frame(Array(repeating: 9, count: 65_535))
        #expect(maximal.prefix(2) == [0xff, 0xff])
        #expect(maximal.count == 65_537)
        #expect(throws: RFC4571Error.frameTooLarge) { try RFC4571.frame(Array(repeating: 0, count: 65_536)) }
    }

    @Test func deframesByteByByte() throws {
        let frames: [[UInt8]] = [[1], Array(0..<200).map { UInt8($0) }, [7, 7, 7]]
        let stream = try frames.flatMap { try RFC4571.frame($0) }
        var deframer = RFC4571Deframer()
        var received: [[UInt8]] = []
        for byte in stream {
            try deframer.append([byte])
            while let frame = deframer.nextFrame() { received.append(frame) }
        }
        #expect(received == frames)
        #expect(deframer.bufferedBytes == 0)
    }

    @Test func partialFrameWaits() throws {
        var deframer = RFC4571Deframer()
        try deframer.append([0x00])
        #expect(deframer.nextFrame() == nil)
        try deframer.append([0x03, 0xaa, 0xbb])
        #expect(deframer.nextFrame() == nil)
        #expect(deframer.bufferedBytes == 4)
        try deframer.append([0xcc, 0x00, 0x01, 0xdd])
        #expect(deframer.nextFrame() == [0xaa, 0xbb, 0xcc])
        #expect(deframer.nextFrame() == [0xdd])
        #expect(deframer.nextFrame() == nil)
    }

    @Test func maximumLengthFrameInOneAppend() throws {
        var deframer = RFC4571Deframer()
        let payload = (0..<65_535).map { UInt8(truncatingIfNeeded: $0) }
        try deframer.append(try RFC4571.frame(payload) + RFC4571.frame(payload))
        #expect(deframer.nextFrame() == payload)
        #expect(deframer.nextFrame() == payload)
        #expect(deframer.bufferedBytes == 0)
    }

    @Test func zeroLengthFramesAreSkippedAndCounted() throws {
        var deframer = RFC4571Deframer()
        try deframer.append([0, 0, 0, 0, 0, 1, 0x42, 0, 0])
        #expect(deframer.nextFrame() == [0x42])
        #expect(deframer.nextFrame() == nil)
        #expect(deframer.zeroLengthFrames == 3)
    }

    @Test func capExceededRejectsWholeAppend() throws {
        var deframer = RFC4571Deframer(maxBufferedBytes: 6)
        try deframer.append([0, 5, 1, 2])
        #expect(throws: RFC4571Error.bufferCapExceeded) { try deframer.append([3, 4, 5]) }
        #expect(deframer.bufferedBytes == 4)
        try deframer.append([3, 4])
        #expect(deframer.bufferedBytes == 6)
        #expect(deframer.nextFrame() == nil)  // Still needs one byte.
        try deframer.append([] as [UInt8])
        #expect(throws: RFC4571Error.bufferCapExceeded) { try deframer.append([5]) }
        #expect(RFC4571Error.bufferCapExceeded.reason == "buffer_cap_exceeded")
    }

    @Test func defaultCapHoldsTwoMaximalFrames() throws {
        var deframer = RFC4571Deframer()
        #expect(deframer.maxBufferedBytes == 131_074)
        try deframer.append(Array(repeating: 0xff, count: 131_074))
        #expect(throws: RFC4571Error.bufferCapExceeded) { try deframer.append([0]) }
    }
}
