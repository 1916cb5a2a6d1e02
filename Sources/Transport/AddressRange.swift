import NIOCore

/// An IPv4 or IPv6 prefix (`192.0.2.0/24`, `2001:db8::/32`, or one address) for `--allow-from`.
package struct AddressRange: Sendable, Hashable, CustomStringConvertible {
    /// Network address bytes (4 or 16) and prefix length in bits.
    package let network: [UInt8]
    package let prefixLength: Int

    package static let acceptedForms = "ADDRESS or ADDRESS/PREFIX, IPv4 or IPv6 (e.g. 192.0.2.0/24, 2001:db8::/32, 127.0.0.1)"

    package init(parsing text: String) throws(AddressRangeError) {
        let parts = text.split(separator: "/", maxSplits: 1)
        guard let host = parts.first, !host.isEmpty,
            let address = try? SocketAddress(ipAddress: String(host), port: 0), let bytes = Self.bytes(of: address)
        else {
            throw AddressRangeError(input: text, problem: "not an address")
        }
        let bits = bytes.count * 8
        var prefix = bits
        if parts.count == 2 {
            guard let value = Int(parts[1]), (0...bits).contains(value) else {
                throw AddressRangeError(input: text, problem: "prefix length must be 0 to \(bits)")
            }
            prefix = value
        }
        network = bytes
        prefixLength = prefix
    }

    /// Whether `address` falls in this range (an IPv4-mapped IPv6 address matches IPv4 ranges).
    package func contains(_ address: SocketAddress) -> Bool {
        guard var bytes = Self.bytes(of: address) else { return false }
        if bytes.count == 16, network.count == 4, bytes.prefix(12) == [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] {
            bytes = Array(bytes.suffix(4))
        }
        guard bytes.count == network.count else { return false }
        var remaining = prefixLength
        for (a, b) in zip(bytes, network) where remaining > 0 {
            let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
            if a & mask != b & mask { return false }
            remaining -= 8
        }
        return true
    }

    package var description: String {
        let address = network.count == 4
            ? network.map(String.init).joined(separator: ".")
            : stride(from: 0, to: 16, by: 2).map { String(UInt16(network[$0]) << 8 | UInt16(network[$0 + 1]), radix: 16) }
                .joined(separator: ":")
        return "\(address)/\(prefixLength)"
    }

    static func bytes(of address: SocketAddress) -> [UInt8]? {
        switch address {
        case .v4(let v4):
            let value = UInt32(bigEndian: v4.address.sin_addr.s_addr)
            return [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
        case .v6(let v6):
            return withUnsafeBytes(of: v6.address.sin6_addr) { Array($0) }
        default:
            return nil
        }
    }
}

/// A malformed `--allow-from` range; the message names it and the accepted forms.
package struct AddressRangeError: Error, Sendable, CustomStringConvertible {
    package var input: String
    package var problem: String
    package var description: String { "invalid address range '\(input)': \(problem); expected \(AddressRange.acceptedForms)" }
}
