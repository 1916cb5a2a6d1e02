import Foundation

/// Writes small text outputs (SDP, JSON); `-` means stdout.
enum TextFile {
    static func write(_ text: String, to path: String, permissions: Int? = nil) throws {
        if path == "-" {
            FileHandle.standardOutput.write(Data(text.utf8))
            return
        }
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            if let permissions {
                try FileManager.default.setAttributes([.posixPermissions: permissions], ofItemAtPath: path)
            }
        } catch {
            throw RuntimeError("cannot write '\(path)': \(error.localizedDescription)")
        }
    }
}
