/// Converts a pcapng timestamp (units of the interface's `if_tsresol`) to nanoseconds.
/// `if_tsresol`'s high bit clear: units of 10^-n s; set: units of 2^-n s (pcapng
/// specification, interface description block options). Results beyond the range of `Int64` nanoseconds saturate.
struct TimestampScale: Equatable {
    private enum Kind: Equatable {
        /// nanoseconds = units × factor (resolutions of 1 s ... 1 ns).
        case multiply(Int64)
        /// nanoseconds = units / divisor (resolutions finer than 1 ns, down to 10^-19 s).
        case divide(UInt64)
        /// Units of 2^-shift s.
        case binary(shift: Int)
    }

    private let kind: Kind

    /// Microseconds, the pcapng default.
    static let microseconds = TimestampScale(kind: .multiply(1_000))

    private init(kind: Kind) { self.kind = kind }

    /// From the `if_tsresol` option byte; nil when the resolution is out of range (10^-n with
    /// n > 19, or 2^-n with n > 63).
    init?(tsresol: UInt8) {
        let exponent = Int(tsresol & 0x7f)
        if tsresol & 0x80 != 0 {
            guard exponent <= 63 else { return nil }
            kind = .binary(shift: exponent)
        } else if exponent <= 9 {
            var factor: Int64 = 1
            for _ in exponent..<9 { factor *= 10 }
            kind = .multiply(factor)
        } else {
            guard exponent <= 19 else { return nil }
            var divisor: UInt64 = 1
            for _ in 9..<exponent { divisor *= 10 }
            kind = .divide(divisor)
        }
    }

    /// `units` in nanoseconds, saturating at `Int64.max`.
    func nanoseconds(_ units: UInt64) -> Int64 {
        switch kind {
        case .multiply(let factor):
            let (product, overflow) = units.multipliedReportingOverflow(by: UInt64(factor))
            return overflow || product > UInt64(Int64.max) ? .max : Int64(product)
        case .divide(let divisor):
            return Int64(units / divisor)
        case .binary(let shift):
            let seconds = shift == 64 ? 0 : units >> UInt64(shift)
            let fraction = shift == 0 ? 0 : units & ((1 << UInt64(shift)) &- 1)
            // fraction × 10^9 / 2^shift, exactly, in 128 bits.
            let wide = fraction.multipliedFullWidth(by: 1_000_000_000)
            let fractionNanoseconds = shift == 0 ? 0 : (wide.high << (64 - UInt64(shift))) | (wide.low >> UInt64(shift))
            let (secondsNanoseconds, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
            let total = secondsNanoseconds &+ fractionNanoseconds
            return overflow || total > UInt64(Int64.max) || total < secondsNanoseconds ? .max : Int64(total)
        }
    }
}
