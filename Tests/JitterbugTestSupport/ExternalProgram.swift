import Foundation

/// Programs the interop tests drive (ffmpeg, tshark, python3), found on PATH.
package enum ExternalProgram {
    /// The first executable `name` in a PATH directory; nil when it is not installed (the test
    /// is then skipped).
    package static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
