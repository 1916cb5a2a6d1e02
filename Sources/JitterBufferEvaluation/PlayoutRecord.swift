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

    /// An empty record for `frames` frames.
    package init(name: String, frames: Int) {
        self.name = name
        playoutMilliseconds = Array(repeating: nil, count: frames)
        late = Array(repeating: false, count: frames)
    }
}
