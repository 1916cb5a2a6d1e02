/// An output of the receiver pipeline (WAV, telemetry, trace, interval files) cannot be opened or
/// written; the text names the path.
package struct ReceiverOutputError: Error, CustomStringConvertible {
    package var description: String
    package init(_ description: String) { self.description = description }
}
