import Foundation
import JitterbugSupport

/// Per-stream output naming for `--output DIR/` and `--telemetry-out DIR/`.
package enum OutputPath {
    package static func isDirectory(_ path: String) -> Bool {
        if path.hasSuffix("/") { return true }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// `DIR/ssrc-0a1b2c3d.EXT` (creating DIR if needed).
    package static func file(in directory: String, for key: StreamKey, extension ext: String) -> String {
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        return "\(base)/ssrc-\(key.ssrc.hex.dropFirst(2)).\(ext)"
    }
}
