/// Buffered text destination for telemetry sinks: a file, standard output, or memory (tests).
///
/// Text is buffered and written in blocks of at least ``flushThresholdBytes``; call
/// ``flush()`` after each datagram when a reader follows the output live.
public struct TelemetryTextOutput: Sendable {
    /// Buffered bytes that trigger a write.
    public static let flushThresholdBytes = 64 * 1024

    /// The path as given, `stdout`, or `memory`.
    public let destinationName: String
    private let descriptor: TelemetryFileDescriptor?
    private var pending: [UInt8] = []
    /// Everything written so far, for the in-memory destination only.
    public private(set) var memory: [UInt8] = []

    /// `-` means standard output; anything else is created or truncated.
    public init(path: String) throws(TelemetryOutputError) {
        if path == "-" {
            self.init(descriptor: .standardOutput, name: "stdout")
        } else {
            self.init(descriptor: try TelemetryFileDescriptor.open(writingTo: path), name: path)
        }
    }

    /// Writes to an already open descriptor.
    public init(descriptor: TelemetryFileDescriptor, name: String) {
        self.descriptor = descriptor
        destinationName = name
    }

    /// Collects output in ``memory`` (and ``text``).
    public static func inMemory() -> TelemetryTextOutput { TelemetryTextOutput() }

    private init() {
        descriptor = nil
        destinationName = "memory"
    }

    /// The in-memory output decoded as UTF-8 (after ``flush()``).
    public var text: String { String(decoding: memory, as: UTF8.self) }

    /// Appends `string`, writing when the buffer passes the threshold.
    public mutating func write(_ string: String) throws(TelemetryOutputError) {
        pending.append(contentsOf: string.utf8)
        if pending.count >= Self.flushThresholdBytes { try flush() }
    }

    /// Writes everything buffered.
    public mutating func flush() throws(TelemetryOutputError) {
        guard !pending.isEmpty else { return }
        defer { pending.removeAll(keepingCapacity: true) }
        guard let descriptor else {
            memory.append(contentsOf: pending)
            return
        }
        if let error = descriptor.writeAll(pending) {
            throw TelemetryOutputError(destination: destinationName, errno: error)
        }
    }
}
