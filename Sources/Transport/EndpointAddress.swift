import NIOCore

/// A host and port as typed by a person: `HOST:PORT`, `[IPV6]:PORT`, or (for listening) `PORT`.
///
/// Parsing is pure; ``resolve()`` turns it into a socket address (a DNS lookup for names).
package struct EndpointAddress: Sendable, Hashable, CustomStringConvertible {
    /// Host name or literal address, without IPv6 brackets. `nil` only for a bare listen port.
    package var host: String?
    /// UDP/TCP port, 0...65535 (0 means "any free port" when binding).
    package var port: Int

    package init(host: String?, port: Int) {
        self.host = host
        self.port = port
    }

    /// The accepted forms, for error messages.
    package static let acceptedForms = "HOST:PORT, [IPV6]:PORT (e.g. 127.0.0.1:5004, [::1]:5004), or PORT to listen on all addresses"

    /// Parses `HOST:PORT`, `[IPV6]:PORT`, or `PORT` when `allowBarePort` is set.
    package init(parsing text: String, allowBarePort: Bool) throws(EndpointAddressError) {
        let trimmed = text
        guard !trimmed.isEmpty else { throw EndpointAddressError(input: text, problem: "empty address") }
        var hostPart: Substring?
        var portPart: Substring
        if trimmed.hasPrefix("[") {
            guard let close = trimmed.firstIndex(of: "]") else {
                throw EndpointAddressError(input: text, problem: "missing ']' after IPv6 address")
            }
            hostPart = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
            let rest = trimmed[trimmed.index(after: close)...]
            guard rest.hasPrefix(":") else { throw EndpointAddressError(input: text, problem: "missing ':PORT' after ']'") }
            portPart = rest.dropFirst()
        } else if let colon = trimmed.lastIndex(of: ":") {
            hostPart = trimmed[..<colon]
            if hostPart?.contains(":") == true {
                throw EndpointAddressError(input: text, problem: "an IPv6 address needs brackets, as in [::1]:5004")
            }
            portPart = trimmed[trimmed.index(after: colon)...]
        } else if allowBarePort {
            portPart = Substring(trimmed)
        } else {
            throw EndpointAddressError(input: text, problem: "missing ':PORT'")
        }
        if let h = hostPart, h.isEmpty {
            throw EndpointAddressError(input: text, problem: "empty host")
        }
        if let h = hostPart, h.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }), !Self.isIPv4Literal(h) {
            throw EndpointAddressError(input: text, problem: "'\(h)' is not an IPv4 address (four numbers from 0 to 255)")
        }
        guard let port = Int(portPart), (0...65535).contains(port) else {
            throw EndpointAddressError(input: text, problem: "port '\(portPart)' is not a number from 0 to 65535")
        }
        self.host = hostPart.map(String.init)
        self.port = port
    }

    /// Dotted-quad IPv4: four decimal numbers from 0 to 255.
    static func isIPv4Literal(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in
            !part.isEmpty && part.count <= 3 && (Int(part).map { $0 <= 255 } ?? false)
        }
    }

    package var description: String {
        guard let host else { return "\(port)" }
        return host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Resolves to a socket address. A missing host means the IPv6/IPv4 wildcard `::`
    /// is not portable, so listening without a host binds `0.0.0.0`.
    /// - Throws: ``EndpointResolveError`` naming the host when it cannot be resolved.
    package func resolve() throws -> SocketAddress {
        let name = host ?? "0.0.0.0"
        do {
            return try SocketAddress.makeAddressResolvingHost(name, port: port)
        } catch {
            throw EndpointResolveError(host: name)
        }
    }
}

/// A malformed address; the message names the bad value and the accepted forms.
package struct EndpointAddressError: Error, Sendable, CustomStringConvertible {
    package var input: String
    package var problem: String
    package var description: String {
        "invalid address '\(input)': \(problem); expected \(EndpointAddress.acceptedForms)"
    }
}

/// A host name that does not resolve (no such name, or no network to ask).
package struct EndpointResolveError: Error, Sendable, CustomStringConvertible {
    package var host: String
    package var description: String { "cannot resolve '\(host)': no address found for that name" }
}
