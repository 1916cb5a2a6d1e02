extension MediaError: CustomStringConvertible {
    public var description: String { message }
}
