#include "CSRTPShim.h"

#include <stdint.h>
#include <string.h>

/* Largest master key + salt we accept (AES-128 key + 14-byte CM salt). */
#define CSRTP_MAX_KEY_AND_SALT 30

/* Writes through a volatile pointer so the compiler cannot drop the wipe of a dead buffer. */
static void csrtp_wipe(unsigned char *buffer, size_t length) {
    volatile unsigned char *p = buffer;
    while (length-- > 0) {
        *p++ = 0;
    }
}

int csrtp_create(srtp_t *session, csrtp_suite suite, int outbound,
                 const unsigned char *key_and_salt, size_t key_and_salt_length,
                 unsigned long window_size) {
    if (session == NULL || key_and_salt == NULL) {
        return srtp_err_status_bad_param;
    }

    srtp_policy_t policy;
    memset(&policy, 0, sizeof(policy));

    size_t expected;
    switch (suite) {
    case CSRTP_SUITE_AES_CM_128_HMAC_SHA1_80:
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtp);
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtcp);
        expected = SRTP_AES_ICM_128_KEY_LEN_WSALT;
        break;
    case CSRTP_SUITE_AES_CM_128_HMAC_SHA1_32:
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_32(&policy.rtp);
        /* RFC 4568 section 6.2.2 / RFC 5764: SRTCP keeps the 80-bit tag with the _32 suite. */
        srtp_crypto_policy_set_aes_cm_128_hmac_sha1_80(&policy.rtcp);
        expected = SRTP_AES_ICM_128_KEY_LEN_WSALT;
        break;
    case CSRTP_SUITE_AEAD_AES_128_GCM:
        /* RFC 7714: 16-octet authentication tag for RTP and RTCP. */
        srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtp);
        srtp_crypto_policy_set_aes_gcm_128_16_auth(&policy.rtcp);
        expected = SRTP_AES_GCM_128_KEY_LEN_WSALT;
        break;
    default:
        return srtp_err_status_bad_param;
    }
    if (key_and_salt_length != expected) {
        return srtp_err_status_bad_param;
    }

    unsigned char key[CSRTP_MAX_KEY_AND_SALT];
    memset(key, 0, sizeof(key));
    memcpy(key, key_and_salt, key_and_salt_length);

    policy.ssrc.type = outbound ? ssrc_any_outbound : ssrc_any_inbound;
    policy.ssrc.value = 0;
    policy.key = key;
    policy.window_size = window_size;
    policy.allow_repeat_tx = 0;
    policy.next = NULL;

    srtp_t created = NULL;
    srtp_err_status_t status = srtp_create(&created, &policy);
    csrtp_wipe(key, sizeof(key));
    if (status == srtp_err_status_ok) {
        *session = created;
    }
    return (int)status;
}

size_t csrtp_max_rtp_growth(void) {
    return SRTP_MAX_TRAILER_LEN;
}

size_t csrtp_max_rtcp_growth(void) {
    /* srtp_protect_rtcp appends the 4-byte E-flag + SRTCP index before the tag. */
    return SRTP_MAX_TRAILER_LEN + sizeof(uint32_t);
}
