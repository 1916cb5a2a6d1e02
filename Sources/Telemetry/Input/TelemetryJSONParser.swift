/// A small RFC 8259 JSON parser for one JSON Lines record. Never traps: malformed input yields
/// a ``TelemetryJSONParser/Failure`` with the byte column. Nesting is limited to 64 levels.
struct TelemetryJSONParser {
    /// Why parsing stopped, with the 1-based byte column.
    struct Failure: Error, Sendable, Hashable {
        let message: String
        let column: Int
        var description: String { "\(message) at column \(column)" }
    }

    static let maxDepth = 64

    private let bytes: [UInt8]
    private var offset = 0

    /// Parses `text` as exactly one JSON value (surrounding whitespace allowed).
    static func parse(_ text: String) throws(Failure) -> TelemetryJSONValue {
        var parser = TelemetryJSONParser(bytes: Array(text.utf8))
        let value = try parser.parseValue(depth: 0)
        parser.skipWhitespace()
        guard parser.offset == parser.bytes.count else { throw parser.failure("unexpected text after the value") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func failure(_ message: String) -> Failure { Failure(message: message, column: offset + 1) }

    private var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { offset += 1 }
    }

    private mutating func parseValue(depth: Int) throws(Failure) -> TelemetryJSONValue {
        guard depth < Self.maxDepth else { throw failure("nesting deeper than \(Self.maxDepth) levels") }
        skipWhitespace()
        guard let byte = current else { throw failure("expected a value") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw failure("unexpected character '\(Character(Unicode.Scalar(byte)))'")
        }
    }

    private mutating func expectLiteral(_ literal: String) throws(Failure) {
        let expected = Array(literal.utf8)
        guard bytes.count - offset >= expected.count, Array(bytes[offset..<(offset + expected.count)]) == expected else {
            throw failure("invalid literal")
        }
        offset += expected.count
    }

    private mutating func parseObject(depth: Int) throws(Failure) -> TelemetryJSONValue {
        offset += 1  // {
        var members: [(key: String, value: TelemetryJSONValue)] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            offset += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw failure("expected a string key") }
            let key = try parseString()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw failure("expected ':'") }
            offset += 1
            members.append((key, try parseValue(depth: depth + 1)))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "}"): offset += 1; return .object(members)
            default: throw failure("expected ',' or '}'")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws(Failure) -> TelemetryJSONValue {
        offset += 1  // [
        var elements: [TelemetryJSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            offset += 1
            return .array(elements)
        }
        while true {
            elements.append(try parseValue(depth: depth + 1))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "]"): offset += 1; return .array(elements)
            default: throw failure("expected ',' or ']'")
            }
        }
    }

    private mutating func parseNumber() throws(Failure) -> String {
        let start = offset
        func digits(_ parser: inout TelemetryJSONParser) -> Int {
            var count = 0
            while let byte = parser.current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) {
                parser.offset += 1
                count += 1
            }
            return count
        }
        if current == UInt8(ascii: "-") { offset += 1 }
        if current == UInt8(ascii: "0") {
            offset += 1
        } else if digits(&self) == 0 {
            throw failure("invalid number")
        }
        if current == UInt8(ascii: ".") {
            offset += 1
            guard digits(&self) > 0 else { throw failure("invalid number") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            offset += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { offset += 1 }
            guard digits(&self) > 0 else { throw failure("invalid number") }
        }
        return String(decoding: bytes[start..<offset], as: UTF8.self)
    }

    private mutating func parseString() throws(Failure) -> String {
        offset += 1  // opening quote
        var pendingHighSurrogate: UInt32?
        var literalStart = offset
        var result = ""
        // Runs of plain bytes are copied in one go; escapes append their scalar directly.
        func flushLiteral(_ parser: TelemetryJSONParser, upTo end: Int) {
            result += String(decoding: parser.bytes[literalStart..<end], as: UTF8.self)
        }
        while true {
            guard let byte = current else { throw failure("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                flushLiteral(self, upTo: offset)
                offset += 1
                guard pendingHighSurrogate == nil else { throw failure("unpaired surrogate") }
                return result
            case UInt8(ascii: "\\"):
                flushLiteral(self, upTo: offset)
                offset += 1
                guard let escape = current else { throw failure("unterminated string") }
                offset += 1
                let simple: Unicode.Scalar?
                switch escape {
                case UInt8(ascii: "\""): simple = "\""
                case UInt8(ascii: "\\"): simple = "\\"
                case UInt8(ascii: "/"): simple = "/"
                case UInt8(ascii: "b"): simple = "\u{08}"
                case UInt8(ascii: "f"): simple = "\u{0C}"
                case UInt8(ascii: "n"): simple = "\n"
                case UInt8(ascii: "r"): simple = "\r"
                case UInt8(ascii: "t"): simple = "\t"
                case UInt8(ascii: "u"): simple = nil
                default: throw failure("invalid escape")
                }
                if let simple {
                    guard pendingHighSurrogate == nil else { throw failure("unpaired surrogate") }
                    result.unicodeScalars.append(simple)
                } else {
                    let unit = try parseHex4()
                    if let high = pendingHighSurrogate {
                        guard (0xDC00...0xDFFF).contains(unit) else { throw failure("unpaired surrogate") }
                        pendingHighSurrogate = nil
                        let combined = 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00)
                        guard let scalar = Unicode.Scalar(combined) else { throw failure("invalid surrogate pair") }
                        result.unicodeScalars.append(scalar)
                    } else if (0xD800...0xDBFF).contains(unit) {
                        pendingHighSurrogate = unit
                    } else {
                        guard let scalar = Unicode.Scalar(unit) else { throw failure("unpaired surrogate") }
                        result.unicodeScalars.append(scalar)
                    }
                }
                literalStart = offset
            case 0x00..<0x20:
                throw failure("control character in string")
            default:
                guard pendingHighSurrogate == nil else { throw failure("unpaired surrogate") }
                offset += 1
            }
        }
    }

    private mutating func parseHex4() throws(Failure) -> UInt32 {
        guard bytes.count - offset >= 4 else { throw failure("invalid \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = Self.hexValue(byte) else { throw failure("invalid \\u escape") }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }
}
