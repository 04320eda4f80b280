#!/usr/bin/perl
# Published URLs never disappear: the ledger is written by `publish`
# only, never by `build` or `check`; deleting a published badge fails the build; retiring keeps
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
sub ok($$;@) { my ($c, $name, @d) = @_; $n++; print(($c ? "ok" : "not ok") . " $n - $name\n"); unless ($c) { $fails++; print "#   $_\n" for map { split /\n/ } @d } $c }
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
ok($rc == 0 && !-e "$site/content/published.txt" && !-e "$site/content/published",
   "a canonical build writes no ledger and keeps no snapshot: only publish does", $o);
($rc, $o) = run("'$bin' publish '$site' -o '$out' --drafts");
ok($rc == 2 && $o =~ /'--drafts' is not an option of publish/, "publish refuses --drafts", $o);
($rc, $o) = run("'$bin' publish '$site' -o '$out' --base-url http://localhost:8000/");
ok($rc == 2 && $o =~ /'--base-url' is not an option of publish/, "publish refuses --base-url", $o);
($rc, $o) = run("'$bin' publish '$site' -o '$out'");
my $ledger = slurp("$site/content/published.txt") // '';
ok($rc == 0 && $ledger =~ m{^/badges/meetup/ fnv1a64:[0-9a-f]{16}$}m && $ledger =~ m{^/badges/meetup/badge\.png$}m
   && $o =~ /published \d+ pages/ && $o =~ /commit them/,
   "publish writes the ledger with frozen-field hashes", $o, $ledger);
ok($ledger =~ m{^content/published/meetup/v1/badge\.png sha256:[0-9a-f]{64}$}m
   && $ledger =~ m{^content/published/meetup/v1/frozen\.json sha256:[0-9a-f]{64}$}m,
   "and the sha256 of every snapshot file", $ledger);
my @lines = grep { !/^#/ } split /\n/, $ledger;
ok(join("\n", @lines) eq join("\n", sort @lines), "the ledger is sorted");
ok(-f "$site/content/published/meetup/v1/badge.json" && -f "$site/content/published/meetup/v1/frozen.json",
   "each published version is kept as a snapshot");

# deleting a published badge fails and names it
my $meetup = slurp("$b/meetup.md");
unlink("$b/meetup.md");
($rc, $o) = run("'$bin' build '$site' -o '$out' --quiet");
ok($rc == 1 && $o =~ m{content/published\.txt:(\d+):1: error: this build would drop the published URL /badges/meetup/ and (\d+) more of badge meetup \(to line (\d+)\)}
   && $3 - $1 == $2 && $o =~ /badge 'meetup' is gone/, "deleting a published badge fails, naming badge and URLs", $o);
my @drops = $o =~ /would drop/g;
ok(@drops == 1, "in one error for all its URLs", $o);
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
my $cat = slurp("$out/badges/index.html") // '';
ok($cat =~ m{id="retired-h">Retired badges</h2>.*badges/meetup/}s && $cat !~ m{badges/meetup/.*id="retired-h"}s,
   "and it leaves the current badges of the catalogue, listed under Retired badges");
my $retired_json = slurp("$out/badges/meetup/badge.json") // '';
ok($retired_json =~ /Retired on 2026-06-30: no longer awarded\. Awards already made stay valid\. Replaced by Course Pass/
   && $retired_json =~ m{"id": "https://badges\.test\.example/fw/badges/course-pass/badge\.json"},
   "its BadgeClass says it is retired and names the replacement's BadgeClass in related", $retired_json);

# editing frozen fields without a new version is refused
spew("$b/meetup.md", $meetup);
edit("$b/meetup.md", 'Attend the meetup.', 'Attend the meetup and present.');
($rc, $o) = run("'$bin' build '$site' -o '$out' --quiet");
ok($rc == 1 && $o =~ /version 1 of 'meetup' is already published, and its narrative changed/ && $o =~ /raise "version" to 2/,
   "changing the criteria without a new version is refused, showing what changed", $o);
edit("$b/meetup.md", '"class": "event",', "\"class\": \"event\",\n  \"version\": 2,");
# version 1 as published (the retired build above re-rendered it)
my $v1json = slurp("$site/content/published/meetup/v1/badge.json");
($rc, $o) = run("'$bin' publish '$site' -o '$out' --quiet");
ok($rc == 0, "raising the version publishes", $o);
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
($rc, $o) = run("'$bin' publish '$site' -o '$out' --quiet");
ok($rc == 0, "a declared rename publishes", $o);
ok(slurp("$out/badges/meetup/badge.json") eq $v1json, "the old id's JSON stays byte for byte");
ok((slurp("$out/badges/meetup/index.html") // '') =~ /new address.*meetup-participant/s, "the old page points to the new one");
ok((slurp("$out/_redirects") // '') =~ m{^/fw/badges/meetup/ /fw/badges/meetup-participant/ 301$}m, "and _redirects maps it");

# a new site changes freely until it is published (issue 10, item 1)
my $fresh = "$tmp/fresh";
($rc, $o) = run("'$bin' new site '$fresh' && '$bin' build '$fresh' --quiet");
ok($rc == 0 && !-e "$fresh/content/published.txt" && !-e "$fresh/content/published", "building a new site records nothing", $o);
my ($sample) = map { m{/([^/]+)\.md$} } glob("$fresh/content/badges/*.md");
unlink("$fresh/content/badges/$sample.md") if $sample;
($rc, $o) = run("'$bin' build '$fresh' --quiet");
ok($sample && $rc == 0, "so deleting its sample badge still builds", $o);

# the ledger and the snapshots, cross-checked (items 3 and 4)
my $s2 = "$tmp/s2";
system("cp -r tests/sites/minimal '$s2'") == 0 or die;
my $out2 = "$tmp/out2";
($rc, $o) = run("'$bin' publish '$s2' -o '$out2' --quiet");
ok($rc == 0, "a second site publishes", $o);
my $l2 = slurp("$s2/content/published.txt");
my $snap = "$s2/content/published/meetup/v1";
sub restore { spew("$s2/content/published.txt", $l2) }

# deleting a hash no longer lets the narrative change
(my $nohash = $l2) =~ s{^(/badges/meetup/) fnv1a64:\w+$}{$1}m;
spew("$s2/content/published.txt", $nohash);
edit("$s2/content/badges/meetup.md", 'Attend the meetup.', 'Attend the meetup and present.');
($rc, $o) = run("'$bin' build '$s2' -o '$out2' --quiet");
ok($rc == 1 && $o =~ m{version 1 of 'meetup' is kept in content/published/meetup/v1/, but the ledger has no hash} && $o =~ m{git checkout -- content/published\.txt},
   "deleting a version's hash from the ledger is caught, with how to restore it", $o);
($rc, $o) = run("'$bin' check '$s2'");
ok($rc == 1 && $o =~ /the ledger has no hash/, "check runs the same ledger checks", $o);
restore();
edit("$s2/content/badges/meetup.md", 'Attend the meetup and present.', 'Attend the meetup.');

# a deleted snapshot folder is named, with the git command that restores it
system("mv '$snap' '$tmp/v1-away'") == 0 or die;
($rc, $o) = run("'$bin' build '$s2' -o '$out2' --quiet");
ok($rc == 1 && $o =~ m{the published snapshot file content/published/meetup/v1/badge\.json is missing} && $o =~ m{git checkout -- content/published/meetup/v1/},
   "a deleted snapshot folder is named, with how to restore it", $o);
system("mv '$tmp/v1-away' '$snap'") == 0 or die;

# a changed or emptied snapshot file fails
my $png = slurp("$snap/badge.png");
spew("$snap/badge.png", '');
($rc, $o) = run("'$bin' check '$s2'");
ok($rc == 1 && $o =~ m{content/published\.txt:\d+:1: error: the published snapshot file content/published/meetup/v1/badge\.png has changed},
   "an emptied snapshot file fails check and build", $o);
spew("$snap/badge.png", $png);
spew("$snap/extra.txt", "x");
($rc, $o) = run("'$bin' build '$s2' -o '$out2' --quiet");
ok($rc == 1 && $o =~ m{content/published/meetup/v1/extra\.txt: error: this file of a published snapshot is not in the ledger}, "a file added to a snapshot fails", $o);
unlink("$snap/extra.txt");
(my $noline = $l2) =~ s{^content/published/meetup/v1/badge\.svg .*\n}{}m;
spew("$s2/content/published.txt", $noline);
($rc, $o) = run("'$bin' build '$s2' -o '$out2' --quiet");
ok($rc == 1 && $o =~ m{content/published/meetup/v1/badge\.svg: error: this file of a published snapshot is not in the ledger}, "a snapshot file deleted from the ledger fails", $o);
restore();
($rc, $o) = run("'$bin' check '$s2'");
ok($rc == 0, "restored, it checks again", $o);

# check runs the ledger's URL checks too
my $m2 = slurp("$s2/content/badges/meetup.md");
unlink("$s2/content/badges/meetup.md");
($rc, $o) = run("'$bin' check '$s2'");
ok($rc == 1 && $o =~ m{would drop the published URL /badges/meetup/}, "check fails on a dropped published URL", $o);
spew("$s2/content/badges/meetup.md", $m2);

# snapshots and ledger are written before the swap: when they cannot be,
# the published site and the ledger stay as they were
my $before = slurp("$out2/badges/index.html");
spew("$s2/content/badges/late.md", slurp("$s2/content/badges/meetup.md") =~ s/Meetup/Late Meetup/gr);
spew("$s2/content/published/late", "in the way");
($rc, $o) = run("'$bin' publish '$s2' -o '$out2' --quiet");
ok($rc == 3 && slurp("$out2/badges/index.html") eq $before && !-e "$out2/badges/late" && slurp("$s2/content/published.txt") eq $l2,
   "a publish that cannot keep its snapshots changes neither the site nor the ledger", $o);
unlink("$s2/content/published/late");
($rc, $o) = run("'$bin' publish '$s2' -o '$out2' --quiet");
ok($rc == 0 && -s "$s2/content/published/late/v1/badge.png" && -f "$out2/badges/late/index.html", "and publishes once it can", $o);
$l2 = slurp("$s2/content/published.txt");

# an unrecorded snapshot (a publish killed before its ledger) is not
# published: the badge may still change, and publish replaces it
system("cp -r '$s2/content/published/late' '$s2/content/published/later'") == 0 or die;
spew("$s2/content/badges/later.md", slurp("$s2/content/badges/meetup.md") =~ s/Meetup/Later Meetup/gr =~ s/Attend the meetup\./Attend twice./r);
($rc, $o) = run("'$bin' build '$s2' -o '$out2' --quiet");
ok($rc == 0, "an unrecorded snapshot does not hold a badge", $o);
($rc, $o) = run("'$bin' publish '$s2' -o '$out2' --quiet");
ok($rc == 0 && (slurp("$s2/content/published/later/v1/frozen.json") // '') =~ /Attend twice/, "and publish replaces it", $o);

# a ledger written before snapshots were hashed is migrated by publish
(my $old = slurp("$s2/content/published.txt")) =~ s{^content/.*\n}{}mg;
spew("$s2/content/published.txt", $old);
($rc, $o) = run("'$bin' build '$s2' -o '$out2' --quiet");
ok($rc == 0, "a ledger without snapshot hashes still builds", $o);
($rc, $o) = run("'$bin' publish '$s2' -o '$out2' --quiet");
ok($rc == 0 && (slurp("$s2/content/published.txt") // '') =~ m{^content/published/meetup/v1/index\.html sha256:}m, "and publish records them", $o);

# leftovers of builds that were killed are swept; a live build's are not
my $deadpid = fork() // die; exit 0 unless $deadpid; waitpid($deadpid, 0);
mkdir("$tmp/.out2.staging-$deadpid"); mkdir("$tmp/.out2.old-$deadpid"); mkdir("$tmp/.out2.old-1");
mkdir("$s2/content/published/meetup/.v1.tmp-$deadpid");
($rc, $o) = run("'$bin' publish '$s2' -o '$out2' --quiet");
ok($rc == 0 && !-e "$tmp/.out2.staging-$deadpid" && !-e "$tmp/.out2.old-$deadpid" && -e "$tmp/.out2.old-1"
   && !-e "$s2/content/published/meetup/.v1.tmp-$deadpid", "staging and old folders of dead builds are swept", $o);
rmdir("$tmp/.out2.old-1");

# a swap killed between its two renames (no renameat2): OUT comes back
system("mv '$out2' '$tmp/.out2.old-$deadpid'") == 0 or die;
($rc, $o) = run("'$bin' build '$s2' -o '$out2' --quiet");
ok($rc == 0 && -f "$out2/badges/meetup/index.html" && !-e "$tmp/.out2.old-$deadpid", "an old site left by a killed swap is put back, then replaced", $o);

# two builds at once: one waits for the other, both succeed
my @kids;
for my $k (1 .. 2) {
    my $pid = fork() // die;
    unless ($pid) { exec("'$bin' " . ($k == 1 ? 'publish' : 'build') . " '$s2' -o '$out2' --quiet >'$tmp/par$k.log' 2>&1") }
    push @kids, $pid;
}
my @rcs = map { waitpid($_, 0); $? >> 8 } @kids;
my $logs = join '', map { slurp("$tmp/par$_.log") // '' } 1 .. 2;
ok("@rcs" eq "0 0" && $logs !~ /not empty/i, "a publish and a build at once both succeed", "@rcs", $logs);
my @left = glob("$tmp/.out2.*-*");
ok(!@left, "and leave nothing beside OUT", @left);
print "1..$n\n";
exit($fails ? 1 : 0);
