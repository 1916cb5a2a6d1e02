import Capture
import NIOCore
import Reports

/// `recv --capture FILE.pcap`: every UDP datagram (RTP and RTCP ports) and RFC 4571 frame the
/// receiver reads goes to a ``PcapWriterQueue`` as it arrived on the wire (SRTP still
/// protected, before any check), stamped with the receiver's own arrival time (the wall-clock
/// stamp the statistics use), and the queue's thread writes the pcap.
///
/// Addresses: the source is the peer's. The destination is the address the datagram was sent
/// to, from the socket's packet info (`IP_PKTINFO`/`IPV6_PKTINFO`, which the socket asks for
/// when capturing); when that is missing, the bound address; for a wildcard bind without packet
/// info, 127.0.0.1 or ::1 (the source's family). The port is the bound port. A TCP frame's
/// destination is its connection's local address. IPv4 peers of a dual-stack `[::]` socket
/// are written as IPv4.
///
/// Order: each socket's packets (RTP port, RTCP port, each TCP connection) in the order it read
/// them; between sockets, the order of hand-over (two tasks), so timestamps may step back by a
/// little between records of different sockets.
package struct ReceiverCapture: Sendable {
    package let queue: PcapWriterQueue

    /// Opens `path` (before any socket is bound, so a bad path costs nothing).
    /// - Throws: ``ReceiverOutputError`` naming the path.
    package init(path: String) throws {
        do {
            queue = try PcapWriterQueue(path: path)
        } catch {
            throw ReceiverOutputError("\(error)")
        }
    }

    /// Hands one datagram over (a copy); never waits for the disk.
    func udp(
        _ bytes: UnsafeRawBufferPointer, from source: SocketAddress, to destination: SocketAddress?,
        local: SocketAddress?, wallClock: Duration
    ) {
        let port = UInt16(clamping: local?.port ?? 0)
        guard let from = Self.endpoint(source) else { return }
        let to = destination.flatMap { Self.endpoint($0, port: port) } ?? local.flatMap { Self.endpoint($0) }
            ?? .loopback(ipv6: from.unmapped.isIPv6, port: port)
        queue.enqueueUDP(timestampNanoseconds: Self.nanoseconds(wallClock), source: from, destination: to, payload: bytes)
    }

    /// Hands one RFC 4571 frame over (a copy); never waits for the disk.
    func tcp(_ frame: [UInt8], from source: SocketAddress, to local: SocketAddress?, connectionID: Int, wallClock: Duration) {
        guard let from = Self.endpoint(source) else { return }
        let to = local.flatMap { Self.endpoint($0) } ?? .loopback(ipv6: from.unmapped.isIPv6, port: 0)
        _ = frame.withUnsafeBytes {
            queue.enqueueTCPFrame(
                timestampNanoseconds: Self.nanoseconds(wallClock), connectionID: connectionID, source: from,
                destination: to, frame: $0)
        }
    }

    /// Writes what waits, closes the file; the final counts.
    package func close() -> PcapWriterCounters { queue.close() }

    /// `report`, called with each summary plus the capture's counters so far.
    func reporting(to report: (@Sendable (ReceiverSummary) -> Void)?) -> (@Sendable (ReceiverSummary) -> Void)? {
        guard let report else { return nil }
        return { [queue] summary in report(Self.adding(queue.counters, to: summary)) }
    }

    /// `summary` with the capture's counters.
    static func adding(_ counters: PcapWriterCounters, to summary: ReceiverSummary) -> ReceiverSummary {
        var summary = summary
        summary.capturePackets = counters.packets
        summary.captureBytes = counters.bytes
        summary.captureDropped = counters.dropped
        summary.captureError = counters.error
        return summary
    }

    /// Whether `address` is `0.0.0.0` or `::` (the destination of a datagram is then not known
    /// without packet info).
    static func isWildcard(_ address: SocketAddress) -> Bool {
        endpoint(address)?.isUnspecified ?? false
    }

    /// An IP socket address as an endpoint (its own port, or `port`); `nil` for a Unix socket.
    static func endpoint(_ address: SocketAddress, port: UInt16? = nil) -> PcapWriterEndpoint? {
        let port = port ?? UInt16(clamping: address.port ?? 0)
        switch address {
        case .v4(let v4):
            return PcapWriterEndpoint(ipv4: UInt32(bigEndian: v4.address.sin_addr.s_addr), port: port)
        case .v6(let v6):
            return withUnsafeBytes(of: v6.address.sin6_addr) { PcapWriterEndpoint(address: $0, port: port) }
        default:
            return nil
        }
    }

    /// Nanoseconds since the Unix epoch.
    static func nanoseconds(_ wallClock: Duration) -> Int64 {
        let (seconds, attoseconds) = wallClock.components
        return seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000
    }
}
