/// A TCP segment that arrived ahead of a missing one, kept (copied) until the gap fills.
struct TCPHeldSegment {
    var sequence: UInt32
    var bytes: [UInt8]
    /// When it was captured and its record number, for frames it completes if the gap is given up.
    var timestampNanoseconds: Int64
    var frameNumber: Int
}
