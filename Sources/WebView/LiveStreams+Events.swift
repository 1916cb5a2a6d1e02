import JitterbugSupport

extension LiveStreams {
    /// `stream_start`: the stream's id, source, SSRC and codec.
    static func startEvent(_ row: StreamRow?, at seconds: Double) -> WebEvent {
        var object = JSONLine()
        object.add("t_s", seconds)
        object.add("stream_id", row?.id ?? 0)
        object.add("source", row?.source)
        object.add("ssrc", row?.ssrc)
        object.add("codec", row?.codec)
        return WebEvent(kind: .streamStart, data: object.text)
    }

    /// `stream_end`: the stream's id and totals.
    static func endEvent(_ row: StreamRow, at seconds: Double) -> WebEvent {
        var object = JSONLine()
        object.add("t_s", seconds)
        object.add("stream_id", row.id)
        object.add("source", row.source)
        object.add("ssrc", row.ssrc)
        object.add("packets", row.packets)
        object.add("lost", row.lost)
        return WebEvent(kind: .streamEnd, data: object.text)
    }

    /// `switch`: the stream's packets moved from one transport to the other.
    static func switchEvent(_ change: PathSwitch, row: StreamRow) -> WebEvent {
        var object = JSONLine()
        object.add("t_s", change.endSeconds)
        object.add("stream_id", row.id)
        object.add("source", row.source)
        object.add("ssrc", row.ssrc)
        object.add("from", change.from)
        object.add("to", change.to)
        return WebEvent(kind: .pathSwitch, data: object.text)
    }
}
