import JitterbugSupport
import ArgumentParser

/// A time interval typed as a number with a unit: `20ms`, `2.5ms`, `10s`, `1.5m`, `500us`.
struct Interval: Sendable, Hashable, CustomStringConvertible {
    var duration: Duration

    static let acceptedForms = "a number with a unit us, ms, s or m, or h (e.g. 20ms, 2.5ms, 10s, 1m, 2h), at most 10000h"
    /// For `--duration`, where a bare number means seconds, as in iperf3's `-t 10`.
    static let acceptedDurationForms = acceptedForms + "; a bare number is seconds (10 = 10s)"
    /// The longest interval accepted, in nanoseconds (10,000 hours, about 417 days): far beyond
    /// any run, and far inside `Duration`'s and `Int64`'s range.
    static let maximumNanoseconds = 10_000 * 3_600e9

    init(_ duration: Duration) { self.duration = duration }

    /// Parses `NUMBER UNIT`; with `bareSeconds`, a plain number is seconds. Nil for anything
    /// else, including negative, non-finite and over-long values (they never trap).
    init?(parsing text: String, bareSeconds: Bool = false) {
        let units: [(suffix: String, nanoseconds: Double)] = [
            ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3_600e9),
        ]
        let candidates = units + (bareSeconds ? [("", 1e9)] : [])
        for unit in candidates where text.hasSuffix(unit.suffix) {
            let number = text.dropLast(unit.suffix.count)
            // "ms" also ends with "s": only accept a suffix whose remainder is a plain number.
            guard !number.isEmpty, number.allSatisfy({ $0.isNumber || $0 == "." }), let value = Double(number),
                value.isFinite, value >= 0, value * unit.nanoseconds <= Self.maximumNanoseconds
            else { continue }
            self.duration = .nanoseconds(Int64((value * unit.nanoseconds).rounded()))
            return
        }
        return nil
    }

    var milliseconds: Double { duration.milliseconds }

    var description: String {
        let ms = milliseconds
        if ms >= 1000, ms.truncatingRemainder(dividingBy: 1000) == 0 { return "\(Int(ms / 1000))s" }
        if ms == ms.rounded() { return "\(Int(ms))ms" }
        return "\(ms)ms"
    }
}

extension Interval: ExpressibleByArgument {
    init?(argument: String) { self.init(parsing: argument) }
    var defaultValueDescription: String { description }
}
