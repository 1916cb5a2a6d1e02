import NIOCore
import RTP
import Transport

/// Which shard a datagram belongs to: a hash of its source host (the address without the
/// port) and its SSRC — RTP's at bytes 8..<12, RTCP's sender SSRC at bytes 4..<8 (both in the
/// clear under SRTP/SRTCP). A stream's RTP, its RTCP from port + 1 and its RFC 4571 frames over
/// TCP therefore all land on one shard for the stream's whole life. A datagram too short to
/// carry an SSRC goes to shard 0, which counts the rejection.
package enum ReceiverShardDispatch {
    /// The shard of `bytes` from `source` among `shardCount` shards.
    package static func shard(of bytes: UnsafeRawBufferPointer, from source: SocketAddress, shardCount: Int) -> Int {
        guard shardCount > 1, let ssrc = ssrc(of: bytes) else { return 0 }
        return shard(host: hostHash(source), ssrc: ssrc, shardCount: shardCount)
    }

    /// The shard of [UInt8] bytes (tests and TCP frames).
    package static func shard(of bytes: [UInt8], from source: SocketAddress, shardCount: Int) -> Int {
        bytes.withUnsafeBytes { shard(of: $0, from: source, shardCount: shardCount) }
    }

    /// The shard that owns the stream (source host, `ssrc`).
    package static func shard(host: UInt64, ssrc: UInt32, shardCount: Int) -> Int {
        guard shardCount > 1 else { return 0 }
        // SplitMix64's finaliser: every input bit moves the result, so sequential SSRCs and
        // hosts spread evenly.
        var mixed = host &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(ssrc)
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        mixed ^= mixed >> 31
        return Int(mixed % UInt64(shardCount))
    }

    /// The SSRC a datagram carries: RTCP's sender SSRC, or RTP's; `nil` when too short.
    package static func ssrc(of bytes: UnsafeRawBufferPointer) -> UInt32? {
        if RTCPCompound.isRTCP(bytes) {
            guard bytes.count >= 8 else { return nil }
            return bigEndian(bytes, at: 4)
        }
        guard bytes.count >= 12 else { return nil }
        return bigEndian(bytes, at: 8)
    }

    private static func bigEndian(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
            | UInt32(bytes[offset + 3])
    }

    /// The source host's address bytes hashed (FNV-1a), without the port; 0 for other kinds.
    package static func hostHash(_ address: SocketAddress) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func add(_ raw: UnsafeRawBufferPointer) {
            for byte in raw {
                hash ^= UInt64(byte)
                hash = hash &* 0x100_0000_01B3
            }
        }
        switch address {
        case .v4(let v4):
            var host = v4.address.sin_addr
            withUnsafeBytes(of: &host) { add($0) }
        case .v6(let v6):
            var host = v6.address.sin6_addr
            withUnsafeBytes(of: &host) { add($0) }
        default:
            return 0
        }
        return hash
    }
}
