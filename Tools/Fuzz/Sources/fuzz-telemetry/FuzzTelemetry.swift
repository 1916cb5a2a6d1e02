import Telemetry
import FuzzDriver
import FuzzSupport

/// Telemetry payload decoding (inline and referenced schemas through a small registry), the
/// decode → encode → decode round trip, and the depacketizer's sequence/gap logic.
///
/// Input: byte 0 picks the registry capacity (1...8); then records of one sequence-step byte
/// and a 16-bit-length-prefixed payload.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let capacity = 1 + Int(input.byte() % 8)
    var registry = TelemetrySchemaRegistry(capacity: capacity)
    var depacketizer = TelemetryDepacketizer(registryCapacity: capacity)
    var sequenceNumber: UInt16 = 0
    var arrivalMicroseconds: Int64 = 1_700_000_000_000_000
    while !input.isAtEnd {
        // Steps of -8...+247 cover duplicates, late packets, gaps and restarts.
        sequenceNumber &+= UInt16(truncatingIfNeeded: Int(input.byte()) - 8)
        arrivalMicroseconds += 10_000
        let payload = input.record()
        checkRoundTrip(payload, registry: &registry)
        let before = depacketizer.framesAccepted + depacketizer.droppedTotal
        _ = depacketizer.receive(
            payload: payload, sequenceNumber: sequenceNumber, arrivalMicroseconds: arrivalMicroseconds)
        fuzzCheck(
            depacketizer.framesAccepted + depacketizer.droppedTotal == before + 1,
            "a datagram must be either accepted or counted as dropped")
        fuzzCheck(depacketizer.registry.count <= capacity, "registry grew past its capacity")
    }
    return 0
}

private func checkRoundTrip(_ payload: [UInt8], registry: inout TelemetrySchemaRegistry) {
    guard let frame = try? TelemetryPayloadCodec.decode(payload, registry: &registry) else { return }
    let wire: [UInt8]
    do {
        wire = try TelemetryPayloadCodec.encode(frame)
    } catch {
        fuzzCheck(false, "a decoded frame does not encode: \(error)")
        return
    }
    do {
        let again = try TelemetryPayloadCodec.decode(wire) { $0 == frame.schema.id ? frame.schema : nil }
        fuzzCheck(again == frame, "round trip changed the frame")
    } catch {
        fuzzCheck(false, "re-encoded frame does not decode: \(error)")
    }
}

@_cdecl("fuzz_telemetry_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    jitterbug_fuzz_main(argc, argv)
}
