import Foundation
import SRTP
import Transport
import Yams

/// Peer lists: `--peer NAME=HOST:PORT` values and `--peers FILE` (a JSON or YAML list of
/// `{name:, address: "host:port", srtp_key:}`), checked the same way: valid names, valid
/// addresses, no name twice.
package enum ProbePeerList {
    /// Most peers in one list: beyond this the label set and the schedule stop being sensible.
    package static let maximumPeers = 10_000

    /// Parses one `--peer` value, `NAME=HOST:PORT`.
    package static func parseArgument(_ text: String) throws(ProbePeerListError) -> ProbePeer {
        guard let equals = text.firstIndex(of: "=") else {
            throw ProbePeerListError("invalid --peer '\(text)': expected NAME=HOST:PORT, e.g. paris=192.0.2.7:5004")
        }
        return try peer(
            name: String(text[..<equals]), address: String(text[text.index(after: equals)...]), context: "--peer '\(text)'")
    }

    /// Parses one `--peer-key-file` value, `NAME=FILE` (the file holds the base64 key and salt,
    /// as `jitterbug keygen` writes it). The error names the value, never the key.
    package static func parseKeyFileArgument(
        _ text: String, suite: SRTPSuite
    ) throws(ProbePeerListError) -> (name: String, key: SRTPKeyMaterial) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex, text.index(after: equals) != text.endIndex else {
            throw ProbePeerListError("invalid --peer-key-file '\(text)': expected NAME=FILE, e.g. paris=paris.key (from jitterbug keygen)")
        }
        let name = String(text[..<equals])
        let path = String(text[text.index(after: equals)...])
        guard let contents = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ProbePeerListError("invalid --peer-key-file '\(text)': cannot read '\(path)'")
        }
        return (name, try key(contents, suite: suite, context: "--peer-key-file '\(text)'"))
    }

    /// Gives the peers named in `keys` their key; a name that is no peer is an error.
    package static func applying(
        keys: [(name: String, key: SRTPKeyMaterial)], to peers: [ProbePeer]
    ) throws(ProbePeerListError) -> [ProbePeer] {
        var peers = peers
        for (name, key) in keys {
            guard let index = peers.firstIndex(where: { $0.name == name }) else {
                throw ProbePeerListError("--peer-key-file for '\(name)': no such peer; expected one of the --peer or --peers names")
            }
            peers[index].srtpKey = key
        }
        return peers
    }

    static func key(_ text: String, suite: SRTPSuite, context: String) throws(ProbePeerListError) -> SRTPKeyMaterial {
        do {
            return try SRTPKeyMaterial(base64: text, suite: suite)
        } catch {
            throw ProbePeerListError("\(context): invalid SRTP key (\(error)); expected the base64 key and salt of \(suite) from jitterbug keygen")
        }
    }

    /// Reads and parses a peer file; the error names the file.
    /// - Parameter suite: the SRTP suite `srtp_key` values are keys of.
    package static func load(path: String, suite: SRTPSuite = .aesCM128HMACSHA1_80) throws(ProbePeerListError) -> [ProbePeer] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ProbePeerListError("cannot read peer file '\(path)': \(error.localizedDescription)")
        }
        do {
            return try parse(text, suite: suite)
        } catch {
            throw ProbePeerListError("peer file '\(path)': \(error.description)")
        }
    }

    /// Parses a peer file's text: YAML, which JSON is a subset of.
    /// - Parameter suite: the SRTP suite `srtp_key` values are keys of.
    package static func parse(_ text: String, suite: SRTPSuite = .aesCM128HMACSHA1_80) throws(ProbePeerListError) -> [ProbePeer] {
        let document: Any?
        do {
            document = try Yams.load(yaml: text)
        } catch {
            throw ProbePeerListError("not JSON or YAML (\(error)); expected a list of {name: NAME, address: \"HOST:PORT\"}")
        }
        guard let entries = document as? [Any] else {
            throw ProbePeerListError("expected a list of {name: NAME, address: \"HOST:PORT\"}, e.g. [{\"name\": \"paris\", \"address\": \"192.0.2.7:5004\"}]")
        }
        var peers: [ProbePeer] = []
        for (index, entry) in entries.enumerated() {
            let context = "entry \(index + 1)"
            guard let fields = entry as? [String: Any] else {
                throw ProbePeerListError("\(context): expected {name: NAME, address: \"HOST:PORT\"}")
            }
            for key in fields.keys where !["name", "address", "srtp_key"].contains(key) {
                throw ProbePeerListError("\(context): unknown field '\(key)'; expected name, address, srtp_key")
            }
            guard let name = fields["name"] as? String else {
                throw ProbePeerListError("\(context): missing 'name' (a text of \(ProbePeer.acceptedNameForm))")
            }
            guard let address = fields["address"] as? String else {
                throw ProbePeerListError("\(context) ('\(name)'): missing 'address' (a text HOST:PORT, e.g. \"192.0.2.7:5004\")")
            }
            var entryPeer = try peer(name: name, address: address, context: context)
            if let value = fields["srtp_key"] {
                guard let text = value as? String else {
                    throw ProbePeerListError("\(context) ('\(name)'): srtp_key must be a text: the base64 key and salt from jitterbug keygen")
                }
                entryPeer.srtpKey = try key(text, suite: suite, context: "\(context) ('\(name)') srtp_key")
            }
            peers.append(entryPeer)
        }
        try check(peers)
        return peers
    }

    /// Rejects duplicate names and over-long lists.
    package static func check(_ peers: [ProbePeer]) throws(ProbePeerListError) {
        guard peers.count <= maximumPeers else {
            throw ProbePeerListError("\(peers.count) peers: expected at most \(maximumPeers)")
        }
        var seen = Set<String>()
        for peer in peers where !seen.insert(peer.name).inserted {
            throw ProbePeerListError("duplicate peer name '\(peer.name)': every peer needs its own name")
        }
    }

    private static func peer(name: String, address: String, context: String) throws(ProbePeerListError) -> ProbePeer {
        guard ProbePeer.isValidName(name) else {
            throw ProbePeerListError("\(context): invalid peer name '\(name)': expected \(ProbePeer.acceptedNameForm)")
        }
        let parsed: EndpointAddress
        do {
            parsed = try EndpointAddress(parsing: address, allowBarePort: false)
        } catch {
            throw ProbePeerListError("\(context): invalid address '\(address)' for '\(name)': \(error.problem); expected HOST:PORT or [IPV6]:PORT")
        }
        guard (1...65_534).contains(parsed.port) else {
            throw ProbePeerListError("\(context): invalid address '\(address)' for '\(name)': expected a port from 1 to 65534 (RTCP goes to port + 1)")
        }
        return ProbePeer(name: name, address: parsed)
    }
}
