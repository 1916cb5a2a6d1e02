import Capture
import FuzzDriver
import FuzzSupport

/// The capture reader (`CaptureReader(bytes:name:)`) over arbitrary bytes: pcap, pcapng and
/// gzip headers, every link type, IPv4/IPv6, UDP and TCP reassembly. Every input must end with
/// packets and counters or a `CaptureError` — never a crash, a hang or unbounded memory — and:
/// the counters add up, payloads are within their protocol's bounds, frame numbers are records
/// that were read, and a second read of the same bytes gives the same result.
///
/// Input: the whole capture file (seeds in Corpus/fuzz-capture, written by make-capture-seeds.py).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let first = read(bytes)
    let second = read(bytes)
    fuzzCheck(first == second, "two reads of the same bytes differ")
    return 0
}

/// What one read produced.
private struct Outcome: Equatable {
    var packets: [String] = []
    var counters = CaptureCounters()
    var error: String?
}

private func read(_ bytes: [UInt8]) -> Outcome {
    var outcome = Outcome()
    var reader: CaptureReader
    do {
        reader = try CaptureReader(bytes: bytes, name: "fuzz")
    } catch {
        outcome.error = error.description
        return outcome
    }
    do {
        while let packet = try reader.next() {
            let limit = packet.transport == .udp ? 65_535 - 8 : 65_535
            fuzzCheck(packet.payload.count <= limit, "payload of \(packet.payload.count) bytes over \(packet.transport)")
            fuzzCheck(packet.transport == .udp || !packet.payload.isEmpty, "empty TCP frame")
            fuzzCheck([4, 16].contains(packet.source.address.count), "source address of \(packet.source.address.count) bytes")
            fuzzCheck(packet.source.address.count == packet.destination.address.count, "address families differ")
            fuzzCheck((1...reader.counters.records).contains(packet.frameNumber), "frame \(packet.frameNumber) not read yet")
            outcome.packets.append("\(packet.frameNumber) \(packet.timestampNanoseconds) \(packet.transport) \(Array(packet.payload))")
        }
    } catch {
        outcome.error = error.description
    }
    let counters = reader.counters
    fuzzCheck(counters.packets == outcome.packets.count, "packets counted \(counters.packets), returned \(outcome.packets.count)")
    fuzzCheck(counters.packets == counters.udpDatagrams + counters.tcpFrames, "packet counters do not add up")
    fuzzCheck(counters.truncatedRecords <= 1, "more than one truncated final record")
    fuzzCheck(counters.udpDatagrams <= counters.records, "more datagrams than records")
    outcome.counters = counters
    return outcome
}

@_cdecl("fuzz_capture_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    jitterbug_fuzz_main(argc, argv)
}
