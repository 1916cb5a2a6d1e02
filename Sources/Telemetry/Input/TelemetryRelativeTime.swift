/// Maps a file's time values onto the caller's start time (see ``TelemetryTimeColumn``).
struct TelemetryRelativeTime: Sendable, Hashable {
    let startMicroseconds: Int64
    private var firstFileMicroseconds: Int64?

    init(startMicroseconds: Int64) { self.startMicroseconds = startMicroseconds }

    mutating func captureMicroseconds(fileMicroseconds: Int64) -> Int64 {
        let first = firstFileMicroseconds ?? fileMicroseconds
        firstFileMicroseconds = first
        return startMicroseconds &+ (fileMicroseconds &- first)
    }
}
