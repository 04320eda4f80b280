#!/usr/bin/perl
# Published URLs never disappear: the ledger is written by a canonical
# build only; deleting a published badge fails the build; retiring keeps
# its URLs; editing frozen fields without a new version is refused; a new
# version lives at /vN/ while the old one stays byte for byte; a rename
# keeps the old URLs.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Temp qw(tempdir);

my $bin = abs_path(($ENV{BADGESITE_BUILD} || 'build') . '/badgesite');
my $tmp = tempdir(CLEANUP => 1);
my ($n, $fails) = (0, 0);
sub ok { my ($c, $name, @d) = @_; $n++; print(($c ? "ok" : "not ok") . " $n - $name\n"); unless ($c) { $fails++; print "#   $_\n" for map { split /\n/ } @d } $c }
sub run { my $out = `$_[0] 2>&1`; return ($? >> 8, $out) }
sub slurp { open(my $h, '<:raw', $_[0]) or return undef; local $/; my $d = <$h>; $d }
sub spew { open(my $h, '>:raw', $_[0]) or die "$_[0]: $!"; print $h $_[1]; close $h }
sub edit { my ($f, $from, $to) = @_; my $d = slurp($f); $d =~ s/\Q$from\E/$to/ or die "no '$from' in $f"; spew($f, $d) }

my $site = "$tmp/site";
system("cp -r tests/sites/minimal '$site'") == 0 or die;
my $out = "$tmp/out";
my $b = "$site/content/badges";

my ($rc, $o) = run("'$bin' check '$site'");
ok(!-e "$site/content/published.txt", "check writes no ledger");
($rc, $o) = run("'$bin' build '$site' -o '$out' --drafts --quiet");
ok($rc == 0 && !-e "$site/content/published.txt", "a build with --drafts writes no ledger", $o);
($rc, $o) = run("'$bin' build '$site' -o '$out' --base-url http://localhost:8000/ --quiet");
ok($rc == 0 && !-e "$site/content/published.txt", "a build to another base URL writes no ledger", $o);
($rc, $o) = run("'$bin' build '$site' -o '$out' --quiet");
my $ledger = slurp("$site/content/published.txt") // '';
ok($rc == 0 && $ledger =~ m{^/badges/meetup/ fnv1a64:[0-9a-f]{16}$}m && $ledger =~ m{^/badges/meetup/badge\.png$}m,
   "a canonical build writes the ledger with frozen-field hashes", $o, $ledger);
my @lines = grep { !/^#/ } split /\n/, $ledger;
ok(join("\n", @lines) eq join("\n", sort @lines), "the ledger is sorted");
ok(-f "$site/content/published/meetup/v1/badge.json" && -f "$site/content/published/meetup/v1/frozen.json",
   "each published version is kept as a snapshot");

# deleting a published badge fails and names it
my $meetup = slurp("$b/meetup.md");
unlink("$b/meetup.md");
($rc, $o) = run("'$bin' build '$site' -o '$out' --quiet");
ok($rc == 1 && $o =~ m{content/published\.txt:\d+:1: error: this build would drop the published URL /badges/meetup/badge\.json}
   && $o =~ /badge 'meetup' is gone/, "deleting a published badge fails, naming badge and URL", $o);
ok(-f "$out/badges/meetup/index.html", "and the published site is untouched");

# retiring keeps every URL and leaves the catalogue
spew("$b/meetup.md", $meetup);
edit("$b/meetup.md", '"class": "event",', "\"class\": \"event\",\n  \"status\": \"retired\",\n  \"retired_on\": \"2026-06-30\",\n  \"replaced_by\": \"course-pass\",");
($rc, $o) = run("'$bin' build '$site' -o '$out' --quiet");
ok($rc == 0, "retiring builds", $o);
my $page = slurp("$out/badges/meetup/index.html") // '';
ok($page =~ /retired since 2026-06-30/ && $page =~ /replaced by/ && $page =~ /already awarded stay valid/,
   "the retired page says since when, what replaces it and that awards stay valid");
ok(-f "$out/badges/meetup/badge.json" && -f "$out/badges/meetup/badge.png", "its JSON and images stay");
ok((slurp("$out/badges/index.html") // '') !~ m{badges/meetup/}, "and it leaves the catalogue");

# editing frozen fields without a new version is refused
spew("$b/meetup.md", $meetup);
edit("$b/meetup.md", 'Attend the meetup.', 'Attend the meetup and present.');
($rc, $o) = run("'$bin' build '$site' -o '$out' --quiet");
ok($rc == 1 && $o =~ /version 1 of 'meetup' is already published, and its narrative changed/ && $o =~ /raise "version" to 2/,
   "changing the criteria without a new version is refused, showing what changed", $o);
edit("$b/meetup.md", '"class": "event",', "\"class\": \"event\",\n  \"version\": 2,");
my $v1json = slurp("$out/badges/meetup/badge.json");
($rc, $o) = run("'$bin' build '$site' -o '$out' --quiet");
ok($rc == 0, "raising the version builds", $o);
ok(slurp("$out/badges/meetup/badge.json") eq $v1json, "version 1's JSON stays byte for byte at /badges/meetup/");
ok((slurp("$out/badges/meetup/index.html") // '') =~ /This is version 1 of this badge.*superseded by/s, "version 1's page says it is superseded");
my $v2 = slurp("$out/badges/meetup/v2/badge.json") // '';
ok($v2 =~ m{"id": "https://badges\.test\.example/fw/badges/meetup/v2/badge\.json"} && $v2 =~ /"version": 2/,
   "version 2 lives at /badges/meetup/v2/ with its own id and version");
ok((slurp("$out/badges/meetup/v2/index.html") // '') =~ /Version 1<\/a>.*changed narrative/s, "the newest page lists the history and what changed");
ok($v2 =~ m{"related": \[\s*\{\s*"id": "https://badges\.test\.example/fw/badges/meetup/badge\.json",\s*"version": 1}s, "its BadgeClass names version 1 as related", $v2);
($rc, $o) = run("node tests/jsonld/expand.js '$out' https://badges.test.example/fw/");
ok($rc == 0, "every BadgeClass, versions included, expands with the official context", $o);
($rc, $o) = run("'$bin' build '$site' -o '$out' --quiet");
ok($rc == 0, "and builds again unchanged", $o);

# a rename keeps the old URLs
my $cur = slurp("$b/meetup.md");
unlink("$b/meetup.md");
$cur =~ s/"version": 2,/"previous_ids": ["meetup"],/;
spew("$b/meetup-participant.md", $cur);
($rc, $o) = run("'$bin' build '$site' -o '$out' --quiet");
ok($rc == 0, "a declared rename builds", $o);
ok(slurp("$out/badges/meetup/badge.json") eq $v1json, "the old id's JSON stays byte for byte");
ok((slurp("$out/badges/meetup/index.html") // '') =~ /new address.*meetup-participant/s, "the old page points to the new one");
ok((slurp("$out/_redirects") // '') =~ m{^/fw/badges/meetup/ /fw/badges/meetup-participant/ 301$}m, "and _redirects maps it");
print "1..$n\n";
exit($fails ? 1 : 0);
