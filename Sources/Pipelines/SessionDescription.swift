import JitterbugSupport

/// An SDP (RFC 4566 / RFC 8866) describing one Opus RTP stream as RFC 7587 asks, so that
/// ffmpeg (`-protocol_whitelist file,udp,rtp -i stream.sdp`) or GStreamer can receive it.
public struct SessionDescription: Sendable, Equatable {
    /// Address the stream is sent to (the receiver's), literal IPv4 or IPv6.
    public var connectionAddress: String
    /// UDP port of the RTP stream (RTCP on port + 1 unless `rtcpMux`).
    public var port: Int
    public var payloadType: UInt8
    /// Channels the sender encodes: 2 sets `stereo=1; sprop-stereo=1`.
    public var channels: Int
    /// Packet duration in milliseconds (`a=ptime`).
    public var packetTimeMilliseconds: Double
    /// Whether the sender puts in-band FEC in its packets (`useinbandfec=1`).
    public var inbandFEC: Bool
    /// Whether the sender uses DTX (`usedtx=1`).
    public var dtx: Bool
    /// Encoder target bit rate, bits/s (`maxaveragebitrate`).
    public var bitrate: Int
    /// RFC 8285 id of the RFC 6051 64-bit NTP send-time extension, if sent.
    public var sendTimeExtensionID: UInt8?
    /// Session id for the `o=` line (NTP-seconds style, any number unique enough).
    public var sessionID: UInt64
    /// An RFC 4568 `a=crypto:` line for SRTP (profile RTP/SAVP); `nil` for plain RTP.
    public var cryptoAttribute: String?

    public init(
        connectionAddress: String, port: Int, payloadType: UInt8, channels: Int,
        packetTimeMilliseconds: Double, inbandFEC: Bool, dtx: Bool, bitrate: Int,
        sendTimeExtensionID: UInt8?, sessionID: UInt64
    ) {
        self.connectionAddress = connectionAddress
        self.port = port
        self.payloadType = payloadType
        self.channels = channels
        self.packetTimeMilliseconds = packetTimeMilliseconds
        self.inbandFEC = inbandFEC
        self.dtx = dtx
        self.bitrate = bitrate
        self.sendTimeExtensionID = sendTimeExtensionID
        self.sessionID = sessionID
    }

    /// The SDP text with CRLF line ends, as RFC 8866 §5 requires.
    public var text: String {
        let family = connectionAddress.contains(":") ? "IP6" : "IP4"
        let stereo = channels == 2 ? 1 : 0
        let ptime = packetTimeMilliseconds == packetTimeMilliseconds.rounded()
            ? String(Int(packetTimeMilliseconds)) : packetTimeMilliseconds.formatted(decimals: 1)
        var lines = [
            "v=0",
            "o=- \(sessionID) 1 IN \(family) \(connectionAddress)",
            "s=Jitterbug",
            "c=IN \(family) \(connectionAddress)",
            "t=0 0",
            "m=audio \(port) \(cryptoAttribute == nil ? "RTP/AVP" : "RTP/SAVP") \(payloadType)",
            // RFC 7587 §7: the media subtype is always opus/48000/2, whatever is sent.
            "a=rtpmap:\(payloadType) opus/48000/2",
            "a=fmtp:\(payloadType) minptime=10; useinbandfec=\(inbandFEC ? 1 : 0); usedtx=\(dtx ? 1 : 0); "
                + "stereo=\(stereo); sprop-stereo=\(stereo); maxaveragebitrate=\(bitrate)",
            "a=ptime:\(ptime)",
        ]
        if let cryptoAttribute { lines.append(cryptoAttribute) }
        if let id = sendTimeExtensionID {
            lines.append("a=extmap:\(id) urn:ietf:params:rtp-hdrext:ntp-64")
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
