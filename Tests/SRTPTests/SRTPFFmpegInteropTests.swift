import JitterbugSupport
import JitterbugTestSupport
import Testing

@testable import SRTP

/// Receives SRTP/SRTCP that ffmpeg's own SRTP implementation produced and unprotects it with ours.
@Suite(.enabled(if: ExternalProgram.which("ffmpeg") != nil, "needs ffmpeg on PATH"))
struct SRTPFFmpegInteropTests {
    /// ffmpeg's suite name, our suite, and whether its SRTCP is RFC-conformant. ffmpeg's
    /// "AES_CM_128_HMAC_SHA1_32" uses a 32-bit SRTCP tag, which RFC 3711 section 5.2 forbids;
    /// its "SRTP_AES128_CM_HMAC_SHA1_32" (RFC 5764 naming) uses 80 bits, as we and libsrtp do.
    @Test(arguments: [
        ("AES_CM_128_HMAC_SHA1_80", SRTPSuite.aesCM128HMACSHA1_80, true),
        ("SRTP_AES128_CM_HMAC_SHA1_32", SRTPSuite.aesCM128HMACSHA1_32, true),
        ("AES_CM_128_HMAC_SHA1_32", SRTPSuite.aesCM128HMACSHA1_32, false),
    ])
    func unprotectsFFmpegOpusStream(ffmpegSuite: String, suite: SRTPSuite, checkRTCP: Bool) throws {
        let ffmpeg = try #require(ExternalProgram.which("ffmpeg"))
        let sockets = try #require(UDPTestSocket.pair())
        var generator = SplitMix64(seed: UInt64(sockets.rtp.port))
        let key = SRTPKeyMaterial.generate(suite: suite, using: &generator)

        let result = try CommandRunner.run(
            ffmpeg,
            [
                "-hide_banner", "-loglevel", "error", "-nostdin",
                "-f", "lavfi", "-i", "sine=frequency=1000:duration=1",
                "-c:a", "libopus", "-f", "rtp",
                "-srtp_out_suite", ffmpegSuite, "-srtp_out_params", key.base64,
                "srtp://127.0.0.1:\(sockets.rtp.port)",
            ])
        #expect(result.exitCode == 0, "\(result.stderr)")

        let rtpDatagrams = sockets.rtp.drain(idleMilliseconds: 300)
        let rtcpDatagrams = sockets.rtcp.drain(idleMilliseconds: 50)

        let receiver = try SRTPSession(role: .receiver, key: key)
        var counter = RejectionCounter()
        let packets = rtpDatagrams.compactMap { datagram in
            counter.attempt { () throws(SRTPError) in try receiver.unprotectRTP(datagram) }
        }
        // 1 s of Opus in 20 ms frames is 50 packets; allow a little slack for encoder priming.
        #expect(rtpDatagrams.count >= 45)
        #expect(counter.counts.isEmpty, "rejections: \(counter.counts)")
        #expect(packets.count == rtpDatagrams.count)
        #expect(packets.allSatisfy { $0.count > 12 && $0[0] >> 6 == 2 }, "every packet is RTP version 2")
        let sequences = packets.map { UInt16($0[2]) << 8 | UInt16($0[3]) }
        #expect(zip(sequences, sequences.dropFirst()).allSatisfy { $1 == $0 &+ 1 }, "consecutive sequence numbers")
        #expect(Set(packets.map { $0[8..<12] }).count == 1, "one SSRC")

        if checkRTCP {
            #expect(!rtcpDatagrams.isEmpty, "ffmpeg sends a sender report with the first packet")
            for datagram in rtcpDatagrams {
                let report = try receiver.unprotectRTCP(datagram)
                #expect(report[0] >> 6 == 2)
                #expect(report[1] == 200, "RTCP sender report")
            }
        }
    }
}
