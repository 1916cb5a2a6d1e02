import Foundation

extension Trace {
    /// Every `*.csv` trace in `directory` (sorted by name), as written by `jitterbug recv --trace`.
    static func recordedTraces(directory: String) -> [Trace] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".csv") }.sorted().compactMap { name in
            do {
                return try recorded(path: "\(directory)/\(name)")
            } catch {
                try? FileHandle.standardError.write(contentsOf: Data("skipping \(name): \(error)\n".utf8))
                return nil
            }
        }
    }

    /// A trace recorded on a real network by `jitterbug recv --trace FILE`: CSV lines
    /// `sequence,rtp_timestamp,arrival_unix_us,send_unix_us` (send time from the sender's NTP
    /// header extension; sender and receiver on one host, so the clocks are the same).
    /// Frame k is the k-th sequence number after the first; missing ones are lost; the delay
    /// of a frame is arrival − send; the smallest delay counts as propagation.
    static func recorded(path: String) throws -> Trace {
        let text = try String(contentsOfFile: path, encoding: .utf8)
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
            if let previous {
                extended = previous + Int(Int16(truncatingIfNeeded: sequence - previous))
            }
            previous = extended
            let start = first ?? extended
            first = start
            let k = extended - start
            guard k >= 0, k < 1_000_000, delays[k] == nil else { continue }
            delays[k] = (arrival - send) / 1000
            last = max(last, k)
        }
        guard !delays.isEmpty else { throw CocoaError(.fileReadCorruptFile) }
        let base = delays.values.min() ?? 0
        var lost: [Bool] = []
        var delayMilliseconds: [Double] = []
        for k in 0...last {
            lost.append(delays[k] == nil)
            delayMilliseconds.append(delays[k] ?? base)
        }
        let name = "recorded " + URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return Trace(name: name, lost: lost, delayMilliseconds: delayMilliseconds, baseDelayMilliseconds: base)
    }
}
