import FuzzDriver
import FuzzSupport
import RTP

/// RFC 4571 deframer fed in fuzz-chosen chunk sizes, checked against a one-shot reference
/// deframer over the same stream.
///
/// Input: byte 0 picks the buffer cap (small caps exercise `bufferCapExceeded`), byte 1 seeds
/// the chunk sizes; the rest is the TCP byte stream.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let capChoice = input.byte()
    var chunkState = UInt32(input.byte()) | 1
    let stream = input.take(input.remaining)
    // 0 → default cap; otherwise a small cap of 2...256 bytes.
    let cap = capChoice == 0 ? 2 * 65_537 : 2 + Int(capChoice)
    var deframer = RFC4571Deframer(maxBufferedBytes: cap)
    var frames: [[UInt8]] = []
    var offset = 0
    var capHit = false
    while offset < stream.count {
        // xorshift: deterministic chunk sizes 1...64 from the seed byte.
        chunkState ^= chunkState << 13
        chunkState ^= chunkState >> 17
        chunkState ^= chunkState << 5
        let end = min(stream.count, offset + 1 + Int(chunkState % 64))
        do {
            try deframer.append(stream[offset..<end])
        } catch {
            fuzzCheck(deframer.bufferedBytes + (end - offset) > cap, "cap error below the cap")
            capHit = true
            break
        }
        offset = end
        while let frame = deframer.nextFrame() { frames.append(frame) }
        fuzzCheck(deframer.bufferedBytes <= cap, "buffered \(deframer.bufferedBytes) > cap \(cap)")
    }
    // The reference sees only the bytes the deframer accepted.
    let (expected, zeros) = referenceFrames(Array(stream[0..<offset]))
    fuzzCheck(frames == expected, "deframer disagrees with the reference (cap hit: \(capHit))")
    fuzzCheck(deframer.zeroLengthFrames == zeros, "zero-length count \(deframer.zeroLengthFrames) != \(zeros)")
    // Re-framing what came out reproduces the consumed part of the stream.
    var reframed: [UInt8] = []
    for frame in frames { reframed += (try? RFC4571.frame(frame)) ?? [] }
    fuzzCheck(reframed.count + 2 * zeros + deframer.bufferedBytes == offset, "bytes lost or invented")
    return 0
}

/// Straightforward whole-stream deframing: complete frames in order, zero-length ones counted.
private func referenceFrames(_ stream: [UInt8]) -> (frames: [[UInt8]], zeroLength: Int) {
    var frames: [[UInt8]] = []
    var zeros = 0
    var index = 0
    while stream.count - index >= 2 {
        let length = Int(stream[index]) << 8 | Int(stream[index + 1])
        guard stream.count - index - 2 >= length else { break }
        if length == 0 { zeros += 1 } else { frames.append(Array(stream[(index + 2)..<(index + 2 + length)])) }
        index += 2 + length
    }
    return (frames, zeros)
}

@_cdecl("fuzz_rfc4571_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    jitterbug_fuzz_main(argc, argv)
}
