import Capture

extension CaptureEndpoint {
    /// `192.0.2.1:5004`, or `[2001:db8::1]:5004` for IPv6 (RFC 5952 text: lower case, longest
    /// run of zero groups as `::`).
    public var text: String {
        if address.count == 16 { return "[\(Self.ipv6Text(address))]:\(port)" }
        if address.count == 4 { return address.map(String.init).joined(separator: ".") + ":\(port)" }
        return address.map { String($0, radix: 16) }.joined(separator: ".") + ":\(port)"
    }

    static func ipv6Text(_ bytes: [UInt8]) -> String {
        var groups: [UInt16] = []
        for index in stride(from: 0, to: 16, by: 2) { groups.append(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1])) }
        // The longest run of two or more zero groups becomes "::".
        var bestStart = -1
        var bestLength = 0
        var index = 0
        while index < groups.count {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            var end = index
            while end < groups.count, groups[end] == 0 { end += 1 }
            if end - index > bestLength, end - index >= 2 {
                bestStart = index
                bestLength = end - index
            }
            index = end
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestStart >= 0 else { return hex.joined(separator: ":") }
        let head = hex[0..<bestStart].joined(separator: ":")
        let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }
}
