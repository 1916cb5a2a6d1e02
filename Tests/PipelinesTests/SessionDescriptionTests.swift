import Pipelines
import Testing

@Suite struct SessionDescriptionTests {
    @Test func describesOpusPerRFC7587() {
        let sdp = SessionDescription(
            connectionAddress: "127.0.0.1", port: 5004, payloadType: 111, channels: 2,
            packetTimeMilliseconds: 20, inbandFEC: true, dtx: false, bitrate: 32000,
            sendTimeExtensionID: 1, sessionID: 42)
        let lines = sdp.text.components(separatedBy: "\r\n")
        #expect(lines.first == "v=0")
        #expect(lines.contains("c=IN IP4 127.0.0.1"))
        #expect(lines.contains("m=audio 5004 RTP/AVP 111"))
        #expect(lines.contains("a=rtpmap:111 opus/48000/2"))
        #expect(lines.contains("a=ptime:20"))
        #expect(lines.contains("a=extmap:1 urn:ietf:params:rtp-hdrext:ntp-64"))
        let fmtp = lines.first { $0.hasPrefix("a=fmtp:111 ") } ?? ""
        #expect(fmtp.contains("useinbandfec=1"))
        #expect(fmtp.contains("stereo=1"))
        #expect(sdp.text.hasSuffix("\r\n"))
    }

    @Test func ipv6UsesIP6AndMonoSaysStereoZero() {
        let sdp = SessionDescription(
            connectionAddress: "::1", port: 6000, payloadType: 100, channels: 1,
            packetTimeMilliseconds: 2.5, inbandFEC: false, dtx: true, bitrate: 16000,
            sendTimeExtensionID: nil, sessionID: 1)
        #expect(sdp.text.contains("c=IN IP6 ::1\r\n"))
        #expect(sdp.text.contains("stereo=0"))
        #expect(sdp.text.contains("usedtx=1"))
        #expect(sdp.text.contains("a=ptime:2.5\r\n"))
        #expect(!sdp.text.contains("extmap"))
    }
}
