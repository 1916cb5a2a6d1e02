#if os(Linux)

/// Parses `/proc/net/snmp` (and `/proc/net/netstat`): pairs of lines with the same prefix, the
/// first naming the counters and the second giving their values, e.g.
///
///     Tcp: RtoAlgorithm RtoMin ... RetransSegs InErrs OutRsts InCsumErrors
///     Tcp: 1 200 ... 17 0 3 0
package struct LabSNMPCounters: Sendable, Hashable {
    /// Values by group ("Tcp", "Udp", "Ip", ...) and counter name. Unparsable values are left out.
    package var groups: [String: [String: Int]]

    package init(parsing text: String) {
        groups = [:]
        var headers: [String: [Substring]] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let group = String(line[..<colon])
            let fields = line[line.index(after: colon)...].split(separator: " ")
            if let names = headers[group] {
                var values: [String: Int] = [:]
                for (name, value) in zip(names, fields) {
                    if let number = Int(value) { values[String(name)] = number }
                }
                groups[group] = values
                headers[group] = nil
            } else {
                headers[group] = fields
            }
        }
    }

    /// One counter, nil when absent.
    package subscript(group: String, counter: String) -> Int? {
        groups[group]?[counter]
    }

    /// `Tcp: RetransSegs`, the segments the namespace's TCP retransmitted.
    package var tcpRetransmittedSegments: Int? { self["Tcp", "RetransSegs"] }
}
#endif
