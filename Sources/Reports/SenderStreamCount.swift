/// What one of `send --streams N`'s streams sent: RTP packets and bytes (headers included).
public struct SenderStreamCount: Sendable, Equatable, Codable {
    public var ssrc: UInt32
    public var packets: Int = 0
    public var bytes: Int = 0

    public init(ssrc: UInt32, packets: Int = 0, bytes: Int = 0) {
        self.ssrc = ssrc
        self.packets = packets
        self.bytes = bytes
    }
}
