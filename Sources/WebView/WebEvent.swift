/// One Server-Sent Event of `/events`: its `event:` name and its one-line JSON `data:`
/// (docs/web-events.md lists every kind and field).
package struct WebEvent: Sendable, Equatable {
    package enum Kind: String, Sendable, CaseIterable {
        /// The receiver's interval record, the same JSON object as a `recv --jsonl` line.
        case interval
        /// A stream was seen for the first time (or came back after it ended).
        case streamStart = "stream_start"
        /// A stream was silent for the receiver's stream idle time, or left its table.
        case streamEnd = "stream_end"
        /// A stream's packets moved from UDP to TCP or back (auto fallback).
        case pathSwitch = "switch"
        /// `impair --web` and `lab --web`: the relay's or link's counts so far.
        case relay
        /// `demo --web`, `lab --web`: an impairment phase or blackhole window began.
        case phase
        /// The run is over: the last figures are in `/api/streams`; the server closes soon.
        case end
    }

    package var kind: Kind
    /// A JSON object on one line (no newline inside, as SSE `data:` needs).
    package var data: String

    package init(kind: Kind, data: String) {
        self.kind = kind
        self.data = data
    }

    /// The event as SSE text: `id:`, `event:`, `data:` and the blank line that ends it.
    package func serverSentEvent(id: UInt64) -> String {
        "id: \(id)\nevent: \(kind.rawValue)\ndata: \(data)\n\n"
    }
}
