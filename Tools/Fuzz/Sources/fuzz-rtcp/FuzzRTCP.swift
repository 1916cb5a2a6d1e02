import FuzzDriver
import FuzzSupport
import RTP

/// RTCP compound parse (SR, RR, SDES, BYE, XR and unknown types) and the serialise → parse
/// round trip.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let raw = UnsafeRawBufferPointer(start: data, count: size)
    _ = RTCPCompound.isRTCP(raw)
    guard let packets = try? RTCPCompound.parse(raw) else { return 0 }
    fuzzCheck(!packets.isEmpty, "a parsed compound has at least one packet")
    for packet in packets { _ = packet.packetType }
    let wire = RTCPCompound.serialize(packets)
    fuzzCheck(wire.count % 4 == 0, "serialised compound is not 32-bit aligned: \(wire.count) bytes")
    do {
        let again = try RTCPCompound.parse(wire)
        // Writing is a fixed point after one round…
        fuzzCheck(RTCPCompound.serialize(again) == wire, "serialise → parse → serialise changed the bytes")
        // …and lossless unless a BYE reason had to be truncated: invalid UTF-8 in a reason is
        // decoded with U+FFFD (3 bytes each), which can push it past the 255-byte field.
        if !packets.contains(where: hasOverlongReason) {
            fuzzCheck(again == packets, "round trip changed the compound: \(packets) -> \(again)")
        }
    } catch {
        fuzzCheck(false, "serialised compound does not parse: \(error)")
    }
    return 0
}

private func hasOverlongReason(_ packet: RTCPPacket) -> Bool {
    guard case .goodbye(let goodbye) = packet, let reason = goodbye.reason else { return false }
    return reason.utf8.count > 255
}

@_cdecl("fuzz_rtcp_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    jitterbug_fuzz_main(argc, argv)
}
