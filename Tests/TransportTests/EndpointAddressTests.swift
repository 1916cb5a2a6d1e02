import NIOCore
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

    @Test(arguments: [
        "", "host:", "host:65536", "host:-1", "::1:5004", "[::1]5004", "[::1", ":5004", "host:50x4",
        "300.1.1.1:5004", "1.2.3:5004", "1.2.3.4.5:5004", "1..2.3:5004",
    ])
    func rejectsMalformed(text: String) {
        do {
            _ = try EndpointAddress(parsing: text, allowBarePort: false)
            Issue.record("accepted '\(text)'")
        } catch {
            #expect(error.description.contains("'\(text)'"))
            #expect(error.description.contains("HOST:PORT"))
        }
    }

    @Test func dottedNumbersMustBeAnIPv4Address() {
        #expect(throws: EndpointAddressError.self) { try EndpointAddress(parsing: "256.0.0.1:5004", allowBarePort: false) }
        #expect((try? EndpointAddress(parsing: "255.255.255.255:5004", allowBarePort: false)) != nil)
    }

    @Test func unresolvableNamesSayWhich() {
        do {
            _ = try EndpointAddress(host: "nosuchhost.invalid", port: 9).resolve()
            Issue.record("resolved a .invalid name")
        } catch {
            #expect("\(error)" == "cannot resolve 'nosuchhost.invalid': no address found for that name")
        }
    }

    @Test func rtcpPortIsPortPlusOneAndNeverTraps() throws {
        #expect(try SocketAddress(ipAddress: "127.0.0.1", port: 5004).rtcpPort().port == 5005)
        #expect(try SocketAddress(ipAddress: "127.0.0.1", port: 65534).rtcpPort().port == 65535)
        #expect(throws: RTCPPortError.self) { try SocketAddress(ipAddress: "127.0.0.1", port: 65535).rtcpPort() }
    }

    @Test func resolvesLoopbackLiterals() throws {
        #expect(try EndpointAddress(host: "127.0.0.1", port: 9).resolve().port == 9)
        #expect(try EndpointAddress(host: "::1", port: 9).resolve().protocol == .inet6)
    }
}

@Suite struct AddressRangeTests {
    @Test func matchesPrefixes() throws {
        let net = try AddressRange(parsing: "192.0.2.0/24")
        #expect(net.contains(try SocketAddress(ipAddress: "192.0.2.77", port: 1)))
        #expect(!net.contains(try SocketAddress(ipAddress: "192.0.3.1", port: 1)))
        #expect(net.contains(try SocketAddress(ipAddress: "::ffff:192.0.2.9", port: 1)), "IPv4-mapped IPv6")
        let v6 = try AddressRange(parsing: "2001:db8::/32")
        #expect(v6.contains(try SocketAddress(ipAddress: "2001:db8:1::5", port: 1)))
        #expect(!v6.contains(try SocketAddress(ipAddress: "2001:db9::5", port: 1)))
        #expect(try AddressRange(parsing: "127.0.0.1").contains(try SocketAddress(ipAddress: "127.0.0.1", port: 9)))
        #expect(try AddressRange(parsing: "0.0.0.0/0").contains(try SocketAddress(ipAddress: "203.0.113.1", port: 9)))
    }

    @Test(arguments: ["", "192.0.2.0/33", "nonsense", "10.0.0.0/x", "2001:db8::/129"])
    func rejectsMalformed(text: String) {
        #expect(throws: AddressRangeError.self) { try AddressRange(parsing: text) }
    }
}
