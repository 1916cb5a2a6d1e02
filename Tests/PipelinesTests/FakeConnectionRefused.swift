/// The error of a ``FakeSenderNetwork`` whose TCP leg refuses to connect.
struct FakeConnectionRefused: Error, CustomStringConvertible {
    var description: String { "connection refused" }
}
