/// One recorded TCP connection's sequence numbers in ``PcapWriter``: the client's next
/// sequence number advances by every byte written (2-byte RFC 4571 length + frame), so a TCP
/// reassembler reads the byte stream back.
struct PcapWriterTCPFlow {
    /// The client's initial sequence number (its SYN's); data starts at `initial + 1`.
    let initialSequence: UInt32
    /// The sequence number the next data byte gets (wraps modulo 2^32 as TCP's does).
    var nextSequence: UInt32
    /// What every data segment acknowledges (the server side is not recorded: a constant).
    let acknowledgment: UInt32

    /// A flow for listener connection `connectionID`: a fixed, spread initial sequence number
    /// per connection (recordings are reproducible).
    init(connectionID: Int) {
        initialSequence = UInt32(truncatingIfNeeded: connectionID &* 0x9E37_79B9 &+ 0x1000)
        nextSequence = initialSequence &+ 1
        acknowledgment = 1
    }
}
