/// Bad telemetry input from a CSV or JSON Lines source, naming where it happened.
///
/// `description` reads like a compiler diagnostic: `sensors.csv:7: expected 4 columns, found 3`
/// (`stdin:3: ...` for standard input). ``reason`` is a stable snake_case label.
public struct TelemetryInputError: Error, Sendable, Hashable {
    /// What was wrong.
    public enum Problem: Sendable, Hashable {
        /// The input has no header row (CSV) or no object to infer a schema from (JSON Lines).
        case empty
        /// A CSV header cell is empty, names an unknown type, or a name repeats.
        case badHeader(String)
        /// The channels break a schema limit.
        case badSchema(TelemetrySchemaError)
        /// A CSV row's cell count differs from the header's.
        case wrongColumnCount(expected: Int, found: Int)
        /// A cell or JSON value is not a number (or not an integer in range) for its channel.
        case notANumber(channel: String, text: String)
        /// A value for a bool channel is not true/false (or 1/0 in CSV).
        case notABool(channel: String, text: String)
        /// A CSV line has an unterminated quoted field.
        case unbalancedQuote
        /// A JSON Lines line is not valid JSON; `detail` says where.
        case invalidJSON(String)
        /// A JSON Lines line is valid JSON but not an object.
        case notAnObject
        /// A JSON object lacks one of the schema's channels.
        case missingChannel(String)
        /// The JSON object's value cannot fix a channel type (schema inference).
        case cannotInferType(channel: String)
        /// The bytes are not UTF-8.
        case notUTF8
        /// read(2) failed with this errno.
        case readFailed(errno: Int32)
    }

    /// File path as given, or `stdin`.
    public let source: String
    /// 1-based line number, 0 when the problem is not tied to a line (e.g. open failure).
    public let line: Int
    public let problem: Problem

    public init(source: String, line: Int, problem: Problem) {
        self.source = source
        self.line = line
        self.problem = problem
    }

    /// Short snake_case label for counters and tests.
    public var reason: String {
        switch problem {
        case .empty: "empty"
        case .badHeader: "bad_header"
        case .badSchema: "bad_schema"
        case .wrongColumnCount: "wrong_column_count"
        case .notANumber: "not_a_number"
        case .notABool: "not_a_bool"
        case .unbalancedQuote: "unbalanced_quote"
        case .invalidJSON: "invalid_json"
        case .notAnObject: "not_an_object"
        case .missingChannel: "missing_channel"
        case .cannotInferType: "cannot_infer_type"
        case .notUTF8: "not_utf8"
        case .readFailed: "read_failed"
        }
    }
}
