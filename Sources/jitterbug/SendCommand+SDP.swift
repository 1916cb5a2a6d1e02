import NIOCore
import Pipelines
import SRTP
import Transport

extension SendCommand {
    /// `--sdp FILE`: an SDP (RFC 4566, RFC 7587) describing the audio stream; with `--srtp` it
    /// carries the key (RFC 4568 SDES), so the file is readable by its owner only.
    func writeSDP(
        to path: String, destinationText: EndpointAddress, destination: SocketAddress,
        configuration: AudioSenderConfiguration
    ) throws {
        let encoder = configuration.encoder
        var description = SessionDescription(
            connectionAddress: destination.ipAddress ?? destinationText.host ?? "127.0.0.1",
            port: destinationText.port, payloadType: configuration.payloadType, channels: encoder.channels,
            packetTimeMilliseconds: encoder.frameDuration.milliseconds,
            inbandFEC: encoder.inbandFEC, dtx: encoder.dtx,
            bitrate: encoder.bitrate, sendTimeExtensionID: configuration.sendTimeExtensionID,
            sessionID: UInt64(WallClock.now().components.seconds))
        if srtpOptions.enabled {
            description.cryptoAttribute = SRTPCryptoAttribute.cryptoAttribute(key: try srtpOptions.key())
        }
        try TextFile.write(description.text, to: path, permissions: srtpOptions.enabled ? 0o600 : nil)
    }
}
