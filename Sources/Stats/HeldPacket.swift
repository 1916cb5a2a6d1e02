/// What the reception statistics remember of one packet: enough to count it later (probation)
/// or to check the next packet's timestamp against it.
struct HeldPacket: Sendable, Equatable {
    var sequence: UInt16
    var timestamp: UInt32
    /// Arrival time, offset from the caller's monotonic origin.
    var arrival: Duration
    /// Payload size in bytes, ≥ 0.
    var payloadBytes: Int
}
