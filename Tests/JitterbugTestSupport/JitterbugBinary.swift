import Foundation

/// The built `jitterbug` executable the end-to-end tests run, as a person would.
package enum JitterbugBinary {
    /// Next to the test bundle (`swift build` puts both in one folder), else the debug build.
    package static var path: String {
        let bundleDirectory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let sibling = bundleDirectory.appendingPathComponent("jitterbug").path
        if FileManager.default.isExecutableFile(atPath: sibling) { return sibling }
        // This file is Tests/JitterbugTestSupport/JitterbugBinary.swift: three levels up is the package.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/jitterbug").path
    }
}
