#if canImport(Glibc)
import Glibc
#endif

/// This process's peak resident set size, for `recv`'s summary (`peak_rss_kib`).
enum PeakRSS {
    /// `getrusage(RUSAGE_SELF).ru_maxrss` (KiB on Linux); `nil` where unavailable.
    static func kibibytes() -> Int? {
        #if os(Linux)
        var usage = rusage()
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return nil }
        return Int(usage.ru_maxrss)
        #else
        return nil
        #endif
    }
}
