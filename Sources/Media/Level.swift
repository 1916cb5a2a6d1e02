import Foundation

/// Shared conversions for the generators.
enum Level {
    /// Linear peak amplitude in Int16 units for a level in dBFS (0 dBFS = 32767).
    static func amplitude(dBFS: Double) -> Double {
        32767.0 * pow10(dBFS / 20.0)
    }

    static func pow10(_ x: Double) -> Double {
        exp(x * log(10.0))
    }

    /// Rounds and saturates to the Int16 range.
    @inline(__always)
    static func quantize(_ value: Double) -> Int16 {
        let rounded = value.rounded()
        if rounded >= 32767 { return Int16.max }
        if rounded <= -32768 { return Int16.min }
        return Int16(rounded)
    }

    /// Copies a mono signal into every channel of an interleaved buffer.
    static func interleave(_ mono: [Int16], channels: Int) -> [Int16] {
        if channels == 1 { return mono }
        var out = [Int16]()
        out.reserveCapacity(mono.count * channels)
        for sample in mono {
            for _ in 0..<channels { out.append(sample) }
        }
        return out
    }
}
