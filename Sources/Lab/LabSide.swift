#if os(Linux)

/// One end of the lab: the sender's namespace (packets it sends go `up`) or the receiver's.
package enum LabSide: String, Sendable, Hashable, CaseIterable {
    case sender
    case receiver
}
#endif
