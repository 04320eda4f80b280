#!/usr/bin/perl
# framework.json's words per language: content/framework.<lang>.json gives
# the French class and formality names, descriptions, title, changelog and
# labels of tests/sites/langs; every French page shows them, and what it
# leaves out shows the default's; the English pages are unchanged. A fact
# in the translation, an unknown key or class, and a file for a language
# the site does not name are errors at their file and line.
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

my $site = "$tmp/site";
system("cp -r tests/sites/langs '$site'") == 0 or die;
# the example's French strings, every one of them
system("cp layouts/strings/fr.json '$site/layouts/strings/fr.json'") == 0 or die;
my $tr = <<'JSON';
{
  "title": "Référentiel d’essai",
  "purpose": "Mettre le générateur à l’épreuve.",
  "changelog": { "1.0": "Première édition." },
  "formality": {
    "formal": { "name": "Formel", "definition": "Évalué." }
  },
  "classes": {
    "achievement": { "name": "Badge de réussite", "description": "Un cours réussi." },
    "event": { "name": "Badge d’événement" }
  },
  "labels": {
    "fields": { "class": "catégorie", "hours": "heures d’apprentissage" },
    "units": { "hour": { "one": "heure", "other": "heures" }, "learning_hour": { "one": "heure d’apprentissage", "other": "heures d’apprentissage" } }
  }
}
JSON
spew("$site/content/framework.fr.json", $tr);
my $out = "$tmp/out";
my ($rc, $o) = run("'$bin' build '$site' -o '$out' --quiet");
ok($rc == 0, "the site with a French framework.json builds", $o);

my @pages;
find({ no_chdir => 1, wanted => sub {
    return unless /index\.html$/;
    push @pages, substr($File::Find::name, length($out) + 1);
} }, $out);
my @fr = grep { m{^fr/} && !m{^fr/(contexts|awards)/} } @pages;
my @en = grep { !m{^(fr|ar|contexts|awards)/} } @pages;
ok(@fr > 10, "French pages: " . scalar(@fr));

# no French page shows an English word that has a French one: the
# translated class and formality names, the headings of the strings
my %fr_words = ('Achievement badge' => 'Badge de réussite', 'Event badge' => 'Badge d’événement',
    'Test framework' => 'Référentiel d’essai');
my $en_s = JSON::PP->new->decode(slurp('layouts/strings/en.json'));
my $fr_s = JSON::PP->new->decode(slurp('layouts/strings/fr.json'));
my %heading; # an English string the French file words otherwise
for my $k (keys %$fr_s) { $heading{$en_s->{$k}} = $k if defined $en_s->{$k} && $en_s->{$k} ne $fr_s->{$k} }
my (@english, @eng_heading);
my $notice = $fr_s->{fallback_notice};
for my $p (@fr) {
    my $h = slurp("$out/$p");
    # a page not yet translated borrows its English title
    $h =~ s{<h1[^>]*>[^<]*</h1>}{} if index($h, $notice) >= 0;
    for my $w (sort keys %fr_words) { push @english, "$p: $w" if index($h, $w) >= 0 }
    while ($h =~ m{<(h[1-6]|th|dt|caption|legend)\b[^>]*>\s*([^<]+?)\s*</\1>}g) {
        push @eng_heading, "$p: '$2' (t.$heading{$2})" if exists $heading{$2} && $2 ne 'Badges';
    }
}
ok(!@english, "no French page shows an English class name, formality or title that has French words", @english);
ok(!@eng_heading, "no French page shows an English heading that has a French string", @eng_heading);

my $fw = slurp("$out/fr/framework/index.html");
ok($fw =~ /Badge de réussite/ && $fw =~ /Un cours réussi/ && $fw =~ /Badge d’événement/,
    "the French framework page names and describes the classes in French");
ok($fw =~ /Took part in an event\./, "a class description the translation leaves out is the default's");
ok($fw =~ /Assessment badge/, "a class the translation leaves out keeps the default's name");
ok($fw =~ /Formel/ && $fw =~ /Évalué/ && $fw =~ /Informal/, "formality levels in French, the untranslated one in English");
ok($fw =~ /Première édition/ && $fw =~ /Mettre le générateur/, "the changelog and the purpose in French");
ok($fw =~ /60–299 heures/, "the French labels' units on the framework page");
my $badge = slurp("$out/fr/badges/meetup/index.html");
ok($badge =~ /Badge d’événement/, "the badge page names its class in French");
ok($badge =~ /<img class="badge-head-img"[^>]* alt="Badge « [^"]+ » : Badge d’événement, Informal"/,
    "the French badge image's alt text is in French, its class's name too", $badge =~ /(<img class="badge-head-img"[^>]*>)/);
ok($badge =~ /J%E2%80%99ai%20obtenu%20le%20badge%20%C2%AB%20/ && $badge !~ /I%20have%20earned/,
    "the French share links post a French text");
# a completion rule in French words and French badge names (the example:
# its certificate's rule names a translated badge)
($rc, $o) = run("'$bin' build . -o '$tmp/ex' --no-cache --quiet");
my $cert = slurp("$tmp/ex/fr/badges/virtual-exchange-certificate/index.html") // '';
ok($rc == 0 && $cert =~ /<p class="completion-intro">Tous ces badges\x{c2}\x{a0}:<\/p>/ && $cert =~ /Esprit d’équipe<\/a>/
    && $cert !~ /All of|One of|>Team Player</, "a French badge page says its completion rule in French, its badges by their French names", $o);
my $cat = slurp("$out/fr/badges/index.html");
ok($cat =~ /Badge d’événement/ && $cat =~ /Badge de réussite/, "the catalogue names the classes in French");
my ($facet) = grep { m{^fr/badges/by-class/event/} } @fr;
ok($facet && slurp("$out/$facet") =~ /<h1[^>]*>[^<]*Badge d’événement/, "the class facet page's title is in French", $facet // 'no facet page');
my $en_fw = slurp("$out/framework/index.html");
ok($en_fw =~ /Achievement badge/ && $en_fw !~ /Badge de réussite/ && $en_fw =~ /Test framework/,
    "the English framework page keeps the English words");

# the same build without the translation: the English pages are the same bytes
my $site2 = "$tmp/site2";
system("cp -r tests/sites/langs '$site2'") == 0 or die;
system("cp layouts/strings/fr.json '$site2/layouts/strings/fr.json'") == 0 or die;
($rc, $o) = run("'$bin' build '$site2' -o '$tmp/out2' --quiet");
my @diff = grep { slurp("$out/$_") ne (slurp("$tmp/out2/$_") // '') } @en;
ok($rc == 0 && !@diff, "the English pages do not change with a French framework.json", $o, @diff);
my $fw2 = slurp("$tmp/out2/fr/framework/index.html") // '';
ok($fw2 =~ /Achievement badge/ && $fw2 =~ /Test framework/ && $fw2 =~ /Niveaux de formalité/,
    "without framework.fr.json the French pages show the default's framework words in French headings");

# ---- errors ----
sub err_case {
    my ($name, $json, $want) = @_;
    spew("$site/content/framework.fr.json", $json);
    my ($rc, $o) = run("'$bin' check '$site'");
    ok($rc != 0 && $o =~ $want, $name, $o);
}
err_case("a class's hours in a translation are an error naming the field, at its line",
    qq({\n  "classes": {\n    "event": { "name": "Badge", "hours": { "min": 1 } }\n  }\n}\n),
    qr{content/framework\.fr\.json:3:\d+: error: 'hours' is a fact of a class, not a word});
err_case("the framework's version is a fact",
    qq({\n  "version": "2.0"\n}\n),
    qr{content/framework\.fr\.json:2:3: error: 'version' is a fact of framework\.json});
err_case("an unknown key has a did-you-mean",
    qq({\n  "classes": { "event": { "nmae": "Badge" } }\n}\n),
    qr{framework\.fr\.json:2:\d+: error: unknown field 'nmae'.*\n.*did you mean 'name'}s);
err_case("a class the source does not have has a did-you-mean",
    qq({\n  "classes": { "evnet": { "name": "Badge" } }\n}\n),
    qr{framework\.fr\.json:2:\d+: error: 'evnet' is not one of framework\.json's classes.*\n.*did you mean 'event'}s);
err_case("a changelog version the source does not have",
    qq({\n  "changelog": { "9.9": "Rien." }\n}\n),
    qr{framework\.fr\.json:2:\d+: error: '9\.9' is not a version});
unlink("$site/content/framework.fr.json");
spew("$site/content/framework.de.json", "{}\n");
($rc, $o) = run("'$bin' check '$site'");
ok($rc != 0 && $o =~ m{content/framework\.de\.json:1:1: error: 'de' is not one of the site's languages}, "a framework translation into a language the site does not name", $o);

print "1..$n\n";
exit($fails ? 1 : 0);
