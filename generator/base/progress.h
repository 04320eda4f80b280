/* progress.h: the one updating line a long build shows on a terminal.
 * Nothing for the first second (a quick build prints only its summary);
 * then the stage, its count and the seconds so far, redrawn a few times a
 * second by a thread of its own; erased when the work ends. */
#ifndef BS_PROGRESS_H
#define BS_PROGRESS_H

#include <stddef.h>
#include <stdio.h>

typedef struct bs_progress bs_progress;

/* Start showing progress on to after delay seconds. Returns NULL when to
 * is NULL (quiet, or not a terminal); every function below takes NULL
 * and does nothing with it. Caller ends it with bs_progress_stop. */
bs_progress *bs_progress_start(FILE *to, double delay);

/* Enter a stage: what (a static string, "rendering") and how many items
 * it counts (0: none, the line shows only the stage). */
void bs_progress_stage(bs_progress *p, const char *what, size_t total);

/* n more items of the stage done; safe from any thread. */
void bs_progress_add(bs_progress *p, size_t n);

/* Stop the thread, erase the line if one was drawn, free p. */
void bs_progress_stop(bs_progress *p);

#endif
