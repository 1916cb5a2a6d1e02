extension TelemetryInputError: CustomStringConvertible {
    public var description: String {
        let location = line > 0 ? "\(source):\(line)" : source
        return "\(location): \(problemDescription)"
    }

    private var problemDescription: String {
        switch problem {
        case .empty:
            "no data (expected a header row or a first JSON object)"
        case .badHeader(let detail):
            "bad header: \(detail)"
        case .badSchema(let error):
            "bad schema: \(error)"
        case .wrongColumnCount(let expected, let found):
            "expected \(expected) columns, found \(found)"
        case .notANumber(let channel, let text):
            "channel '\(channel)': '\(text)' is not a valid number for its type"
        case .notABool(let channel, let text):
            "channel '\(channel)': '\(text)' is not a bool (use true/false)"
        case .unbalancedQuote:
            "unterminated quoted field"
        case .invalidJSON(let detail):
            "invalid JSON: \(detail)"
        case .notAnObject:
            "expected a JSON object ({...}) per line"
        case .missingChannel(let name):
            "missing channel '\(name)'"
        case .cannotInferType(let channel):
            "cannot infer a type for '\(channel)' (use a number or true/false)"
        case .notUTF8:
            "line is not valid UTF-8"
        case .readFailed(let errno):
            "read failed (errno \(errno))"
        }
    }
}
