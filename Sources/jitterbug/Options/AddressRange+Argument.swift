import Transport

extension AddressRange {
    /// Transform for `--allow-from CIDR[,CIDR]`: parsed once; the error names the bad range and
    /// the accepted forms.
    static func list(_ text: String) throws -> [AddressRange] {
        try text.split(separator: ",").map { try AddressRange(parsing: String($0)) }
    }
}
