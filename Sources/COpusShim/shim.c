#include "COpusShim.h"

#include <stddef.h>

/* opus_int32 is int32_t on every platform libopus supports; the casts keep the ctl type checks happy. */

int copus_encoder_set_bitrate(OpusEncoder *encoder, int32_t bitsPerSecond) {
    return opus_encoder_ctl(encoder, OPUS_SET_BITRATE((opus_int32)bitsPerSecond));
}

int copus_encoder_set_complexity(OpusEncoder *encoder, int32_t complexity) {
    return opus_encoder_ctl(encoder, OPUS_SET_COMPLEXITY((opus_int32)complexity));
}

int copus_encoder_set_inband_fec(OpusEncoder *encoder, int32_t enabled) {
    return opus_encoder_ctl(encoder, OPUS_SET_INBAND_FEC((opus_int32)enabled));
}

int copus_encoder_set_packet_loss_perc(OpusEncoder *encoder, int32_t percent) {
    return opus_encoder_ctl(encoder, OPUS_SET_PACKET_LOSS_PERC((opus_int32)percent));
}

int copus_encoder_set_dtx(OpusEncoder *encoder, int32_t enabled) {
    return opus_encoder_ctl(encoder, OPUS_SET_DTX((opus_int32)enabled));
}

int copus_encoder_set_signal(OpusEncoder *encoder, int32_t signal) {
    return opus_encoder_ctl(encoder, OPUS_SET_SIGNAL((opus_int32)signal));
}

int copus_encoder_set_vbr(OpusEncoder *encoder, int32_t enabled) {
    return opus_encoder_ctl(encoder, OPUS_SET_VBR((opus_int32)enabled));
}

int copus_encoder_set_max_bandwidth(OpusEncoder *encoder, int32_t bandwidth) {
    return opus_encoder_ctl(encoder, OPUS_SET_MAX_BANDWIDTH((opus_int32)bandwidth));
}

int copus_encoder_reset_state(OpusEncoder *encoder) {
    return opus_encoder_ctl(encoder, OPUS_RESET_STATE);
}

/* Getters go through a local opus_int32 so the out-pointer is only written on success. */
#define COPUS_GET_INT(handle, ctl, macro, out)           \
    do {                                                 \
        opus_int32 value = 0;                            \
        int status = ctl(handle, macro(&value));         \
        if (status == OPUS_OK && (out) != NULL) {        \
            *(out) = (int32_t)value;                     \
        }                                                \
        return status;                                   \
    } while (0)

#define COPUS_GET_UINT(handle, ctl, macro, out)          \
    do {                                                 \
        opus_uint32 value = 0;                           \
        int status = ctl(handle, macro(&value));         \
        if (status == OPUS_OK && (out) != NULL) {        \
            *(out) = (uint32_t)value;                    \
        }                                                \
        return status;                                   \
    } while (0)

int copus_encoder_get_bitrate(OpusEncoder *encoder, int32_t *bitsPerSecond) {
    COPUS_GET_INT(encoder, opus_encoder_ctl, OPUS_GET_BITRATE, bitsPerSecond);
}

int copus_encoder_get_complexity(OpusEncoder *encoder, int32_t *complexity) {
    COPUS_GET_INT(encoder, opus_encoder_ctl, OPUS_GET_COMPLEXITY, complexity);
}

int copus_encoder_get_inband_fec(OpusEncoder *encoder, int32_t *enabled) {
    COPUS_GET_INT(encoder, opus_encoder_ctl, OPUS_GET_INBAND_FEC, enabled);
}

int copus_encoder_get_packet_loss_perc(OpusEncoder *encoder, int32_t *percent) {
    COPUS_GET_INT(encoder, opus_encoder_ctl, OPUS_GET_PACKET_LOSS_PERC, percent);
}

int copus_encoder_get_dtx(OpusEncoder *encoder, int32_t *enabled) {
    COPUS_GET_INT(encoder, opus_encoder_ctl, OPUS_GET_DTX, enabled);
}

int copus_encoder_get_lookahead(OpusEncoder *encoder, int32_t *samples) {
    COPUS_GET_INT(encoder, opus_encoder_ctl, OPUS_GET_LOOKAHEAD, samples);
}

int copus_encoder_get_final_range(OpusEncoder *encoder, uint32_t *range) {
    COPUS_GET_UINT(encoder, opus_encoder_ctl, OPUS_GET_FINAL_RANGE, range);
}

int copus_encoder_get_in_dtx(OpusEncoder *encoder, int32_t *inDTX) {
    COPUS_GET_INT(encoder, opus_encoder_ctl, OPUS_GET_IN_DTX, inDTX);
}

int copus_decoder_reset_state(OpusDecoder *decoder) {
    return opus_decoder_ctl(decoder, OPUS_RESET_STATE);
}

int copus_decoder_get_last_packet_duration(OpusDecoder *decoder, int32_t *samples) {
    COPUS_GET_INT(decoder, opus_decoder_ctl, OPUS_GET_LAST_PACKET_DURATION, samples);
}

int copus_decoder_get_final_range(OpusDecoder *decoder, uint32_t *range) {
    COPUS_GET_UINT(decoder, opus_decoder_ctl, OPUS_GET_FINAL_RANGE, range);
}

int copus_decoder_get_bandwidth(OpusDecoder *decoder, int32_t *bandwidth) {
    COPUS_GET_INT(decoder, opus_decoder_ctl, OPUS_GET_BANDWIDTH, bandwidth);
}

int copus_decoder_get_sample_rate(OpusDecoder *decoder, int32_t *sampleRate) {
    COPUS_GET_INT(decoder, opus_decoder_ctl, OPUS_GET_SAMPLE_RATE, sampleRate);
}

int copus_decoder_set_gain(OpusDecoder *decoder, int32_t gainQ8dB) {
    return opus_decoder_ctl(decoder, OPUS_SET_GAIN((opus_int32)gainQ8dB));
}

int copus_packet_frame_sizes(const unsigned char *packet, int32_t length, int16_t sizes[48], int32_t *payloadOffset) {
    const unsigned char *frames[48];
    opus_int16 frameSizes[48];
    int offset = 0;
    if (packet == NULL || length < 1) {
        return OPUS_BAD_ARG;
    }
    int count = opus_packet_parse(packet, (opus_int32)length, NULL, frames, frameSizes, &offset);
    if (count < 0) {
        return count;
    }
    for (int i = 0; i < count && i < 48; i++) {
        sizes[i] = (int16_t)frameSizes[i];
    }
    if (payloadOffset != NULL) {
        *payloadOffset = (int32_t)offset;
    }
    return count;
}

int copus_packet_has_lbrr(const unsigned char *packet, int32_t length) {
    const unsigned char *frames[48];
    opus_int16 frameSizes[48];
    if (packet == NULL || length < 1) {
        return OPUS_BAD_ARG;
    }
    int count = opus_packet_parse(packet, (opus_int32)length, NULL, frames, frameSizes, NULL);
    if (count < 0) {
        return count;
    }
    int config = packet[0] >> 3;
    if (config >= 16) {
        return 0; /* CELT-only: no SILK layer, no LBRR */
    }
    if (count < 1 || frameSizes[0] == 0) {
        return 0; /* DTX / empty frame */
    }
    /* SILK frames per Opus frame: 1 for 10/20 ms, 2 for 40 ms, 3 for 60 ms (hybrid is 10/20 ms). */
    int samplesPerFrame48k = opus_packet_get_samples_per_frame(packet, 48000);
    int silkFrames = samplesPerFrame48k > 960 ? samplesPerFrame48k / 960 : 1;
    int channels = opus_packet_get_nb_channels(packet);
    unsigned char first = frames[0][0];
    /* Mid (or mono) channel: silkFrames VAD flags, then the LBRR flag. */
    int lbrr = (first >> (7 - silkFrames)) & 1;
    if (channels == 2) {
        /* Side channel follows: silkFrames VAD flags, then its LBRR flag. */
        lbrr = lbrr || ((first >> (6 - 2 * silkFrames)) & 1);
    }
    return lbrr;
}
