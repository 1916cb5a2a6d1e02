import Foundation

/// Programs the interop tests drive, found on PATH; nil when not installed (the test is skipped).
enum ExternalTools {
    static let ffmpegPath: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/ffmpeg" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()
}
