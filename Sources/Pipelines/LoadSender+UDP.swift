import NIOCore
import Reports
import Transport

extension LoadSender {
    /// Sends over a new UDP socket to `destination`: batched writes, coalesced with UDP GSO when
    /// `segmentationOffload` is on (where the kernel supports it); no RTCP.
    package func run<Random: RandomNumberGenerator>(
        to destination: SocketAddress, segmentationOffload: Bool, random: inout Random
    ) async throws -> SenderSummary {
        var generator = random
        defer { random = generator }
        return try await UDPTransport.withSocket(
            boundTo: try UDPTransport.wildcardAddress(matching: destination),
            options: UDPSocketOptions(segmentationOffload: segmentationOffload)
        ) { socket in
            try await run(random: &generator) { batch in
                try await socket.send(batch: batch.map { (bytes: $0, remote: destination) })
            }
        }
    }
}
