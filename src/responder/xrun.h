/* xrun.h: how far a host's transport may move on in an xrun and still be
 * played through, the same for the faces that play live: `drumswarm live`
 * (src/live/clock.c) and the LV2 plugin (src/lv2/clock.c).
 *
 * After an xrun the audio server skips the cycles it missed: the transport is
 * then further on than the cycles counted, by up to a few periods.  A move on
 * of up to DS_XRUN_SECONDS is no relocation: the notes that sound go on, the
 * bar under way is still answered, and notes whose moment fell in the skipped
 * time are dropped (live sends those less than a quarter of a step late, late).
 * A move further on, or any move back beyond the rounding of the host's
 * position, is a jump: every sounding note ends there.
 */
#pragma once

#define DS_XRUN_SECONDS 0.1
