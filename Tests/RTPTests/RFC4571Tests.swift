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
            while let frame = try deframer.nextFrame() { received.append(frame) }
        }
        #expect(received == frames)
        #expect(deframer.bufferedBytes == 0)
    }

    @Test func partialFrameWaits() throws {
        var deframer = RFC4571Deframer()
        try deframer.append([0x00])
        #expect(try deframer.nextFrame() == nil)
        try deframer.append([0x03, 0xaa, 0xbb])
        #expect(try deframer.nextFrame() == nil)
        #expect(deframer.bufferedBytes == 4)
        try deframer.append([0xcc, 0x00, 0x01, 0xdd])
        #expect(try deframer.nextFrame() == [0xaa, 0xbb, 0xcc])
        #expect(try deframer.nextFrame() == [0xdd])
        #expect(try deframer.nextFrame() == nil)
    }

    @Test func maximumLengthFrameInOneAppend() throws {
        var deframer = RFC4571Deframer()
        let payload = (0..<65_535).map { UInt8(truncatingIfNeeded: $0) }
        try deframer.append(try RFC4571.frame(payload) + RFC4571.frame(payload))
        #expect(try deframer.nextFrame() == payload)
        #expect(try deframer.nextFrame() == payload)
        #expect(deframer.bufferedBytes == 0)
    }

    @Test func zeroLengthFramesAreSkippedAndCounted() throws {
        var deframer = RFC4571Deframer()
        try deframer.append([0, 0, 0, 0, 0, 1, 0x42, 0, 0])
        #expect(try deframer.nextFrame() == [0x42])
        #expect(try deframer.nextFrame() == nil)
        #expect(deframer.zeroLengthFrames == 3)
    }

    @Test func capExceededRejectsWholeAppend() throws {
        var deframer = RFC4571Deframer(maxBufferedBytes: 6)
        try deframer.append([0, 4, 1, 2])
        #expect(throws: RFC4571Error.bufferCapExceeded) { try deframer.append([3, 4, 5]) }
        #expect(deframer.bufferedBytes == 4)
        try deframer.append([3])
        #expect(try deframer.nextFrame() == nil)  // Still needs one byte.
        try deframer.append([4])
        #expect(deframer.bufferedBytes == 6)
        try deframer.append([] as [UInt8])
        #expect(throws: RFC4571Error.bufferCapExceeded) { try deframer.append([5]) }
        #expect(try deframer.nextFrame() == [1, 2, 3, 4])
        #expect(RFC4571Error.bufferCapExceeded.reason == "buffer_cap_exceeded")
    }

    @Test func prefixAnnouncingAFrameBeyondTheCapFailsAtOnce() throws {
        var deframer = RFC4571Deframer(maxBufferedBytes: 6)
        try deframer.append([0, 5, 1])  // 2 + 5 > 6: can never complete.
        #expect(throws: RFC4571Error.bufferCapExceeded) { try deframer.nextFrame() }
    }

    @Test func stepSaysWhatTheStreamStartsWith() throws {
        let framing = RFC4571Framing(maxBufferedBytes: 16, requiresRTPVersion2: true)
        #expect(try framing.step([] as [UInt8]) == .needMoreData)
        #expect(try framing.step([0]) == .needMoreData)
        #expect(try framing.step([0, 0, 0x80]) == .zeroLengthFrame)
        #expect(try framing.step([0, 2, 0x80]) == .needMoreData)
        #expect(try framing.step([0, 2, 0x80, 0x00, 0x99]) == .frame(payloadBytes: 2))
        #expect(RFC4571Step.frame(payloadBytes: 2).consumedBytes == 4)
        #expect(throws: RFC4571Error.notRTPVersion2) { try framing.step([0, 1, 0x40]) }
        #expect(throws: RFC4571Error.bufferCapExceeded) { try framing.step([0, 15]) }
        #expect(throws: RFC4571Error.bufferCapExceeded) { try framing.step([UInt8](repeating: 0, count: 17)) }
        // The version check looks at complete frames only, and only when asked for.
        #expect(try RFC4571Framing(requiresRTPVersion2: false).step([0, 1, 0x40]) == .frame(payloadBytes: 1))
        #expect(RFC4571Framing(maxBufferedBytes: 0, requiresRTPVersion2: false).maxBufferedBytes == 3)
    }

    @Test func deframerChecksTheVersionWhenAsked() throws {
        var deframer = RFC4571Deframer(requiresRTPVersion2: true)
        try deframer.append([0, 1, 0x80, 0, 1, 0x47])
        #expect(try deframer.nextFrame() == [0x80])
        #expect(throws: RFC4571Error.notRTPVersion2) { try deframer.nextFrame() }
    }

    @Test func defaultCapHoldsTwoMaximalFrames() throws {
        var deframer = RFC4571Deframer()
        #expect(deframer.maxBufferedBytes == 131_074)
        try deframer.append(Array(repeating: 0xff, count: 131_074))
        #expect(throws: RFC4571Error.bufferCapExceeded) { try deframer.append([0]) }
    }
}
