import FuzzDriver
import FuzzSupport
import NIOCore
import Pipelines

/// The whole receive path of `jitterbug recv`: RTP/RTCP demultiplexing, A.1 probation, the
/// jitter buffer, Opus decoding with FEC/PLC and the RTCP receiver side, driven by a sequence
/// of fuzzed datagrams and playout ticks.
///
/// Input: byte 0 picks the configuration; then records of one step byte (bit 7: second source
/// address; bits 0-6: milliseconds to advance) and a 16-bit-length-prefixed datagram.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let options = input.byte()
    let rates = [48_000, 16_000, 8_000, 24_000]
    let configuration = AudioReceiverConfiguration(
        payloadType: options & 0x10 != 0 ? 111 : nil,
        outputSampleRate: rates[Int(options & 0x03)],
        outputChannels: options & 0x04 != 0 ? 2 : nil,
        maxStreams: options & 0x08 != 0 ? 1 : 4)
    var samplesWritten = 0
    let receiver = AudioReceiverCore(configuration: configuration) { samples, format in
        samplesWritten += samples.count
        fuzzCheck(samples.count % format.channels == 0, "partial frame written")
    }
    var now = Duration.seconds(1)
    let wallOrigin = Duration.seconds(1_700_000_000)
    while !input.isAtEnd {
        let step = input.byte()
        now += .milliseconds(Int(step & 0x7F))
        let datagram = input.record()
        let source = step & 0x80 != 0 ? secondSource : firstSource
        do {
            try receiver.tick(now: now)
            try receiver.receive(datagram, from: source, arrival: now, wallClock: wallOrigin + now)
        } catch {
            // Thrown errors (decoder setup) are a handled outcome, not a crash.
        }
    }
    // Drain what is buffered, as the runner does at the end of a stream.
    for _ in 0..<50 {
        now += .milliseconds(20)
        try? receiver.tick(now: now)
    }
    // `finish()` (the summary: histogram percentiles, quality estimate) runs for one input in
    // 16: it walks every histogram bucket, which would otherwise take most of the time.
    if input.bytes.count % 16 == 0 { _ = receiver.finish() }
    return 0
}

private let firstSource = makeSource(port: 40_000)
private let secondSource = makeSource(port: 40_002)

private func makeSource(port: Int) -> SocketAddress {
    // A literal address cannot fail to parse; the fallback only satisfies the type checker.
    (try? SocketAddress(ipAddress: "192.0.2.1", port: port)) ?? (try! SocketAddress(unixDomainSocketPath: "/x"))
}

@_cdecl("fuzz_receiver_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    jitterbug_fuzz_main(argc, argv)
}
