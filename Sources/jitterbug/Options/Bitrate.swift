import ArgumentParser

/// A bit rate typed as `32k`, `32000`, `1.5m`, or with `bit`/`bps` after the unit (`64kbit`).
struct Bitrate: Sendable, Hashable, CustomStringConvertible {
    /// Bits per second.
    var bitsPerSecond: Int

    static let acceptedForms = "bits per second as N, Nk or Nm (e.g. 32000, 32k, 0.5m)"

    init(bitsPerSecond: Int) { self.bitsPerSecond = bitsPerSecond }

    init?(parsing text: String) {
        var body = Substring(text.lowercased())
        for suffix in ["bps", "bit"] where body.hasSuffix(suffix) { body = body.dropLast(suffix.count) }
        var scale = 1.0
        if body.hasSuffix("k") { scale = 1e3; body = body.dropLast() }
        else if body.hasSuffix("m") { scale = 1e6; body = body.dropLast() }
        guard let value = Double(body), value.isFinite, value > 0, value * scale < 1e12 else { return nil }
        self.bitsPerSecond = Int((value * scale).rounded())
    }

    var description: String {
        bitsPerSecond % 1000 == 0 ? "\(bitsPerSecond / 1000)k" : "\(bitsPerSecond)"
    }
}

extension Bitrate: ExpressibleByArgument {
    init?(argument: String) { self.init(parsing: argument) }
    var defaultValueDescription: String { description }
}
