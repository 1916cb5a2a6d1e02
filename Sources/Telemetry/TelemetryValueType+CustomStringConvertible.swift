extension TelemetryValueType: CustomStringConvertible {
    public var description: String { name }
}
