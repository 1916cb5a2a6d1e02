/// A reference tool exited with an error.
struct ToolFailure: Error, CustomStringConvertible {
    var description: String
}
