extension CaptureError: CustomStringConvertible {
    /// One line naming the file and what is wrong with it.
    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason):
            "\(path): cannot open: \(reason)"
        case .unrecognizedFormat(let path):
            "\(path): not a capture file (no pcap, pcapng or gzip magic number at the start)"
        case .malformed(let path, let offset, let reason):
            "\(path): damaged at byte \(offset): \(reason)"
        }
    }
}
