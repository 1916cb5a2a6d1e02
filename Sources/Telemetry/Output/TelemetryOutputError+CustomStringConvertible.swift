extension TelemetryOutputError: CustomStringConvertible {
    public var description: String { "\(destination): write failed (errno \(errno))" }
}
