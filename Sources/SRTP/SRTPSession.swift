import CSRTP
import CSRTPShim
import Synchronization

/// One libsrtp session (RFC 3711 SRTP + SRTCP) for one master key.
///
/// A `.sender` session installs an `ssrc_any_outbound` policy and a `.receiver` session an
/// `ssrc_any_inbound` one; libsrtp then creates per-SSRC stream state (rollover counter, replay
/// window, SRTCP index) on first use. Both roles may call all four methods, so a receiver can
/// protect its own RTCP reports and a sender can unprotect the reports it gets back, with the same
/// key: libsrtp keeps per-SSRC state and the keystream depends on the SSRC.
///
/// Thread safety: libsrtp promises none; a session's stream list and replay windows are mutated by
/// every call. Every libsrtp call on the context goes through one `Mutex`, so the class is
/// `Sendable` and can live inside a receiver core or be shared by a send loop and an RTCP task.
/// The lock is held only for the in-place crypto on one packet (microseconds).
///
/// Memory: the context is freed exactly once, by `deinit` (`srtp_dealloc`).
public final class SRTPSession: Sendable {
    /// The replay window libsrtp uses unless told otherwise here, in packets.
    public static let defaultReplayWindowPackets = 1024
    /// Replay window sizes libsrtp accepts, in packets.
    public static let replayWindowPacketsRange: ClosedRange<Int> = 64...0x7fff
    /// Largest packet accepted by any method, in bytes (an IP datagram cannot carry more).
    public static let maximumPacketLength = 65_535

    /// Smallest RTP header (RFC 3550 section 5.1), in bytes.
    static let rtpHeaderLength = 12
    /// Smallest RTCP packet: header + sender SSRC (RFC 3550 section 6.4), in bytes.
    static let rtcpHeaderLength = 8

    /// The crypto suite of the key.
    public let suite: SRTPSuite
    /// Which wildcard policy was installed.
    public let role: Role
    /// Replay window, in packets.
    public let replayWindowPackets: Int

    /// The libsrtp context (`srtp_t`). Guarded because libsrtp is not thread-safe (see above).
    private let context: Mutex<OpaquePointer>

    /// Creates a session for `key`.
    /// - Parameters:
    ///   - role: `.sender` protects outgoing traffic, `.receiver` unprotects incoming traffic.
    ///   - key: master key + salt; its suite selects the cipher and tag lengths.
    ///   - replayWindowPackets: how many packet indices back a late packet is still accepted;
    ///     64...32767, default 1024. Older packets fail with `SRTPError.replayed`.
    /// - Throws: `SRTPError.badParameter` for a window outside the range, or the libsrtp status
    ///   if initialisation or `srtp_create` fails.
    public init(role: Role, key: SRTPKeyMaterial, replayWindowPackets: Int = SRTPSession.defaultReplayWindowPackets)
        throws(SRTPError)
    {
        guard Self.replayWindowPacketsRange.contains(replayWindowPackets) else { throw .badParameter }
        let initStatus = SRTPLibrary.initStatus
        guard initStatus == srtp_err_status_ok.rawValue else { throw SRTPError(status: initStatus) }

        var created: OpaquePointer?
        let status = key.keyAndSalt.withUnsafeBufferPointer { bytes in
            csrtp_create(
                &created, key.suite.shimSuite, role == .sender ? 1 : 0,
                bytes.baseAddress, bytes.count, UInt(replayWindowPackets)
            )
        }
        guard status == 0, let created else {
            throw SRTPError(status: status == 0 ? srtp_err_status_fail.rawValue : UInt32(bitPattern: status))
        }
        self.suite = key.suite
        self.role = role
        self.replayWindowPackets = replayWindowPackets
        self.context = Mutex(created)
    }

    deinit {
        context.withLock { session in
            // srtp_dealloc only fails on a NULL context, which `init` never stores.
            _ = srtp_dealloc(session)
        }
    }

    /// Encrypts and authenticates an RTP packet (header stays clear).
    /// - Returns: the SRTP packet, `suite.rtpTrailerLength` bytes longer.
    /// - Throws: `.tooShort` under 12 bytes, `.replayed` if this SSRC already sent this sequence
    ///   number, `.badParameter` for a header that runs past the end.
    public func protectRTP(_ packet: [UInt8]) throws(SRTPError) -> [UInt8] {
        try transform(packet, minimumBytes: Self.rtpHeaderLength, growth: csrtp_max_rtp_growth(), operation: .protectRTP)
    }

    /// Verifies and decrypts an SRTP packet.
    /// - Returns: the RTP packet, `suite.rtpTrailerLength` bytes shorter.
    /// - Throws: `.tooShort` below 12 + trailer bytes, `.authenticationFailed`, `.replayed`.
    public func unprotectRTP(_ packet: [UInt8]) throws(SRTPError) -> [UInt8] {
        try transform(packet, minimumBytes: Self.rtpHeaderLength + suite.rtpTrailerLength, growth: 0, operation: .unprotectRTP)
    }

    /// Encrypts and authenticates an RTCP (compound) packet; the first 8 bytes stay clear.
    /// - Returns: the SRTCP packet, `suite.rtcpTrailerLength` bytes longer (E flag + index + tag).
    /// - Throws: `.tooShort` under 8 bytes.
    public func protectRTCP(_ packet: [UInt8]) throws(SRTPError) -> [UInt8] {
        try transform(packet, minimumBytes: Self.rtcpHeaderLength, growth: csrtp_max_rtcp_growth(), operation: .protectRTCP)
    }

    /// Verifies and decrypts an SRTCP packet.
    /// - Returns: the RTCP packet, `suite.rtcpTrailerLength` bytes shorter.
    /// - Throws: `.tooShort` below 8 + trailer bytes, `.authenticationFailed`, `.replayed`.
    public func unprotectRTCP(_ packet: [UInt8]) throws(SRTPError) -> [UInt8] {
        try transform(packet, minimumBytes: Self.rtcpHeaderLength + suite.rtcpTrailerLength, growth: 0, operation: .unprotectRTCP)
    }

    /// The four libsrtp packet calls.
    private enum Operation {
        case protectRTP, unprotectRTP, protectRTCP, unprotectRTCP
    }

    /// Copies `packet` into a buffer with `growth` spare bytes (libsrtp writes the trailer past the
    /// end), runs the libsrtp call in place under the lock, and trims to the length libsrtp reports.
    private func transform(
        _ packet: [UInt8],
        minimumBytes: Int,
        growth: Int,
        operation: Operation
    ) throws(SRTPError) -> [UInt8] {
        guard packet.count >= minimumBytes else {
            throw .tooShort(byteCount: packet.count, minimumBytes: minimumBytes)
        }
        guard packet.count <= Self.maximumPacketLength else {
            throw .tooLong(byteCount: packet.count, maximumBytes: Self.maximumPacketLength)
        }
        var buffer = packet
        buffer.append(contentsOf: repeatElement(0, count: growth))
        var length = Int32(packet.count)
        let status: UInt32 = context.withLock { session in
            buffer.withUnsafeMutableBytes { raw in
                guard let base = raw.baseAddress else { return srtp_err_status_bad_param.rawValue }
                // A switch rather than a closure parameter: the context must not escape the
                // lock's region, which passing it to a caller-supplied closure would do.
                let result = switch operation {
                case .protectRTP: srtp_protect(session, base, &length)
                case .unprotectRTP: srtp_unprotect(session, base, &length)
                case .protectRTCP: srtp_protect_rtcp(session, base, &length)
                case .unprotectRTCP: srtp_unprotect_rtcp(session, base, &length)
                }
                return result.rawValue
            }
        }
        guard status == srtp_err_status_ok.rawValue else { throw SRTPError(status: status) }
        // libsrtp never reports more than it was allowed to write; check rather than trust.
        guard length >= 0, Int(length) <= buffer.count else {
            throw .library(status: srtp_err_status_fail.rawValue)
        }
        buffer.removeLast(buffer.count - Int(length))
        return buffer
    }
}
