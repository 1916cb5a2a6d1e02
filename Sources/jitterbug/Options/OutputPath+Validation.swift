import ArgumentParser
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Checks output paths before any work is done, so a typo costs a usage error (exit 2) naming
/// the path instead of a whole run whose results are then lost ("output 0 frames").
enum OutputPathCheck {
    /// `nil` and "-" (stdout) pass. With `perStreamDirectory` (`--output`, `--telemetry-out`),
    /// a path ending in "/" or an existing directory means one file per stream there: the
    /// directory must be writable, or creatable in a writable parent. Any other path must not
    /// be a directory, and its directory must exist and be writable.
    static func validate(_ path: String?, option: String, perStreamDirectory: Bool = false) throws {
        guard let path, path != "-" else { return }
        guard !path.isEmpty else { throw ValidationError("\(option) needs a path: got an empty one (give a file name, or - for stdout)") }
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = manager.fileExists(atPath: path, isDirectory: &isDirectory)
        if perStreamDirectory, path.hasSuffix("/") || (exists && isDirectory.boolValue) {
            if exists {
                guard isDirectory.boolValue else { throw ValidationError("cannot write \(option) '\(path)': it is a file, not a directory") }
                guard access(path, W_OK) == 0 else { throw ValidationError("cannot write \(option) '\(path)': the directory is not writable") }
                return
            }
            return try requireWritableParent(of: String(path.dropLast()), path: path, option: option)
        }
        if exists, isDirectory.boolValue {
            throw ValidationError("cannot write \(option) '\(path)': it is a directory")
        }
        if exists {
            guard access(path, W_OK) == 0 else { throw ValidationError("cannot write \(option) '\(path)': the file is not writable") }
            return
        }
        try requireWritableParent(of: path, path: path, option: option)
    }

    private static func requireWritableParent(of child: String, path: String, option: String) throws {
        let parent = parentDirectory(of: child)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("cannot write \(option) '\(path)': directory '\(parent)' does not exist")
        }
        guard access(parent, W_OK) == 0 else {
            throw ValidationError("cannot write \(option) '\(path)': directory '\(parent)' is not writable")
        }
    }

    /// The directory part of `path` ("." for a bare name, "/" for a file at the root). Not
    /// `NSString.deletingLastPathComponent`: on this Foundation it traps on a one-character
    /// path such as "0" (found by the CLI torture test).
    static func parentDirectory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        let directory = trimmed[..<slash]
        return directory.isEmpty ? "/" : String(directory)
    }

    /// Validates several (path, option) pairs in order.
    static func validate(_ outputs: [(String?, String)]) throws {
        for (path, option) in outputs {
            try validate(path, option: option, perStreamDirectory: option == "--output" || option == "--telemetry-out")
        }
    }
}
