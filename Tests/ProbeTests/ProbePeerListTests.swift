import Probe
import Testing

/// Peer lists from `--peer` and from JSON and YAML files.
@Suite struct ProbePeerListTests {
    @Test func jsonAndYAMLGiveTheSameList() throws {
        let json = #"[{"name": "paris", "address": "192.0.2.7:5004"}, {"name": "v6", "address": "[2001:db8::1]:6000"}]"#
        let yaml = """
            - name: paris
              address: "192.0.2.7:5004"
            - {name: v6, address: "[2001:db8::1]:6000"}
            """
        let fromJSON = try ProbePeerList.parse(json)
        let fromYAML = try ProbePeerList.parse(yaml)
        #expect(fromJSON == fromYAML)
        #expect(fromJSON.map(\.name) == ["paris", "v6"])
        #expect(fromJSON[1].address.host == "2001:db8::1")
        #expect(fromJSON[1].address.port == 6000)
        #expect(try ProbePeerList.parse("[]").isEmpty)
    }

    @Test func badFilesNameTheProblem() {
        let cases: [(String, String)] = [
            (#"{"name": "x"}"#, "expected a list"),
            ("- [unclosed", "not JSON or YAML"),
            (#"[{"address": "192.0.2.7:5004"}]"#, "missing 'name'"),
            (#"[{"name": "x"}]"#, "missing 'address'"),
            (#"[{"name": "x", "address": "192.0.2.7"}]"#, "invalid address '192.0.2.7'"),
            (#"[{"name": "x", "address": "192.0.2.7:70000"}]"#, "port '70000'"),
            (#"[{"name": "x", "address": "192.0.2.7:65535"}]"#, "1 to 65534"),
            (#"[{"name": "x y", "address": "192.0.2.7:5004"}]"#, "invalid peer name 'x y'"),
            (#"[{"name": "other", "address": "192.0.2.7:5004"}]"#, "invalid peer name 'other'"),
            (#"[{"name": "x", "address": "192.0.2.7:5004", "port": 1}]"#, "unknown field 'port'"),
            (#"[{"name": "x", "address": "192.0.2.7:5004", "srtp_key": "abc"}]"#, "srtp_key is not supported"),
            (#"[{"name": "x", "address": "192.0.2.7:5004"}, {"name": "x", "address": "192.0.2.8:5004"}]"#, "duplicate peer name 'x'"),
        ]
        for (text, expected) in cases {
            #expect(throws: ProbePeerListError.self, "\(text)") { try ProbePeerList.parse(text) }
            do {
                _ = try ProbePeerList.parse(text)
            } catch {
                #expect(error.description.contains(expected), "\(text): \(error.description)")
            }
        }
    }

    @Test func peerArguments() throws {
        let peer = try ProbePeerList.parseArgument("paris=192.0.2.7:5004")
        #expect(peer.name == "paris")
        #expect(peer.address.port == 5004)
        for (text, expected) in [
            ("paris", "expected NAME=HOST:PORT"), ("paris=192.0.2.7", "missing ':PORT'"), ("=192.0.2.7:5004", "invalid peer name ''"),
            ("paris=999.1.1.1:5004", "not an IPv4 address"),
        ] {
            do {
                _ = try ProbePeerList.parseArgument(text)
                Issue.record("\(text) was accepted")
            } catch {
                #expect(error.description.contains(expected), "\(text): \(error.description)")
            }
        }
    }
}
