#ifndef CSRTPSHIM_H
#define CSRTPSHIM_H

/*
 * Small helpers around libsrtp2 that are awkward from Swift: building an srtp_policy_t (a C struct
 * with raw pointers and a linked list) and exposing the buffer-growth macros as functions, because
 * Swift does not import macros that are expressions over other macros reliably.
 */

#include <srtp2/srtp.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Crypto suites we support; values mirror SRTPSuite in Swift. */
typedef enum {
    CSRTP_SUITE_AES_CM_128_HMAC_SHA1_80 = 0,
    CSRTP_SUITE_AES_CM_128_HMAC_SHA1_32 = 1,
    CSRTP_SUITE_AEAD_AES_128_GCM = 2,
} csrtp_suite;

/*
 * Creates a libsrtp session with one wildcard policy.
 * outbound != 0: ssrc_any_outbound (protect); otherwise ssrc_any_inbound (unprotect).
 * key_and_salt: master key followed by master salt; key_and_salt_length must be 30 for the
 * AES-CM suites and 28 for AEAD_AES_128_GCM. window_size: replay window in packets, 64...32767.
 * The key is copied into a stack buffer (libsrtp derives session keys during srtp_create and
 * keeps no pointer to it) and wiped before return.
 * Returns the srtp_err_status_t value (0 on success); *session is set only on success.
 */
int csrtp_create(srtp_t *session, csrtp_suite suite, int outbound,
                 const unsigned char *key_and_salt, size_t key_and_salt_length,
                 unsigned long window_size);

/* Most bytes srtp_protect may append to an RTP packet (SRTP_MAX_TRAILER_LEN). */
size_t csrtp_max_rtp_growth(void);

/* Most bytes srtp_protect_rtcp may append to an RTCP packet (SRTP_MAX_TRAILER_LEN + SRTCP index). */
size_t csrtp_max_rtcp_growth(void);

#ifdef __cplusplus
}
#endif

#endif /* CSRTPSHIM_H */
