import JitterbugSupport
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

