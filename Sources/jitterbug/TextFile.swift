import Foundation

/// Writes small text outputs (SDP, JSON); `-` means stdout.
enum TextFile {
    static func write(_ text: String, to path: String, permissions: Int? = nil) throws {
        if path == "-" {
            try? FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
            return
        }
        do {
            if let permissions {
                // Created with its final mode, so a secret is never readable by others, even briefly.
                try? FileManager.default.removeItem(atPath: path)
                guard FileManager.default.createFile(
                    atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: permissions])
                else { throw RuntimeError("cannot create the file") }
            } else {
                try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            }
        } catch {
            throw RuntimeError("cannot write '\(path)': \(error.localizedDescription)")
        }
    }
}
