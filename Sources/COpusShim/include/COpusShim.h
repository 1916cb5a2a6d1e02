#ifndef COPUSSHIM_H
#define COPUSSHIM_H

/*
 * Non-variadic wrappers around libopus's variadic opus_encoder_ctl / opus_decoder_ctl.
 * Swift cannot call C variadic functions, so each request we use gets one function here.
 * Every function returns the libopus error code (OPUS_OK == 0 on success, negative on error).
 * "get" functions write their result through the out-pointer only on success.
 */

#include <opus/opus.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Encoder setters ---- */
int copus_encoder_set_bitrate(OpusEncoder *encoder, int32_t bitsPerSecond);
int copus_encoder_set_complexity(OpusEncoder *encoder, int32_t complexity);
int copus_encoder_set_inband_fec(OpusEncoder *encoder, int32_t enabled);
int copus_encoder_set_packet_loss_perc(OpusEncoder *encoder, int32_t percent);
int copus_encoder_set_dtx(OpusEncoder *encoder, int32_t enabled);
/* signal: OPUS_AUTO, OPUS_SIGNAL_VOICE or OPUS_SIGNAL_MUSIC */
int copus_encoder_set_signal(OpusEncoder *encoder, int32_t signal);
int copus_encoder_set_vbr(OpusEncoder *encoder, int32_t enabled);
/* bandwidth: OPUS_AUTO or OPUS_BANDWIDTH_* */
int copus_encoder_set_max_bandwidth(OpusEncoder *encoder, int32_t bandwidth);
int copus_encoder_reset_state(OpusEncoder *encoder);

/* ---- Encoder getters ---- */
int copus_encoder_get_bitrate(OpusEncoder *encoder, int32_t *bitsPerSecond);
int copus_encoder_get_complexity(OpusEncoder *encoder, int32_t *complexity);
int copus_encoder_get_inband_fec(OpusEncoder *encoder, int32_t *enabled);
int copus_encoder_get_packet_loss_perc(OpusEncoder *encoder, int32_t *percent);
int copus_encoder_get_dtx(OpusEncoder *encoder, int32_t *enabled);
/* lookahead in samples at the encoder's sample rate (includes delay compensation) */
int copus_encoder_get_lookahead(OpusEncoder *encoder, int32_t *samples);
int copus_encoder_get_final_range(OpusEncoder *encoder, uint32_t *range);
/* 1 while the encoder is in DTX (only meaningful with DTX enabled) */
int copus_encoder_get_in_dtx(OpusEncoder *encoder, int32_t *inDTX);

/* ---- Decoder ---- */
int copus_decoder_reset_state(OpusDecoder *decoder);
/* duration of the last decoded (or concealed) packet, in samples per channel */
int copus_decoder_get_last_packet_duration(OpusDecoder *decoder, int32_t *samples);
int copus_decoder_get_final_range(OpusDecoder *decoder, uint32_t *range);
int copus_decoder_get_bandwidth(OpusDecoder *decoder, int32_t *bandwidth);
int copus_decoder_get_sample_rate(OpusDecoder *decoder, int32_t *sampleRate);
int copus_decoder_set_gain(OpusDecoder *decoder, int32_t gainQ8dB);

/* ---- Packets ---- */
/*
 * Validates a packet (RFC 6716 section 3.4 rules, via opus_packet_parse) and writes the byte size of
 * each Opus frame into sizes[0..47]. Returns the frame count (1...48) or a negative libopus error.
 * payloadOffset (may be NULL) receives the offset of the first frame's data.
 */
int copus_packet_frame_sizes(const unsigned char *packet, int32_t length, int16_t sizes[48], int32_t *payloadOffset);
/*
 * 1 if the first Opus frame of a SILK-only or hybrid packet has its LBRR (in-band FEC) flag set,
 * 0 if not (always 0 for CELT-only packets and empty frames), negative libopus error if malformed.
 * Per RFC 6716 section 4.2.3 the VAD and LBRR flags are coded with probability 1/2 at the very
 * start of the range-coded frame, so they are the leading bits of the first data byte.
 */
int copus_packet_has_lbrr(const unsigned char *packet, int32_t length);

#ifdef __cplusplus
}
#endif

#endif /* COPUSSHIM_H */
