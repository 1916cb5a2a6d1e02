import ArgumentParser
import Transport

/// Lets `--to HOST:PORT` parse straight into an address; bad values fail in `validate()`
/// with a message naming the value, so the raw text is kept here.
struct AddressArgument: Sendable, ExpressibleByArgument {
    var text: String
    init?(argument: String) { text = argument }

    func parse(allowBarePort: Bool) throws -> EndpointAddress {
        do { return try EndpointAddress(parsing: text, allowBarePort: allowBarePort) }
        catch { throw ValidationError(error.description) }
    }
}
