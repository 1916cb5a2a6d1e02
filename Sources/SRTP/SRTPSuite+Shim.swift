import CSRTPShim

extension SRTPSuite {
    /// The matching C shim constant.
    var shimSuite: csrtp_suite {
        switch self {
        case .aesCM128HMACSHA1_80: CSRTP_SUITE_AES_CM_128_HMAC_SHA1_80
        case .aesCM128HMACSHA1_32: CSRTP_SUITE_AES_CM_128_HMAC_SHA1_32
        case .aeadAES128GCM: CSRTP_SUITE_AEAD_AES_128_GCM
        }
    }
}
