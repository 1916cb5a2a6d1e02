import Foundation
import Probe
import SRTP
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
            (#"[{"name": "x", "address": "192.0.2.7:5004", "srtp_key": "abc"}]"#, "entry 1 ('x') srtp_key: invalid SRTP key"),
            (#"[{"name": "x", "address": "192.0.2.7:5004", "srtp_key": "QUJD"}]"#, "invalid SRTP key"),
            (#"[{"name": "x", "address": "192.0.2.7:5004", "srtp_key": 12}]"#, "srtp_key must be a text"),
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

    /// `srtp_key` in a peers file is that peer's key (the base64 of `jitterbug keygen`), under
    /// the suite given; peers without it have none; the key never appears in an error.
    @Test func srtpKeysInThePeersFile() throws {
        var random = SystemRandomNumberGenerator()
        let key = SRTPKeyMaterial.generate(suite: .aesCM128HMACSHA1_80, using: &random)
        let gcm = SRTPKeyMaterial.generate(suite: .aeadAES128GCM, using: &random)
        let yaml = """
            - {name: paris, address: "192.0.2.7:5004", srtp_key: "\(key.base64)"}
            - {name: rome, address: "192.0.2.9:5004"}
            """
        let peers = try ProbePeerList.parse(yaml)
        #expect(peers.map(\.srtpKey) == [key, nil])
        let json = #"[{"name": "p", "address": "192.0.2.7:5004", "srtp_key": "\#(gcm.base64)"}]"#
        #expect(try ProbePeerList.parse(json, suite: .aeadAES128GCM).first?.srtpKey == gcm)
        // A key of another suite's length names the lengths, not the key.
        do {
            _ = try ProbePeerList.parse(json)
            Issue.record("a GCM key accepted as AES_CM_128_HMAC_SHA1_80")
        } catch {
            #expect(error.description.contains("invalid SRTP key"), "\(error.description)")
            #expect(!error.description.contains(gcm.base64))
        }
    }

    /// `--peer-key-file NAME=FILE` reads the file and gives that peer its key; a name that is
    /// no peer, a missing file or a bad key is an error naming the value.
    @Test func peerKeyFiles() throws {
        var random = SystemRandomNumberGenerator()
        let key = SRTPKeyMaterial.generate(suite: .aesCM128HMACSHA1_80, using: &random)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("probe-keys-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let good = directory.appendingPathComponent("paris.key").path
        let bad = directory.appendingPathComponent("bad.key").path
        try (key.base64 + "\n").write(toFile: good, atomically: true, encoding: .utf8)
        try "not a key".write(toFile: bad, atomically: true, encoding: .utf8)
        let peers = [try ProbePeerList.parseArgument("paris=192.0.2.7:5004"), try ProbePeerList.parseArgument("rome=192.0.2.9:5004")]
        let parsed = try ProbePeerList.parseKeyFileArgument("paris=\(good)", suite: .aesCM128HMACSHA1_80)
        let keyed = try ProbePeerList.applying(keys: [parsed], to: peers)
        #expect(keyed.map(\.srtpKey) == [key, nil])
        for (text, expected) in [
            ("paris", "expected NAME=FILE"), ("=\(good)", "expected NAME=FILE"),
            ("paris=\(directory.path)/none.key", "cannot read"), ("paris=\(bad)", "invalid SRTP key"),
        ] {
            do {
                _ = try ProbePeerList.parseKeyFileArgument(text, suite: .aesCM128HMACSHA1_80)
                Issue.record("\(text) was accepted")
            } catch {
                #expect(error.description.contains(expected), "\(text): \(error.description)")
            }
        }
        let unknown = try ProbePeerList.parseKeyFileArgument("lima=\(good)", suite: .aesCM128HMACSHA1_80)
        #expect(throws: ProbePeerListError.self) { try ProbePeerList.applying(keys: [unknown], to: peers) }
    }
}
