#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The system's real-time clock, for wall-clock stamps (RTCP NTP times, send-time extensions).
/// Never used for pacing: pacing runs on a monotonic clock.
public enum WallClock {
    /// Time since the Unix epoch.
    public static func now() -> Duration {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return .seconds(Int64(ts.tv_sec)) + .nanoseconds(Int64(ts.tv_nsec))
    }
}
