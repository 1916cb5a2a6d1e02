import Testing
import Transport

@Suite struct EndpointAddressTests {
    @Test(arguments: [
        ("127.0.0.1:5004", "127.0.0.1", 5004),
        ("[::1]:5004", "::1", 5004),
        ("localhost:0", "localhost", 0),
        ("[2001:db8::7]:65535", "2001:db8::7", 65535),
    ])
    func parsesHostAndPort(text: String, host: String, port: Int) throws {
        let address = try EndpointAddress(parsing: text, allowBarePort: false)
        #expect(address.host == host)
        #expect(address.port == port)
        #expect(address.description == text)
    }

    @Test func barePortOnlyWhenListening() throws {
        let listen = try EndpointAddress(parsing: "5004", allowBarePort: true)
        #expect(listen.host == nil && listen.port == 5004)
        #expect(throws: EndpointAddressError.self) { try EndpointAddress(parsing: "5004", allowBarePort: false) }
    }

    @Test(arguments: ["", "host:", "host:65536", "host:-1", "::1:5004", "[::1]5004", "[::1", ":5004", "host:50x4"])
    func rejectsMalformed(text: String) {
        do {
            _ = try EndpointAddress(parsing: text, allowBarePort: false)
            Issue.record("accepted '\(text)'")
        } catch {
            #expect(error.description.contains("'\(text)'"))
            #expect(error.description.contains("HOST:PORT"))
        }
    }

    @Test func resolvesLoopbackLiterals() throws {
        #expect(try EndpointAddress(host: "127.0.0.1", port: 9).resolve().port == 9)
        #expect(try EndpointAddress(host: "::1", port: 9).resolve().protocol == .inet6)
    }
}
