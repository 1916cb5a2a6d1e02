/// What a pcapng interface description block says about the packets of its interface.
struct PcapngInterface {
    /// LINKTYPE_ value.
    var linkType: Int
    /// Snapshot length (0: none).
    var snapLength: Int
    /// `if_tsresol` (microseconds by default).
    var scale: TimestampScale = .microseconds
    /// `if_tsoffset`, in nanoseconds, added to every timestamp.
    var offsetNanoseconds: Int64 = 0
    /// Interface number across the file's sections (what ``CapturedPacket/interfaceIndex`` says).
    var fileIndex: Int

    /// Timestamp units of this interface in nanoseconds since the epoch.
    @inline(__always)
    func nanoseconds(_ units: UInt64) -> Int64 {
        let (sum, overflow) = scale.nanoseconds(units).addingReportingOverflow(offsetNanoseconds)
        return overflow ? (offsetNanoseconds < 0 ? .min : .max) : sum
    }
}
