extension TelemetryValue: Hashable {
    /// Bitwise equality: `.float32(.nan) == .float32(.nan)` and `+0.0 != -0.0`, which is what a
    /// lossless wire round trip must preserve.
    public static func == (lhs: TelemetryValue, rhs: TelemetryValue) -> Bool {
        switch (lhs, rhs) {
        case (.float32(let a), .float32(let b)): a.bitPattern == b.bitPattern
        case (.float64(let a), .float64(let b)): a.bitPattern == b.bitPattern
        case (.int16(let a), .int16(let b)): a == b
        case (.int32(let a), .int32(let b)): a == b
        case (.bool(let a), .bool(let b)): a == b
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(type)
        switch self {
        case .float32(let value): hasher.combine(value.bitPattern)
        case .float64(let value): hasher.combine(value.bitPattern)
        case .int16(let value): hasher.combine(value)
        case .int32(let value): hasher.combine(value)
        case .bool(let value): hasher.combine(value)
        }
    }
}
