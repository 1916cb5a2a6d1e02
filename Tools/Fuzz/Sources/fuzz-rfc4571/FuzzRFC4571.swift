import FuzzDriver
import FuzzSupport
import RTP

/// The shipped RFC 4571 receive logic, `RFC4571Framing.step` (what the transport's NIO decoder
/// calls on a ByteBuffer's readable bytes), driven the way `ByteToMessageHandler` drives it: append
/// a read of fuzz-chosen size, step until it needs more data. Checked against a naive whole-stream
/// deframer over the same bytes.
///
/// Input: byte 0 picks the buffer cap (small caps exercise `bufferCapExceeded`); byte 1 seeds the
/// read sizes, its top bit turns on the RTP version 2 check; the rest is the TCP byte stream.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let capChoice = input.byte()
    let seed = input.byte()
    var chunkState = UInt32(seed) | 1
    let stream = input.take(input.remaining)
    // 0 → default cap; otherwise a small cap of 3...257 bytes.
    let cap = capChoice == 0 ? RFC4571Framing.defaultMaxBufferedBytes : 2 + Int(capChoice)
    let framing = RFC4571Framing(maxBufferedBytes: cap, requiresRTPVersion2: seed & 0x80 != 0)
    var frames: [[UInt8]] = []
    var zeros = 0
    var consumed = 0  // Bytes of `stream` the steps consumed.
    var received = 0  // Bytes of `stream` handed over so far.
    var failure: RFC4571Error?
    reading: while received < stream.count {
        // xorshift: deterministic read sizes 1...64 from the seed byte.
        chunkState ^= chunkState << 13
        chunkState ^= chunkState >> 17
        chunkState ^= chunkState << 5
        received = min(stream.count, received + 1 + Int(chunkState % 64))
        while true {
            let step: RFC4571Step
            do {
                step = try framing.step(stream[consumed..<received])
            } catch {
                failure = error
                break reading
            }
            if case .frame(let payloadBytes) = step {
                fuzzCheck((1...RFC4571.maxFrameLength).contains(payloadBytes), "frame of \(payloadBytes) bytes")
                let start = consumed + RFC4571Framing.prefixBytes
                frames.append(Array(stream[start..<(start + payloadBytes)]))
            }
            if step == .zeroLengthFrame { zeros += 1 }
            if step == .needMoreData { break }
            consumed += step.consumedBytes
        }
        fuzzCheck(received - consumed <= cap, "holding \(received - consumed) bytes > cap \(cap)")
    }
    // Whatever happened, the frames so far are the reference's frames of the consumed bytes.
    let reference = referenceFrames(Array(stream[0..<consumed]))
    fuzzCheck(frames == reference.frames, "frames disagree with the reference (failure: \(String(describing: failure)))")
    fuzzCheck(zeros == reference.zeroLength, "zero-length count \(zeros) != \(reference.zeroLength)")
    fuzzCheck(reference.consumed == consumed, "consumed \(consumed), reference \(reference.consumed)")
    let rest = Array(stream[consumed..<received])
    let announced = rest.count >= 2 ? Int(rest[0]) << 8 | Int(rest[1]) : 0
    switch failure {
    case nil:
        // Only an incomplete frame may be left, and it fits under the cap.
        fuzzCheck(rest.count < 2 || (announced > 0 && rest.count < 2 + announced), "a complete frame was left")
        fuzzCheck(2 + announced <= cap, "waiting for a frame beyond the cap")
        if framing.requiresRTPVersion2 {
            fuzzCheck(frames.allSatisfy { $0[0] >> 6 == 2 }, "a non-RTP frame passed the version check")
        }
    case .bufferCapExceeded:
        fuzzCheck(rest.count > cap || 2 + announced > cap, "cap error below the cap")
    case .notRTPVersion2:
        fuzzCheck(framing.requiresRTPVersion2 && announced > 0 && rest.count >= 2 + announced && rest[2] >> 6 != 2,
                  "version error without a complete non-RTP frame")
    case .frameTooLarge:
        fuzzCheck(false, "frameTooLarge is a send-side error")
    }
    // Re-framing what came out reproduces the consumed part of the stream.
    var reframed: [UInt8] = []
    for frame in frames { reframed += (try? RFC4571.frame(frame)) ?? [] }
    fuzzCheck(reframed.count + 2 * zeros == consumed, "bytes lost or invented")
    return 0
}

/// Straightforward whole-stream deframing: complete frames in order, zero-length ones counted.
private func referenceFrames(_ stream: [UInt8]) -> (frames: [[UInt8]], zeroLength: Int, consumed: Int) {
    var frames: [[UInt8]] = []
    var zeros = 0
    var index = 0
    while stream.count - index >= 2 {
        let length = Int(stream[index]) << 8 | Int(stream[index + 1])
        guard stream.count - index - 2 >= length else { break }
        if length == 0 { zeros += 1 } else { frames.append(Array(stream[(index + 2)..<(index + 2 + length)])) }
        index += 2 + length
    }
    return (frames, zeros, index)
}

@_cdecl("fuzz_rfc4571_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    jitterbug_fuzz_main(argc, argv)
}
