import Testing

/// Parses hex like "80 6f 00 01" (whitespace ignored) into bytes; records an issue on bad input.
func hex(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> [UInt8] {
    let digits = text.filter { !$0.isWhitespace }
    guard digits.count % 2 == 0 else {
        Issue.record("odd hex digit count", sourceLocation: sourceLocation)
        return []
    }
    var bytes: [UInt8] = []
    var index = digits.startIndex
    while index < digits.endIndex {
        let next = digits.index(index, offsetBy: 2)
        guard let byte = UInt8(digits[index..<next], radix: 16) else {
            Issue.record("bad hex \(digits[index..<next])", sourceLocation: sourceLocation)
            return []
        }
        bytes.append(byte)
        index = next
    }
    return bytes
}

/// Deterministic SplitMix64 generator so randomised code paths are reproducible.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
