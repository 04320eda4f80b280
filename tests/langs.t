#!/usr/bin/perl
# Every page in every language: tests/sites/langs publishes in English
# (the default, at the root), French and Arabic (under /fr/ and /ar/).
# Every page names every edition of itself with hreflang and each edition
# names it back; a page without a translation shows the notice and marks
# its borrowed text with the default's lang; each language has its own
# BadgeClass and Achievement, related to the others both ways; images are
# drawn again only where the facts differ; translation errors name their
# file and line; a site of one language builds exactly as before; publish
# records the editions' URLs and a later build may not drop them.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Find;
use File::Temp qw(tempdir);
use JSON::PP;

my $bin = abs_path(($ENV{BADGESITE_BUILD} || 'build') . '/badgesite');
my $tmp = tempdir(CLEANUP => 1);
my ($n, $fails) = (0, 0);
sub ok($$;@) { my ($c, $name, @d) = @_; $n++; print(($c ? "ok" : "not ok") . " $n - $name\n"); unless ($c) { $fails++; print "#   $_\n" for map { split /\n/ } @d } $c }
sub run { my $out = `$_[0] 2>&1`; return ($? >> 8, $out) }
sub slurp { open(my $h, '<:raw', $_[0]) or return undef; local $/; my $d = <$h>; $d }
sub spew { open(my $h, '>:raw', $_[0]) or die "$_[0]: $!"; print $h $_[1]; close $h }
sub edit { my ($f, $from, $to) = @_; my $d = slurp($f); $d =~ s/\Q$from\E/$to/ or die "no '$from' in $f"; spew($f, $d) }
sub json { my $d = slurp($_[0]); defined $d ? JSON::PP->new->decode($d) : undef } # bytes, as the literals here

my $base = 'https://badges.test.example/fw/';
my @langs = ('en', 'fr', 'ar');
my %prefix = (en => '', fr => 'fr/', ar => 'ar/');
my $site = "$tmp/site";
system("cp -r tests/sites/langs '$site'") == 0 or die;
my $out = "$tmp/out";
my ($rc, $o) = run("'$bin' build '$site' -o '$out' --quiet");
ok($rc == 0, "the site in three languages builds", $o);
# the summary counts each badge once, however many editions draw it apart
my ($rc_s, $o_s) = run("'$bin' build '$site' -o '$tmp/summary' --no-cache");
my @drawn = split /\n/, `find '$tmp/summary' -name badge.svg`;
ok($rc_s == 0 && $o_s =~ /built \d+ pages and 3 badges \(/ && @drawn > 3, "the build's summary counts 3 badges, not the " . scalar(@drawn) . " drawings of their editions", $o_s);

# ---- every page and its editions ----
my @pages;
find({ no_chdir => 1, wanted => sub {
    return unless /index\.html$/;
    my $rel = substr($File::Find::name, length($out) + 1);
    push @pages, $rel unless $rel =~ m{^(contexts|awards)/};
} }, $out);
@pages = sort @pages;
my %url_of; # output path -> canonical URL
for my $p (@pages) { (my $u = $p) =~ s/index\.html$//; $url_of{$p} = "$base$u" }
my (@no_lang, @no_alt, @not_back, @bad_switch);
my %alts; # canonical -> { hreflang -> href }
for my $p (@pages) {
    my $h = slurp("$out/$p");
    my ($lang) = $p =~ m{^(fr|ar)/};
    $lang ||= 'en';
    my $dir = $lang eq 'ar' ? 'rtl' : 'ltr';
    push @no_lang, $p unless $h =~ /<html lang="\Q$lang\E" dir="$dir">/;
    my %a;
    while ($h =~ /<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">/g) { $a{$1} = $2 }
    $alts{$url_of{$p}} = \%a;
    push @no_alt, "$p: " . join(',', sort keys %a)
        unless join(',', sort keys %a) eq 'ar,en,fr,x-default'
        && $a{$lang} eq $url_of{$p};
    # the switch: a link per language, each with lang and hreflang, the
    # page's own marked current
    my @sw = $h =~ /<li><a href="[^"]+" hreflang="(\w+)" lang="\1"( aria-current="page")?>/g;
    my %cur;
    for (my $i = 0; $i < @sw; $i += 2) { $cur{$sw[$i]} = defined $sw[$i + 1] }
    push @bad_switch, $p unless join(',', sort keys %cur) eq 'ar,en,fr'
        && $cur{$lang} && !grep { $_ ne $lang && $cur{$_} } keys %cur;
}
ok(@pages > 30, "pages in every language: " . scalar(@pages));
ok(!@no_lang, "every page has <html lang> and dir of its edition (the Arabic one rtl)", @no_lang);
ok(!@no_alt, "every page names every edition, itself and x-default", @no_alt);
ok(!@bad_switch, "every page has the language switch, its own language current", @bad_switch);
for my $p (@pages) {
    my $a = $alts{$url_of{$p}};
    for my $l (@langs) {
        my $back = $alts{$a->{$l}};
        push @not_back, "$p -> $l" unless $back && $back->{$l} eq $a->{$l}
            && (grep { $_ eq $url_of{$p} } values %$back);
    }
}
ok(!@not_back, "the hreflang links go both ways: each edition names the page back", @not_back);
my $fr_meetup = slurp("$out/fr/badges/meetup/index.html");
ok($fr_meetup =~ m{<link rel="stylesheet" href="\.\./\.\./\.\./assets/css/site\.css">}
   && $fr_meetup =~ m{<a href="\.\./\.\./\.\./badges/meetup/" hreflang="en"},
   "an edition's page reaches the site's assets and the other editions", $fr_meetup =~ /(<link rel="stylesheet"[^>]*>)/);

# ---- the fallback notice exactly where no translation exists ----
my %translated = map { $_ => 1 } ('fr/index.html', 'fr/badges/meetup/index.html', 'ar/badges/course-pass/index.html',
                                  'fr/badges/meetup/poster/index.html', 'ar/badges/course-pass/poster/index.html');
my (@missing, @extra);
for my $p (@pages) {
    my $h = slurp("$out/$p");
    my $has = $h =~ /class="notice fallback-notice"/;
    my $from_text = $p =~ m{^(fr|ar)/(index\.html|badges/(?!by-)[^/]+/(poster/)?index\.html|about/contact/index\.html|framework/index\.html)$};
    if ($from_text && !$translated{$p}) { push @missing, $p unless $has && $h =~ /<div lang="en" dir="ltr">/ }
    elsif ($has) { push @extra, $p }
}
ok(!@missing, "every edition page shown from the default's text has the notice and lang=\"en\" on that text", @missing);
ok(!@extra, "no notice on the default's pages or on translated ones", @extra);
ok(slurp("$out/fr/badges/unit-one/index.html") =~ /Cette page n’est pas encore traduite\./
   && slurp("$out/ar/index.html") =~ /هذه الصفحة غير مترجمة بعد/,
   "the notice is in the edition's language");
ok($fr_meetup =~ /<h1>Participant à la rencontre<\/h1>/ && $fr_meetup =~ /Venir à la rencontre/
   && $fr_meetup =~ /<h2 id="criteria-h">Critères<\/h2>/ && $fr_meetup =~ /<h2 id="award-h">How it is awarded and assessed<\/h2>/,
   "a translated page shows its words; a string the language lacks falls back to the default's");
my $fr_home = slurp("$out/fr/index.html");
ok($fr_home =~ m{<title>Référentiel d’essai minimal</title>} && $fr_home =~ m{Une question \? Lire le <a href="framework/">référentiel</a>}
   && slurp("$out/ar/index.html") =~ m{<title>Minimal Test Framework</title>},
   "site.json's translations give an edition the site's title and footer; a language without them shows the default's");
ok(slurp("$out/fr/glossary/index.html") =~ /Badge numérique.*Une image porteuse de données/s,
   "a glossary term's translation, with a definition from its own body");

# ---- Open Badges per language ----
my %bc = map { $_ => json("$out/$prefix{$_}badges/meetup/badge.json") } @langs;
my %ach = map { $_ => json("$out/$prefix{$_}badges/meetup/achievement.json") } @langs;
my @why;
for my $l (@langs) {
    my $b = $bc{$l};
    push @why, "$l: id $b->{id}" unless $b->{id} eq "$base$prefix{$l}badges/meetup/badge.json";
    push @why, "$l: \@language" unless $b->{'@language'} eq $l;
    push @why, "$l: criteria" unless $b->{criteria}{id} eq "$base$prefix{$l}badges/meetup/";
    my %rel = map { ($_->{'@language'} // '') => $_->{id} } @{ $b->{related} || [] };
    for my $m (grep { $_ ne $l } @langs) {
        push @why, "$l: related $m" unless ($rel{$m} // '') eq $bc{$m}{id};
    }
    my $a = $ach{$l};
    push @why, "$l: inLanguage" unless $a->{inLanguage} eq $l;
    my %arel = map { ($_->{inLanguage} // '') => $_ } @{ $a->{related} || [] };
    for my $m (grep { $_ ne $l } @langs) {
        push @why, "$l: Related $m" unless $arel{$m} && $arel{$m}{id} eq $ach{$m}{id}
            && join(',', @{ $arel{$m}{type} }) eq 'Related';
    }
}
ok(!@why, "a BadgeClass and an Achievement per language, each related to the others both ways", @why);
ok($bc{fr}{name} eq 'Participant à la rencontre' && $bc{en}{name} eq 'Meetup Participant'
   && $bc{fr}{criteria}{narrative} =~ /Venir à la rencontre/,
   "each edition's JSON carries its own words");

# ---- images only where the facts differ ----
ok(-f "$out/fr/badges/meetup/badge.png" && -f "$out/fr/badges/meetup/badge.svg" && -f "$out/fr/badges/meetup/card.png",
   "a translated name is drawn again under the edition");
ok(!-e "$out/ar/badges/meetup/badge.png" && !-e "$out/fr/badges/unit-one/badge.svg" && !-e "$out/fr/badges/unit-one/card.png",
   "an untranslated badge is not drawn again");
ok($bc{ar}{image}{id} eq "${base}badges/meetup/badge.png" && $bc{fr}{image}{id} eq "${base}fr/badges/meetup/badge.png"
   && slurp("$out/ar/badges/meetup/index.html") =~ m{src="\.\./\.\./\.\./badges/meetup/badge\.png"},
   "an edition without its own image points at the default's");
ok(slurp("$out/fr/badges/meetup/badge.svg") ne slurp("$out/badges/meetup/badge.svg"),
   "the edition's image differs from the default's");

# ---- the sitemap ----
my $sm = slurp("$out/sitemap.xml");
ok($sm =~ m{<loc>${base}fr/badges/meetup/</loc>} && $sm =~ m{<xhtml:link rel="alternate" hreflang="ar" href="${base}ar/badges/meetup/"/>}
   && $sm =~ m{hreflang="x-default" href="${base}badges/meetup/"},
   "the sitemap lists the editions' pages with their alternates");

# ---- errors in translations ----
my $bad = "$tmp/bad";
sub fresh { system("rm -rf '$bad' && cp -r tests/sites/langs '$bad'") == 0 or die }
fresh();
spew("$bad/content/badges/meetup.de.md", "{ \"name\": \"Treffen\" }\n");
($rc, $o) = run("'$bin' build '$bad' -o '$tmp/o' --quiet");
ok($rc == 1 && $o =~ m{content/badges/meetup\.de\.md:1:1: error: 'de' is not one of the site's languages}
   && $o =~ /add "de" to "languages" in site\.json/, "a translation into a language the site does not publish", $o);
fresh();
spew("$bad/content/badges/metup.fr.md", "{ \"name\": \"Rencontre\" }\n");
($rc, $o) = run("'$bin' build '$bad' -o '$tmp/o' --quiet");
ok($rc == 1 && $o =~ m{content/badges/metup\.fr\.md:1:1: error: a translation of a badge that does not exist}
   && $o =~ /did you mean 'meetup'\?/, "a translation without its source, with a did-you-mean", $o);
fresh();
edit("$bad/content/badges/meetup.fr.md", "\"short_name\"", "\"class\": \"course\",\n  \"short_name\"");
($rc, $o) = run("'$bin' build '$bad' -o '$tmp/o' --quiet");
ok($rc == 1 && $o =~ m{content/badges/meetup\.fr\.md:3:3: error: 'class' is a fact of the source, not a word}
   && $o =~ /takes it from the source/, "a translation may not change a fact: the field at its line", $o);
# an edition's own drawing is linted for its words, at its translation
fresh();
edit("$bad/content/badges/meetup.fr.md", '"Rencontre"', '"WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW"');
($rc, $o) = run("'$bin' build '$bad' -o '$tmp/o' --quiet");
ok($rc == 0 && $o =~ m{content/badges/meetup\.fr\.md: warning: the caption 'W+' does not fit} && (() = $o =~ /: warning:/g) == 1,
   "an edition's caption that does not fit: one warning, at the translation", $o);
fresh();
edit("$bad/content/badges/meetup.fr.md", '"Rencontre"', "\"\xe4\xbc\x9a\xe8\xae\xae\"");
($rc, $o) = run("'$bin' build '$bad' -o '$tmp/o' --quiet");
ok($rc == 1 && $o =~ m{content/badges/meetup\.fr\.md: error: the font .* has no glyph for},
   "letters the edition's font lacks are an error at the translation", $o);
fresh();
edit("$bad/content/badges/meetup.fr.md", "\"short_name\"", "\"nmae\": \"x\",\n  \"short_name\"");
($rc, $o) = run("'$bin' build '$bad' -o '$tmp/o' --quiet");
ok($rc == 1 && $o =~ m{meetup\.fr\.md:3:3: error: unknown field 'nmae'} && $o =~ /did you mean 'name'\?/,
   "an unknown field of a translation", $o);
fresh();
edit("$bad/content/badges/meetup.fr.md", "Venir à la rencontre.", "Venir à la [rencontre](/framwork/).");
($rc, $o) = run("'$bin' build '$bad' -o '$tmp/o' --quiet");
ok($rc == 1 && $o =~ m{content/badges/meetup\.fr\.md:6:\d+: error: link to '/framwork/' leads to no page} && $o =~ /did you mean '\/framework\/'/,
   "a translation's links are checked like its source's", $o);
fresh();
edit("$bad/content/glossary/digital-badge.fr.md", '"section": "Sens", ', '');
($rc, $o) = run("'$bin' build '$bad' -o '$tmp/o' --quiet");
ok($rc == 1 && $o =~ m{digital-badge\.fr\.md:4:5: error: a definition needs "text" or "section"}, "a translated definition is checked like the source's", $o);
fresh();
edit("$bad/site.json", '"translations": { "fr"', '"translations": { "de"');
($rc, $o) = run("'$bin' build '$bad' -o '$tmp/o' --quiet");
ok($rc == 1 && $o =~ m{site\.json:7:\d+: error: 'de' is not one of the site's other languages}, "site.json's translations name the site's languages", $o);
fresh();
edit("$bad/site.json", '(/framework/)', '(/framwork/)');
($rc, $o) = run("'$bin' build '$bad' -o '$tmp/o' --quiet");
ok($rc == 1 && $o =~ m{site\.json:7:\d+: error: link to '/framwork/' leads to no page}, "a translated footer's links are checked", $o);
fresh();
edit("$bad/site.json", '["en", "fr", "ar"]', '["fr", "en", "ar"]');
($rc, $o) = run("'$bin' build '$bad' -o '$tmp/o' --quiet");
ok($rc == 1 && $o =~ m{site\.json:6:\d+: error: the first language must be default_language, 'en'}, "the default language comes first", $o);
ok((() = $o =~ /: error:/g) == 1, "and that one error is all: no translation is reported for it", $o);
fresh();
edit("$bad/site.json", '["en", "fr", "ar"]', '["en", "fr_FR", "ar"]');
($rc, $o) = run("'$bin' build '$bad' -o '$tmp/o' --quiet");
ok($rc == 1 && $o =~ m{site\.json:6:\d+: error: 'fr_FR' is not a language code} && $o =~ /write it in lower case with hyphens, "fr-fr"/,
   "a language code in another form: the form to write", $o);
fresh();
edit("$bad/site.json", '"default_language": "en"', '"default_language": "en-GB"');
edit("$bad/site.json", '["en", "fr", "ar"]', '["en-GB", "fr", "ar"]');
($rc, $o) = run("'$bin' build '$bad' -o '$tmp/gb' --quiet");
ok($rc == 0 && (slurp("$tmp/gb/index.html") // '') =~ /<html lang="en-GB" dir="ltr">/ && (slurp("$tmp/gb/fr/index.html") // '') =~ /hreflang="en-GB"/,
   "the default language written as default_language is (en-GB)", $o);
fresh();
unlink("$bad/layouts/strings/ar.json") or die;
($rc, $o) = run("'$bin' build '$bad' -o '$tmp/o' --quiet");
ok($rc == 0 && $o =~ m{site\.json:6:\d+: warning: no layout strings for 'ar': its pages' headings, menus and notices stay in 'en'}
   && $o =~ m{layouts/strings/ar\.json}, "a language without layout strings is a warning at its entry", $o);
fresh();
spew("$bad/content/glossary/digital-badge.en.md", "{ \"term\": \"x\" }\n");
($rc, $o) = run("'$bin' build '$bad' -o '$tmp/o' --quiet");
ok($rc == 1 && $o =~ m{digital-badge\.en\.md:1:1: error: a translation into the default language}, "no translation into the default language", $o);
fresh();
system("mkdir -p '$bad/layouts' && cp layouts/home.mustache '$bad/layouts/'");
edit("$bad/layouts/home.mustache", '{{t.featured_badges}}', '{{t.featured_badgez}}');
($rc, $o) = run("'$bin' build '$bad' -o '$tmp/o' --quiet");
ok($rc == 1 && $o =~ m{layouts/home\.mustache:\d+: error: the layout reads string 't\.featured_badgez', which no strings file defines},
   "a layout reading an unknown string is an error at its line", $o);
fresh();
spew("$bad/layouts/strings/fr.json", "{ \"criteria\": \"Critères\", \"critera\": \"x\" }\n");
($rc, $o) = run("'$bin' build '$bad' -o '$tmp/o' --quiet");
ok($rc == 1 && $o =~ m{layouts/strings/fr\.json:1:\d+: error: 'critera' is not a string of the default language}
   && $o =~ /did you mean 'criteria'\?/, "a strings file's unknown key", $o);

# ---- one language: nothing changes ----
my $one = "$tmp/one";
system("cp -r tests/sites/minimal '$one'") == 0 or die;
($rc, $o) = run("'$bin' build '$one' -o '$tmp/one-a' --quiet --no-cache");
edit("$one/site.json", '"default_language": "en",', '"default_language": "en", "languages": ["en"],');
my ($rc2, $o2) = run("'$bin' build '$one' -o '$tmp/one-b' --quiet --no-cache");
my $diff = `diff -r '$tmp/one-a' '$tmp/one-b' 2>&1`;
ok($rc == 0 && $rc2 == 0 && $diff eq '', "a site in one language builds byte for byte as without \"languages\"", $o, $o2, $diff);
ok(!-e "$tmp/one-a/fr" && slurp("$tmp/one-a/index.html") !~ /hreflang|lang-switch/, "and shows no language switch");

# ---- the ledger ----
my $pub = "$tmp/pub";
system("cp -r tests/sites/langs '$pub'") == 0 or die;
($rc, $o) = run("'$bin' publish '$pub' -o '$tmp/pub-out'");
my $ledger = slurp("$pub/content/published.txt") // '';
ok($rc == 0 && $ledger =~ m{^/fr/badges/meetup/$}m && $ledger =~ m{^/fr/badges/meetup/badge\.json$}m
   && $ledger =~ m{^/ar/glossary/$}m && $ledger =~ m{^/fr/badges/meetup/badge\.png$}m && $ledger !~ m{^/fr/badges/by-}m,
   "publish records every edition's URLs", $o, $ledger);
edit("$pub/site.json", '["en", "fr", "ar"]', '["en", "fr"]');
unlink("$pub/content/badges/course-pass.ar.md", "$pub/layouts/strings/ar.json");
($rc, $o) = run("'$bin' build '$pub' -o '$tmp/pub-out2' --quiet");
ok($rc == 1 && $o =~ m{content/published\.txt:\d+:1: error: this build would drop the published URL /ar/}, "dropping a published language is refused like a removed page", $o);

print "1..$n\n";
exit($fails ? 1 : 0);
