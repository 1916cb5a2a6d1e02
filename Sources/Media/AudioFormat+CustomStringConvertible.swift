extension AudioFormat: CustomStringConvertible {
    /// For example "48000 Hz stereo".
    public var description: String {
        let layout: String
        switch channels {
        case 1: layout = "mono"
        case 2: layout = "stereo"
        default: layout = "\(channels) channels"
        }
        return "\(sampleRate) Hz \(layout)"
    }
}
