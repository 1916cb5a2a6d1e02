/// errno of a failed read(2).
struct TelemetryReadError: Error {
    let errno: Int32
}
