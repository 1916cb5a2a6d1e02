/// What the receiver must render for one playout tick (audio) or one delivery (telemetry).
public enum PlayoutFrame: Sendable, Equatable {
    /// Why a concealment frame is played.
    public enum ConcealmentReason: Sendable, Equatable {
        /// The packet is not there at its slot. The buffer cannot know yet whether it is lost or
        /// late: if it arrives afterwards the ledger reclassifies it as late (and counts the arrival).
        case lost
        /// No packet is missing: one frame is synthesised to grow the playout delay.
        case stretch
    }

    /// Decode and play this packet.
    case play(JitterBufferPacket)
    /// Frame `sequenceNumber` is missing; decode it from the in-band FEC of `next`
    /// (whose sequence number is `sequenceNumber + 1`). `next` itself plays on the following tick.
    case recoverFromFEC(sequenceNumber: UInt16, next: JitterBufferPacket)
    /// Run the decoder's packet-loss concealment and scale the output by `gain` (1 → 0 over
    /// `fadeAfter` of continuous concealment).
    case conceal(sequenceNumber: UInt16, gain: Float, reason: ConcealmentReason)
    /// Sender is silent (DTX gap in timestamps): play comfort noise / silence for one frame.
    case comfortSilence
    /// Telemetry: the next packet in sequence order; `late` when it arrived after its deadline.
    case deliver(JitterBufferPacket, late: Bool)
    /// Telemetry: these extended sequence numbers (monotonic, beyond 16 bits) are missing.
    case missing(sequenceNumbers: ClosedRange<Int64>)
}
