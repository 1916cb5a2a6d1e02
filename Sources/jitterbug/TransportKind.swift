import ArgumentParser

/// `send --transport`: UDP; TCP (RFC 4571) to the same port number; or auto (UDP, falling back to
/// TCP when UDP fails, and back).
enum TransportKind: String, ExpressibleByArgument, CaseIterable {
    case udp, tcp, auto
}
