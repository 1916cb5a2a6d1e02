import FuzzDriver
import FuzzSupport
import SRTP

/// SRTP/SRTCP (libsrtp through `SRTPSession`) and the SDP `a=crypto` reader.
///
/// Byte 0 picks the suite (value % 3) and the mode ((value / 4) % 5); the rest is the packet
/// or text:
/// 0, 1 — `unprotectRTP` / `unprotectRTCP` of arbitrary bytes (what an attacker controls);
/// 2, 3 — protect then unprotect must give the packet back, and flipping any one bit of the
///        protected packet must make unprotect fail;
/// 4 — `SRTPCryptoAttribute(parsing:)`; a parsed line's canonical form parses to the same key.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let selector = Int(input.byte())
    let key = keys[selector % keys.count]
    let body = input.take(input.remaining)
    switch (selector / 4) % 5 {
    case 0:
        guard let receiver = try? SRTPSession(role: .receiver, key: key) else { return 0 }
        _ = try? receiver.unprotectRTP(body)
    case 1:
        guard let receiver = try? SRTPSession(role: .receiver, key: key) else { return 0 }
        _ = try? receiver.unprotectRTCP(body)
    case 2, 3:
        let rtcp = (selector / 4) % 5 == 3
        guard let sender = try? SRTPSession(role: .sender, key: key),
            let receiver = try? SRTPSession(role: .receiver, key: key),
            let tamperedReceiver = try? SRTPSession(role: .receiver, key: key),
            let protected = try? (rtcp ? sender.protectRTCP(body) : sender.protectRTP(body))
        else { return 0 }
        // Flip one bit chosen by the input; with a fresh receiver so replay state is not involved.
        var tampered = protected
        let bit = (body.first.map(Int.init) ?? 0) * 31 + body.count
        tampered[bit / 8 % tampered.count] ^= 1 << UInt8(bit % 8)
        let forged = try? (rtcp ? tamperedReceiver.unprotectRTCP(tampered) : tamperedReceiver.unprotectRTP(tampered))
        fuzzCheck(forged == nil, "a tampered packet was accepted")
        do {
            let clear = try rtcp ? receiver.unprotectRTCP(protected) : receiver.unprotectRTP(protected)
            fuzzCheck(clear == body, "protect → unprotect changed the packet")
        } catch {
            fuzzCheck(false, "a packet we protected does not unprotect: \(error)")
        }
    default:
        let text = String(decoding: body, as: UTF8.self)
        guard let attribute = try? SRTPCryptoAttribute(parsing: text) else { return 0 }
        let again = try? SRTPCryptoAttribute(parsing: attribute.attributeLine)
        fuzzCheck(again?.key == attribute.key && again?.tag == attribute.tag, "canonical a=crypto line differs")
    }
    return 0
}

/// One fixed master key + salt per suite (30 bytes for AES-CM, 28 for GCM).
private let keys: [SRTPKeyMaterial] = SRTPSuite.allCases.compactMap { suite in
    for length in [30, 28] {
        if let key = try? SRTPKeyMaterial(suite: suite, keyAndSalt: (0..<length).map { UInt8($0 &* 7 &+ 1) }) {
            return key
        }
    }
    return nil
}

@_cdecl("fuzz_srtp_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    jitterbug_fuzz_main(argc, argv)
}
