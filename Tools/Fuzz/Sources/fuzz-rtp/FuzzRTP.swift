import FuzzDriver
import FuzzSupport
import RTP

/// RTP parse (both entry points, every peek) and the serialise → parse round trip.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let raw = UnsafeRawBufferPointer(start: data, count: size)
    _ = RTPPacket.peekSSRC(raw)
    _ = RTPPacket.peekSequenceNumber(raw)
    _ = RTPPacket.peekPayloadType(raw)
    let strict = RTPParseLimits(maxPacketBytes: 1500, allowsEmptyPayload: false)
    _ = try? RTPPacket(parsing: raw, limits: strict)
    guard let packet = try? RTPPacket(parsing: raw, limits: .default) else { return 0 }
    let bytes = Array(raw)
    fuzzCheckArray(bytes, packet)
    // What we write must parse back to the same packet.
    let wire = packet.serialized()
    fuzzCheck(wire.count == packet.serializedLength, "serializedLength \(packet.serializedLength) != \(wire.count)")
    let roundTrip = RTPParseLimits(maxPacketBytes: 1 << 20, allowsEmptyPayload: true)
    do {
        let again = try RTPPacket(parsing: wire, limits: roundTrip)
        fuzzCheck(again == packet, "round trip changed the packet: \(packet) -> \(again)")
    } catch {
        fuzzCheck(false, "serialised packet does not parse: \(error)")
    }
    return 0
}

/// The array overload must agree with the raw-buffer one.
private func fuzzCheckArray(_ bytes: [UInt8], _ packet: RTPPacket) {
    let viaArray = try? RTPPacket(parsing: bytes)
    fuzzCheck(viaArray == packet, "array and buffer parsers disagree")
}

@_cdecl("fuzz_rtp_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    jitterbug_fuzz_main(argc, argv)
}
