import JitterbugSupport

/// Renders ``IntervalRecord``s as iperf3-like fixed-width text lines under a header:
///
///     [      t      ]  packets      lost/expected (%)   late    jitter          p50/p99  playout   target   scaled   kbit/s   MOS
///     [  0.00-  1.00]       49           1/50 (2.00%)      0    0.52ms    41.20/55.10ms   60.0ms   45.0ms   -5.0ms     64.3  4.21
///
/// "playout" is the jitter buffer's playout delay and "target" the delay it steers towards,
/// both above the fastest recent packet (the summary's "jitter buffer delay" row says the same);
/// "scaled" is the net time-scaling of the interval (expand − accelerate, ms; "-" when nothing is
/// time-scaled).
///
/// Every column is right-aligned to its header label (the interval column is fixed at 15
/// characters), so columns line up for any value that fits; wider values push the rest right
/// instead of being cut. Times in seconds with 2 decimals, delays in ms.
public struct IntervalLineFormatter: Sendable {
    /// Adds an "rtt" column (ms, "-" when unknown).
    public var showsRoundTripTime: Bool
    /// Repeat the header every this many lines (0 = only before the first line).
    public var headerRepeatInterval: Int
    private var linesSinceHeader: Int?

    static let columnSeparator = "  "
    /// (label, width) of the columns after the interval column.
    static let columns: [(label: String, width: Int)] = [
        ("packets", 7), ("lost/expected (%)", 21), ("late", 5), ("jitter", 8), ("p50/p99", 15),
        ("playout", 7), ("target", 7), ("scaled", 7), ("kbit/s", 7), ("MOS", 4),
    ]
    static let roundTripColumn = (label: "rtt", width: 8)
    static let intervalWidth = 15

    public init(showsRoundTripTime: Bool = false, headerRepeatInterval: Int = 0) {
        self.showsRoundTripTime = showsRoundTripTime
        self.headerRepeatInterval = headerRepeatInterval
    }

    /// The header line.
    public var header: String {
        let inner = Self.intervalWidth - 2
        let left = (inner - 1) / 2
        let interval = "[" + String(repeating: " ", count: left) + "t"
            + String(repeating: " ", count: inner - 1 - left) + "]"
        return ([interval] + activeColumns.map { $0.label.padded(left: $0.width) })
            .joined(separator: Self.columnSeparator)
    }

    /// One record as a line (no newline).
    public func line(_ record: IntervalRecord) -> String {
        let f: (Double, Int) -> String = { $0.formatted(decimals: $1) }
        let interval = "[" + f(record.startSeconds, 2).padded(left: 6) + "-"
            + f(record.endSeconds, 2).padded(left: 6) + "]"
        var cells = [
            String(record.packets),
            "\(record.lost)/\(record.expected) (\(f(record.lostPercent, 2))%)",
            String(record.late),
            f(record.jitterMilliseconds, 2) + "ms",
            f(record.latencyP50Milliseconds, 2) + "/" + f(record.latencyP99Milliseconds, 2) + "ms",
            f(record.bufferMilliseconds, 1) + "ms",
            record.targetDelayMilliseconds.map { f($0, 1) + "ms" } ?? "-",
            record.scaledMilliseconds.map { ($0 > 0 ? "+" : "") + f($0, 1) + "ms" } ?? "-",
            f(record.kilobitsPerSecond, 1),
            record.mos.isFinite ? f(record.mos, 2) : "-",
        ]
        if showsRoundTripTime {
            cells.append(record.roundTripMilliseconds.map { f($0, 1) + "ms" } ?? "-")
        }
        let padded = zip(cells, activeColumns).map { $0.padded(left: $1.width) }
        return ([interval] + padded).joined(separator: Self.columnSeparator)
    }

    /// Writes `record`'s line to `output`, preceded by the header on the first call (and every
    /// `headerRepeatInterval` lines when > 0).
    public mutating func write(_ record: IntervalRecord, to output: TextOutput) {
        if let count = linesSinceHeader, headerRepeatInterval <= 0 || count < headerRepeatInterval {
            linesSinceHeader = count + 1
        } else {
            output.writeLine(header)
            linesSinceHeader = 1
        }
        output.writeLine(line(record))
    }

    private var activeColumns: [(label: String, width: Int)] {
        showsRoundTripTime ? Self.columns + [Self.roundTripColumn] : Self.columns
    }
}
