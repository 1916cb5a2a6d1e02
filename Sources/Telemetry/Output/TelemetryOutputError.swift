/// A telemetry sink could not open or write its destination.
public struct TelemetryOutputError: Error, Sendable, Hashable {
    /// The path as given, `stdout`, or `memory`.
    public let destination: String
    /// errno from open(2) or write(2).
    public let errno: Int32

    public init(destination: String, errno: Int32) {
        self.destination = destination
        self.errno = errno
    }
}
