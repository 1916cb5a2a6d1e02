import ArgumentParser
import Transport

/// Lets `--to HOST:PORT` parse straight into an address; bad values fail in `validate()`
/// with a message naming the value, so the raw text is kept here.
struct AddressArgument: Sendable, ExpressibleByArgument {
    var text: String
    init?(argument: String) { text = argument }

    /// - Parameters:
    ///   - allowBarePort: `PORT` alone means every address (listening).
    ///   - destination: a place to send to, so port 0 ("any free port") makes no sense.
    ///   - rtcpOnNextPort: RTCP will use port + 1, so port 65535 cannot be used.
    func parse(allowBarePort: Bool, destination: Bool = false, rtcpOnNextPort: Bool = false) throws -> EndpointAddress {
        let address: EndpointAddress
        do { address = try EndpointAddress(parsing: text, allowBarePort: allowBarePort) }
        catch { throw ValidationError(error.description) }
        if destination, address.port == 0 {
            throw ValidationError("invalid address '\(text)': port 0 is not a destination; expected a port from 1 to 65535")
        }
        if rtcpOnNextPort, address.port == 65_535 {
            throw ValidationError(
                "invalid address '\(text)': RTCP goes to port + 1, and port 65535 has none; use --rtcp-mux (RTP and RTCP on one port) or a port up to 65534")
        }
        return address
    }
}
