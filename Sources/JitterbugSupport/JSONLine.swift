/// One JSON object on one line, built member by member in the order they are added, for the
/// JSON Lines outputs whose key order and number text are promised in the docs (fixed key order,
/// exactly three decimals), which `JSONEncoder` cannot keep. The package's one JSON text writer:
/// strings get the RFC 8259 escapes here and nowhere else.
package struct JSONLine: Sendable, Hashable {
    /// How a non-finite number is written (JSON has no literal for NaN or infinities).
    package enum NonFinite: Sendable {
        /// `null`.
        case null
        /// The strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
        case string
    }

    /// The members so far, comma-separated, without braces.
    private var members = ""

    package init() {}

    /// The object: `{` members `}`, no newline.
    package var text: String { "{" + members + "}" }

    /// An integer.
    package mutating func add(_ key: String, _ value: some BinaryInteger) { append(key, String(value)) }

    /// An integer, or `null`.
    package mutating func add(_ key: String, _ value: (some BinaryInteger)?) { append(key, value.map { String($0) } ?? "null") }

    /// `true` or `false`.
    package mutating func add(_ key: String, _ value: Bool) { append(key, value ? "true" : "false") }

    /// A string, or `null`.
    package mutating func add(_ key: String, _ value: String?) { append(key, value.map(Self.quoted) ?? "null") }

    /// `null`.
    package mutating func addNull(_ key: String) { append(key, "null") }

    /// A number as the shortest decimal that round-trips (`0.1`, `2.0`, `1e-05`), or `null`.
    package mutating func add<Number: BinaryFloatingPoint & LosslessStringConvertible>(
        _ key: String, _ value: Number?, nonFinite: NonFinite = .null
    ) {
        guard let value else { return append(key, "null") }
        guard !value.isFinite else { return append(key, value.description) }
        switch nonFinite {
        case .null: append(key, "null")
        case .string: append(key, Self.quoted(value.isNaN ? "NaN" : value < 0 ? "-Infinity" : "Infinity"))
        }
    }

    /// A number with exactly `decimals` digits after the point (``Swift/Double/formatted(decimals:)``),
    /// `null` when not finite.
    package mutating func add(_ key: String, _ value: Double, decimals: Int) {
        append(key, value.isFinite ? value.formatted(decimals: decimals) : "null")
    }

    /// An array of integers.
    package mutating func add(_ key: String, _ values: [some BinaryInteger]) {
        append(key, "[" + values.map { String($0) }.joined(separator: ",") + "]")
    }

    /// A nested object.
    package mutating func add(_ key: String, _ object: JSONLine) { append(key, object.text) }

    /// An array of objects.
    package mutating func add(_ key: String, _ objects: [JSONLine]) {
        append(key, "[" + objects.map(\.text).joined(separator: ",") + "]")
    }

    /// `other`'s members after this object's (keys are not checked for repeats).
    package mutating func append(contentsOf other: JSONLine) {
        guard !other.members.isEmpty else { return }
        members += members.isEmpty ? other.members : "," + other.members
    }

    private mutating func append(_ key: String, _ value: String) {
        if !members.isEmpty { members += "," }
        members += Self.quoted(key) + ":" + value
    }

    /// `text` as a JSON string literal: quote, backslash and control characters escaped
    /// (RFC 8259 §7), everything else as is (UTF-8, `/` unescaped).
    package static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
