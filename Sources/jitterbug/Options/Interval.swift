import JitterbugSupport
import ArgumentParser

/// A time interval typed as a number with a unit: `20ms`, `2.5ms`, `10s`, `1.5m`, `500us`.
struct Interval: Sendable, Hashable, CustomStringConvertible {
    var duration: Duration

    static let acceptedForms = "a number with a unit us, ms, s or m (e.g. 20ms, 2.5ms, 10s, 1m)"

    init(_ duration: Duration) { self.duration = duration }

    init?(parsing text: String) {
        let units: [(suffix: String, nanoseconds: Double)] = [
            ("us", 1e3), ("µs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9),
        ]
        for unit in units where text.hasSuffix(unit.suffix) {
            let number = text.dropLast(unit.suffix.count)
            // "ms" also ends with "s": only accept a suffix whose remainder is a plain number.
            guard let value = Double(number), value.isFinite, value >= 0,
                number.allSatisfy({ $0.isNumber || $0 == "." })
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
