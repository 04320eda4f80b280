/* siteview.h: the views every page shares: the site, its issuers and
 * menu in each language, and the glossary terms' views. */
#ifndef BS_SITEVIEW_H
#define BS_SITEVIEW_H

#include "model/model.h"

/* s->site_view, s->issuers and s->nav, and each language's site view and
 * menu (s->langs[i].site_view, .nav), owned by the model. */
void bs_siteview_build(bs_site *s);
/* Each term's view in each language (bs_term.view, .ed[i].view), owned
 * by the model. */
void bs_siteview_terms(bs_site *s);

#endif
