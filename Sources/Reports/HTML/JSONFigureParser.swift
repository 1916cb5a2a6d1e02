/// A small recursive-descent JSON reader (RFC 8259) that keeps numbers as their text; used only
/// by ``JSONFigures``. Foundation's readers turn numbers into `Double` (losing 64-bit integers
/// such as nanosecond times) and cannot say how a number was written.
struct JSONFigureParser {
    let bytes: [UInt8]
    var offset = 0

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func parseDocument(figures: inout [JSONFigure], omitted: inout [(path: String, count: Int)]) throws(JSONFiguresError) {
        try value(path: "", depth: 0, figures: &figures, omitted: &omitted)
        skipSpace()
        guard offset == bytes.count else { throw failure("text after the document") }
    }

    private func failure(_ reason: String) -> JSONFiguresError { JSONFiguresError(offset: offset, reason: reason) }

    private mutating func skipSpace() {
        while offset < bytes.count, Self.isSpace(bytes[offset]) { offset += 1 }
    }

    private func child(_ path: String, key: String) -> String { path.isEmpty ? key : path + "." + key }

    private mutating func value(
        path: String, depth: Int, figures: inout [JSONFigure], omitted: inout [(path: String, count: Int)]
    ) throws(JSONFiguresError) {
        guard depth < JSONFigures.maximumDepth else { throw failure("nested too deeply") }
        skipSpace()
        guard offset < bytes.count else { throw failure("unexpected end") }
        switch bytes[offset] {
        case UInt8(ascii: "{"):
            offset += 1
            skipSpace()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "}") { offset += 1; return }
            while true {
                skipSpace()
                let key = try string()
                skipSpace()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { throw failure("expected ':'") }
                offset += 1
                try value(path: child(path, key: key), depth: depth + 1, figures: &figures, omitted: &omitted)
                skipSpace()
                guard offset < bytes.count else { throw failure("unexpected end in an object") }
                if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
                guard bytes[offset] == UInt8(ascii: "}") else { throw failure("expected ',' or '}'") }
                offset += 1
                return
            }
        case UInt8(ascii: "["):
            offset += 1
            var elements: [JSONFigure] = []
            var index = 0
            var scalars = true
            skipSpace()
            if offset < bytes.count, bytes[offset] == UInt8(ascii: "]") { offset += 1; return }
            while true {
                skipSpace()
                if offset < bytes.count, bytes[offset] == UInt8(ascii: "{") || bytes[offset] == UInt8(ascii: "[") { scalars = false }
                try value(path: path + "[\(index)]", depth: depth + 1, figures: &elements, omitted: &omitted)
                index += 1
                skipSpace()
                guard offset < bytes.count else { throw failure("unexpected end in an array") }
                if bytes[offset] == UInt8(ascii: ",") { offset += 1; continue }
                guard bytes[offset] == UInt8(ascii: "]") else { throw failure("expected ',' or ']'") }
                offset += 1
                break
            }
            // A long list of plain values is a per-packet record: summarised, not listed.
            if scalars, index > JSONFigures.maximumListedValues {
                omitted.append((path, index))
            } else {
                figures += elements
            }
        case UInt8(ascii: "\""):
            figures.append(JSONFigure(path: path, value: try string(), kind: .string))
        default:
            let start = offset
            while offset < bytes.count, !Self.endsToken(bytes[offset]) { offset += 1 }
            let token = String(decoding: bytes[start..<offset], as: UTF8.self)
            switch token {
            case "true", "false": figures.append(JSONFigure(path: path, value: token, kind: .bool))
            case "null": figures.append(JSONFigure(path: path, value: token, kind: .null))
            default:
                offset = start
                guard Self.isNumber(token) else { throw failure("not a JSON value: '\(token.prefix(20))'") }
                offset += token.utf8.count
                figures.append(JSONFigure(path: path, value: token, kind: .number))
            }
        }
    }

    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// A byte after which a number or literal ends: space or a structural character.
    static func endsToken(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}")
    }

    /// RFC 8259 number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
    static func isNumber(_ token: String) -> Bool {
        var scalars = Substring(token).unicodeScalars[...]
        func digits() -> Int {
            let count = scalars.prefix { ("0"..."9").contains($0) }.count
            scalars = scalars.dropFirst(count)
            return count
        }
        if scalars.first == "-" { scalars = scalars.dropFirst() }
        if scalars.first == "0" { scalars = scalars.dropFirst() } else if digits() == 0 { return false }
        if scalars.first == "." {
            scalars = scalars.dropFirst()
            if digits() == 0 { return false }
        }
        if scalars.first == "e" || scalars.first == "E" {
            scalars = scalars.dropFirst()
            if scalars.first == "+" || scalars.first == "-" { scalars = scalars.dropFirst() }
            if digits() == 0 { return false }
        }
        return scalars.isEmpty
    }

    /// A string token, decoded (escapes, surrogate pairs; lone surrogates become U+FFFD).
    private mutating func string() throws(JSONFiguresError) -> String {
        guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw failure("expected a string") }
        offset += 1
        var raw: [UInt8] = []
        while offset < bytes.count {
            let byte = bytes[offset]
            offset += 1
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: raw, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard offset < bytes.count else { throw failure("unexpected end in a string") }
                let escape = bytes[offset]
                offset += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): raw.append(escape)
                case UInt8(ascii: "b"): raw.append(0x08)
                case UInt8(ascii: "f"): raw.append(0x0C)
                case UInt8(ascii: "n"): raw.append(0x0A)
                case UInt8(ascii: "r"): raw.append(0x0D)
                case UInt8(ascii: "t"): raw.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar), offset + 1 < bytes.count,
                       bytes[offset] == UInt8(ascii: "\\"), bytes[offset + 1] == UInt8(ascii: "u") {
                        offset += 2
                        let low = try hex4()
                        scalar = (0xDC00..<0xE000).contains(low) ? 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00) : 0xFFFD
                    }
                    raw += Array(String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
                default: throw failure("bad escape in a string")
                }
            default:
                guard byte >= 0x20 else { throw failure("control character in a string") }
                raw.append(byte)
            }
        }
        throw failure("unterminated string")
    }

    private mutating func hex4() throws(JSONFiguresError) -> UInt32 {
        guard offset + 4 <= bytes.count,
              let value = UInt32(String(decoding: bytes[offset..<offset + 4], as: UTF8.self), radix: 16)
        else { throw failure("bad \\u escape") }
        offset += 4
        return value
    }
}
