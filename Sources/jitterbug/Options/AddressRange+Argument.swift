import Transport

extension AddressRange {
    /// Transform for `--allow-from CIDR[,CIDR]`: parsed once; the error names the bad range and
    /// the accepted forms.
    /// An empty list (or an empty item) would allow nobody, or everybody: neither is what was meant.
    static func list(_ text: String) throws -> [AddressRange] {
        let items = text.split(separator: ",", omittingEmptySubsequences: false)
        guard !text.isEmpty, !items.contains(where: { $0.allSatisfy(\.isWhitespace) }) else {
            throw AddressListError(text: text)
        }
        return try items.map { try AddressRange(parsing: String($0)) }
    }
}

/// `--allow-from ''` or a list with an empty item (`10.0.0.0/8,`).
struct AddressListError: Error, CustomStringConvertible {
    var text: String
    var description: String {
        "empty address range in '\(text)': expected CIDR[,CIDR…], e.g. 192.0.2.0/24,2001:db8::/32 or 127.0.0.1"
    }
}
