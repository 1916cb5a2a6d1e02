#include <opus/opus.h>

/*
 * Swift cannot call the variadic opus_encoder_ctl, so the settings the benchmark needs get
 * non-variadic inline wrappers here (the same requests Codec's COpusShim makes).
 */
static inline int clibopus_encoder_set_bitrate(OpusEncoder *encoder, opus_int32 value) {
    return opus_encoder_ctl(encoder, OPUS_SET_BITRATE(value));
}
static inline int clibopus_encoder_set_complexity(OpusEncoder *encoder, opus_int32 value) {
    return opus_encoder_ctl(encoder, OPUS_SET_COMPLEXITY(value));
}
static inline int clibopus_encoder_set_inband_fec(OpusEncoder *encoder, opus_int32 value) {
    return opus_encoder_ctl(encoder, OPUS_SET_INBAND_FEC(value));
}
static inline int clibopus_encoder_set_packet_loss_perc(OpusEncoder *encoder, opus_int32 value) {
    return opus_encoder_ctl(encoder, OPUS_SET_PACKET_LOSS_PERC(value));
}
static inline int clibopus_encoder_set_dtx(OpusEncoder *encoder, opus_int32 value) {
    return opus_encoder_ctl(encoder, OPUS_SET_DTX(value));
}
static inline int clibopus_encoder_set_signal(OpusEncoder *encoder, opus_int32 value) {
    return opus_encoder_ctl(encoder, OPUS_SET_SIGNAL(value));
}
