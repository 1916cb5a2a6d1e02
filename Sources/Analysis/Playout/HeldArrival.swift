/// A packet kept until the adaptive replay knows the stream's frame duration.
struct HeldArrival: Sendable {
    var sequenceNumber: UInt16
    var timestamp: UInt32
    /// Extended numbers from ``ArrivalTracker``; nil for a duplicate.
    var extendedSequence: Int64?
    var extendedTimestamp: Int64
    /// Simulated arrival, ns since the stream's first.
    var arrivalNanoseconds: Int64
    var payload: [UInt8]
}
