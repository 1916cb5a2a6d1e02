/// When the bytes of a TCP stream up to `end` (an absolute stream offset, exclusive) became
/// available in order: a frame takes the time and record of the mark covering its last byte.
struct TCPDeliveryMark {
    var end: Int
    var timestampNanoseconds: Int64
    var frameNumber: Int
}
