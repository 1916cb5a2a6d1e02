extension JSONFiguresError: CustomStringConvertible {
    public var description: String { "malformed JSON at byte \(offset): \(reason)" }
}
