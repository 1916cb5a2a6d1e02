/// Typed access to the RX config byte (RFC 3611 §4.7.6).
extension VoIPMetricsBlock {
    /// Packet loss concealment method (2 bits).
    public enum PacketLossConcealment: UInt8, Sendable, CaseIterable {
        case unspecified = 0, disabled = 1, enhanced = 2, standard = 3
    }

    /// Jitter buffer adaptivity (2 bits; value 1 is reserved).
    public enum JitterBufferAdaptivity: UInt8, Sendable, CaseIterable {
        case unknown = 0, reserved = 1, nonAdaptive = 2, adaptive = 3
    }

    /// Builds the RX config byte. `jitterBufferRate` (0...15) is the adjustment rate J of the RFC.
    public static func receiverConfiguration(
        plc: PacketLossConcealment, adaptivity: JitterBufferAdaptivity, jitterBufferRate: UInt8
    ) -> UInt8 {
        plc.rawValue << 6 | adaptivity.rawValue << 4 | (jitterBufferRate & 0x0F)
    }

    public var packetLossConcealment: PacketLossConcealment {
        PacketLossConcealment(rawValue: receiverConfiguration >> 6) ?? .unspecified
    }

    public var jitterBufferAdaptivity: JitterBufferAdaptivity {
        JitterBufferAdaptivity(rawValue: (receiverConfiguration >> 4) & 0x03) ?? .unknown
    }

    /// Jitter buffer adjustment rate, 0...15.
    public var jitterBufferRate: UInt8 { receiverConfiguration & 0x0F }
}
