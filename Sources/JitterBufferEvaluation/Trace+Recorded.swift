import Foundation

/// A trace file that could not be read.
package struct TraceFileError: Error, CustomStringConvertible, Sendable {
    /// What went wrong, with the file's path.
    package var description: String
}

extension Trace {
    /// Every `*.csv` trace in `directory` (sorted by name), as written by `jitterbug recv --trace`.
    /// Files that cannot be read are reported in `skipped` (path and reason), not fatal.
    package static func recordedTraces(directory: String) -> (traces: [Trace], skipped: [String]) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var traces: [Trace] = []
        var skipped: [String] = []
        for name in names.filter({ $0.hasSuffix(".csv") }).sorted() {
            do {
                traces.append(try recorded(path: "\(directory)/\(name)"))
            } catch {
                skipped.append("\(name): \(error)")
            }
        }
        return (traces, skipped)
    }

    /// A trace recorded on a real network by `jitterbug recv --trace FILE`: CSV lines
    /// `sequence,rtp_timestamp,arrival_unix_us,send_unix_us` (send time from the sender's NTP
    /// header extension; sender and receiver on one host, so the clocks are the same).
    /// Frame k is the k-th sequence number after the first (16-bit numbers unwrapped, at most
    /// 1 000 000 frames); missing ones are lost; a frame's delay is arrival − send, ms.
    package static func recorded(path: String) throws -> Trace {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let name = "recorded " + URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return try recorded(csv: text, name: name)
    }

    /// Parses the CSV text of ``recorded(path:)``; throws when no line holds a frame.
    package static func recorded(csv text: String, name: String) throws -> Trace {
        var delays: [Int: Double] = [:]
        var first: Int?
        var last = 0
        var previous: Int?
        for line in text.split(separator: "\n") where !line.hasPrefix("sequence") {
            let fields = line.split(separator: ",")
            guard fields.count >= 4, let sequence = Int(fields[0]), let arrival = Double(fields[2]),
                let send = Double(fields[3])
            else { continue }
            // Unwrap 16-bit sequence numbers to the value nearest the previous one.
            var extended = sequence
            if let previous { extended = previous + Int(Int16(truncatingIfNeeded: sequence - previous)) }
            previous = extended
            let start = first ?? extended
            first = start
            let k = extended - start
            guard k >= 0, k < 1_000_000, delays[k] == nil else { continue }
            delays[k] = (arrival - send) / 1000
            last = max(last, k)
        }
        guard !delays.isEmpty else { throw TraceFileError(description: "\(name): no trace lines") }
        var lost: [Bool] = []
        var delayMilliseconds: [Double] = []
        for k in 0...last {
            lost.append(delays[k] == nil)
            delayMilliseconds.append(delays[k] ?? 0)
        }
        return Trace(name: name, lost: lost, delayMilliseconds: delayMilliseconds)
    }
}
