/// What one playout algorithm did with one trace, frame by frame: when each frame's samples
/// started to play (delivered playout, not the buffer's target), and which arrived too late.
package struct PlayoutRecord: Sendable {
    /// The algorithm's name.
    package var name: String
    /// Receiver time (ms) at which frame k started to play; nil when it was not played
    /// (lost by the network, late, or discarded).
    package var playoutMilliseconds: [Double?]
    /// Whether frame k arrived after its playout slot had passed (late loss).
    package var late: [Bool]
    /// Time spent concealing while waiting on an underrun (NetEq's expand until a packet
    /// arrives), ms: delay added instead of late loss. 0 for algorithms that skip the slot.
    package var underrunExpandMilliseconds = 0.0

    /// An empty record for `frames` frames.
    package init(name: String, frames: Int) {
        self.name = name
        playoutMilliseconds = Array(repeating: nil, count: frames)
        late = Array(repeating: false, count: frames)
    }
}
