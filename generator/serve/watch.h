/* watch.h: what changed in a site, from inotify: every folder of the site
 * but those no build reads (dot folders such as .badgesite-cache and .git;
 * public/, node_modules/ and build/ at the root), and folders made later
 * as they appear. */
#ifndef BS_WATCH_H
#define BS_WATCH_H

#include "base/diag.h"

typedef struct bs_watch bs_watch;

/* Watch the site at root. BS_EIO (reported in d) when inotify is not
 * available. *w is freed with bs_watch_free. */
int bs_watch_open(bs_watch **w, const char *root, bs_diags *d);
/* The descriptor to poll: readable when events wait. */
int bs_watch_fd(const bs_watch *w);
/* Read the waiting events without blocking and watch the folders they
 * made. The number of changes to the site's files among them: 0 when
 * only ignored names moved (editor swap files, the build's own folders). */
size_t bs_watch_read(bs_watch *w);
void bs_watch_free(bs_watch *w);

#endif
