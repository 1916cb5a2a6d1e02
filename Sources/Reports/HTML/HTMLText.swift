/// Escaping for HTML text and attribute values: every piece of text a report shows (labels,
/// file names, the command line, JSON strings) goes through here, so a capture or file named
/// `<script>` is shown, never run.
public enum HTMLText {
    /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references; safe in element
    /// content and in quoted attribute values. NUL and other C0 controls but tab, line feed and
    /// carriage return are shown as U+FFFD (HTML forbids them in documents).
    public static func escaped(_ text: String) -> String {
        // Most cells (paths, numbers) need nothing: one pass over the bytes, no copy.
        let special: (UInt8) -> Bool = { $0 < 0x20 || $0 == 0x7F || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
        guard text.utf8.contains(where: special) else { return text }
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\u{FFFD}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result
    }
}
