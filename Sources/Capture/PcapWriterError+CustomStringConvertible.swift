extension PcapWriterError: CustomStringConvertible {
    public var description: String {
        switch self {
        case .cannotOpen(let path, let reason): "cannot write capture '\(path)': \(reason)"
        case .writeFailed(let path, let reason): "writing capture '\(path)' failed: \(reason)"
        }
    }
}
