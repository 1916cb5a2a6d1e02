/// One UDP datagram, or one RFC 4571 frame taken from a reassembled TCP stream, as a capture
/// file recorded it.
public struct CapturedPacket: Sendable {
    /// When the capture saw the packet (the last segment, for a TCP frame), nanoseconds since
    /// the Unix epoch, at the resolution the file recorded (µs files give multiples of 1,000).
    public var timestampNanoseconds: Int64
    public var source: CaptureEndpoint
    public var destination: CaptureEndpoint
    public var transport: CaptureTransport
    /// The UDP payload, or the RFC 4571 frame's payload (without its 2-byte length). A slice
    /// of the reader's buffer: copy it to keep it past the next `next()`.
    public var payload: ArraySlice<UInt8>
    /// The capture's interface: the pcapng IDB's number counted across the file's sections, so
    /// interfaces of different sections differ (tshark's `frame.interface_id` restarts at 0 in
    /// each section); 0 for pcap.
    public var interfaceIndex: Int
    /// Position of the record in the file, counting from 1 (the frame number Wireshark shows).
    public var frameNumber: Int

    public init(
        timestampNanoseconds: Int64, source: CaptureEndpoint, destination: CaptureEndpoint,
        transport: CaptureTransport, payload: ArraySlice<UInt8>, interfaceIndex: Int = 0, frameNumber: Int = 0
    ) {
        self.timestampNanoseconds = timestampNanoseconds
        self.source = source
        self.destination = destination
        self.transport = transport
        self.payload = payload
        self.interfaceIndex = interfaceIndex
        self.frameNumber = frameNumber
    }
}
