import NIOCore
import NIOEmbedded
import NIOTestUtils
import RTP
import Testing

#if canImport(TCPTransport)
import TCPTransport
#else
import Transport
#endif

/// Counts the decoder's zero-length-frame events and passes everything else on.
private final class ZeroLengthCounter: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    var count = 0

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is RFC4571FrameDecoder.ZeroLengthFrame { count += 1 } else { context.fireUserInboundEventTriggered(event) }
    }
}

@Suite("RFC 4571 NIO codec")
struct TCPFramingTests {
    private func decoderChannel(
        maxBufferedBytes: Int = RFC4571FrameDecoder.defaultMaxBufferedBytes, requiresRTPVersion2: Bool = true
    ) throws -> (EmbeddedChannel, ZeroLengthCounter) {
        let channel = EmbeddedChannel()
        let counter = ZeroLengthCounter()
        try channel.pipeline.syncOperations.addHandler(
            ByteToMessageHandler(
                RFC4571FrameDecoder(maxBufferedBytes: maxBufferedBytes, requiresRTPVersion2: requiresRTPVersion2)))
        try channel.pipeline.syncOperations.addHandler(counter)
        return (channel, counter)
    }

    private func readFrames(_ channel: EmbeddedChannel) throws -> [[UInt8]] {
        var frames: [[UInt8]] = []
        while let buffer = try channel.readInbound(as: ByteBuffer.self) {
            frames.append(Array(buffer.readableBytesView))
        }
        return frames
    }

    @Test("frames split byte by byte come out whole, each when its last byte arrives")
    func byteByByte() throws {
        let (channel, _) = try decoderChannel()
        let payloads = [
            TCPTestSupport.rtpFrame(sequence: 1, size: 12), TCPTestSupport.rtpFrame(sequence: 2, size: 1),
            TCPTestSupport.rtpFrame(sequence: 3, size: 300),
        ]
        var decoded: [[UInt8]] = []
        for payload in payloads {
            let wire = TCPTestSupport.framed(payload)
            for (index, byte) in wire.enumerated() {
                try channel.writeInbound(ByteBuffer(bytes: [byte]))
                let out = try readFrames(channel)
                if index < wire.count - 1 { #expect(out.isEmpty) } else { #expect(out.count == 1) }
                decoded += out
            }
        }
        #expect(decoded == payloads)
        #expect(try channel.finish().isClean)
    }

    @Test("several frames in one read, and a 65 535-byte frame, are decoded intact")
    func batchedAndMaximal() throws {
        let (channel, _) = try decoderChannel()
        let big = TCPTestSupport.rtpFrame(sequence: 9, size: 65_535)
        let small = TCPTestSupport.rtpFrame(sequence: 10, size: 40)
        try channel.writeInbound(ByteBuffer(bytes: TCPTestSupport.framed(small) + TCPTestSupport.framed(big)))
        // 0xFF 0xFF announces the largest frame RFC 4571 allows.
        #expect(TCPTestSupport.framed(big).prefix(2) == [0xFF, 0xFF])
        #expect(try readFrames(channel) == [small, big])
        #expect(try channel.finish().isClean)
    }

    @Test("zero-length frames are skipped and counted")
    func zeroLength() throws {
        let (channel, counter) = try decoderChannel()
        let payload = TCPTestSupport.rtpFrame(sequence: 5, size: 8)
        try channel.writeInbound(ByteBuffer(bytes: [0, 0, 0, 0] + TCPTestSupport.framed(payload) + [0, 0]))
        #expect(try readFrames(channel) == [payload])
        #expect(counter.count == 3)
        #expect(try channel.finish().isClean)
    }

    @Test("every split the NIO verifier tries gives the same frames")
    func verifierSplits() throws {
        let first = TCPTestSupport.rtpFrame(sequence: 1, size: 12)
        let second = TCPTestSupport.rtpFrame(sequence: 2, size: 1)
        let third = TCPTestSupport.rtpFrame(sequence: 3, size: 300)
        let pairs: [(ByteBuffer, [ByteBuffer])] = [
            (ByteBuffer(bytes: TCPTestSupport.framed(first)), [ByteBuffer(bytes: first)]),
            (
                ByteBuffer(bytes: [0, 0] + TCPTestSupport.framed(second) + [0, 0] + TCPTestSupport.framed(third)),
                [ByteBuffer(bytes: second), ByteBuffer(bytes: third)]
            ),
        ]
        try ByteToMessageDecoderVerifier.verifyDecoder(inputOutputPairs: pairs) { RFC4571FrameDecoder() }
    }

    @Test("a length larger than the data so far waits for the rest")
    func waitsForRest() throws {
        let (channel, _) = try decoderChannel()
        let payload = TCPTestSupport.rtpFrame(sequence: 7, size: 256)
        let wire = TCPTestSupport.framed(payload)
        #expect(wire.prefix(2) == [0x01, 0x00])
        try channel.writeInbound(ByteBuffer(bytes: wire.prefix(100)))
        #expect(try readFrames(channel).isEmpty)
        try channel.writeInbound(ByteBuffer(bytes: wire.dropFirst(100)))
        #expect(try readFrames(channel) == [payload])
        #expect(try channel.finish().isClean)
    }

    @Test("a partial frame at end of stream is discarded without error")
    func partialAtEOF() throws {
        let (channel, _) = try decoderChannel()
        try channel.writeInbound(ByteBuffer(bytes: [0x01, 0x00, 0x80, 0x60]))
        #expect(try readFrames(channel).isEmpty)
        #expect(try channel.finish().isClean)
    }

    @Test("HTTP bytes are not RTP: rejected once the announced frame has arrived")
    func httpGarbageNotRTP() throws {
        let (channel, _) = try decoderChannel()
        let request = Array("GET / HTTP/1.1\r\nHost: example\r\n\r\n".utf8)
        // "GE" = 0x4745 announces 18 245 bytes; the frame then starts with "T" (0x54, version 1).
        var sent = 0
        var failure: RFC4571Error?
        while failure == nil, sent < 40_000 {
            do {
                try channel.writeInbound(ByteBuffer(bytes: request))
                sent += request.count
            } catch let error as RFC4571Error {
                sent += request.count
                failure = error
            }
        }
        #expect(failure == .notRTPVersion2)
        #expect(sent >= 2 + 0x4745)
        #expect(sent < 2 + 0x4745 + request.count)
        _ = try? channel.finish()
    }

    @Test("without the version check, a flood larger than the cap in one read exceeds the cap")
    func floodExceedsCap() throws {
        let (channel, _) = try decoderChannel(requiresRTPVersion2: false)
        let garbage = [UInt8](repeating: 0x47, count: RFC4571FrameDecoder.defaultMaxBufferedBytes + 1)
        #expect(throws: RFC4571Error.bufferCapExceeded) {
            try channel.writeInbound(ByteBuffer(bytes: garbage))
        }
        _ = try? channel.finish()
    }

    @Test("under a small cap, a prefix announcing a frame that cannot fit fails at once")
    func prefixBeyondCap() throws {
        let (channel, _) = try decoderChannel(maxBufferedBytes: 1_024)
        // 0x0400 = 1 024 payload bytes + 2 prefix bytes > 1 024.
        #expect(throws: RFC4571Error.bufferCapExceeded) {
            try channel.writeInbound(ByteBuffer(bytes: [0x04, 0x00, 0x80]))
        }
        _ = try? channel.finish()
        // 0x03FE = 1 022 + 2 = 1 024 fits exactly.
        let (fits, _) = try decoderChannel(maxBufferedBytes: 1_024)
        let payload = TCPTestSupport.rtpFrame(sequence: 1, size: 1_022)
        try fits.writeInbound(ByteBuffer(bytes: TCPTestSupport.framed(payload)))
        #expect(try readFrames(fits) == [payload])
        #expect(try fits.finish().isClean)
    }

    @Test("the encoder writes a big-endian length then the payload; over 65 535 bytes fails")
    func encoder() throws {
        let channel = EmbeddedChannel(handler: MessageToByteHandler(RFC4571FrameEncoder()))
        try channel.writeOutbound(ByteBuffer(bytes: [0x80, 0xC9, 0x01]))
        let out = try #require(try channel.readOutbound(as: ByteBuffer.self))
        #expect(Array(out.readableBytesView) == [0x00, 0x03, 0x80, 0xC9, 0x01])
        try channel.writeOutbound(ByteBuffer(bytes: [UInt8](repeating: 0x80, count: 300)))
        let long = try #require(try channel.readOutbound(as: ByteBuffer.self))
        #expect(Array(long.readableBytesView.prefix(2)) == [0x01, 0x2C])
        #expect(long.readableBytes == 302)
        #expect(throws: RFC4571Error.frameTooLarge) {
            try channel.writeOutbound(ByteBuffer(bytes: [UInt8](repeating: 0x80, count: 65_536)))
        }
        _ = try? channel.finish()
    }
}
