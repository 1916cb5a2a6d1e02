/// Why a document could not be flattened: the byte offset of the first malformed token and
/// what was wrong there.
public struct JSONFiguresError: Error, Sendable, Equatable {
    public var offset: Int
    public var reason: String
}
