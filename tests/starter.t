#!/usr/bin/perl
# `badgesite new`: a whole starter. `new site` writes every file its own
# errors and hints refer to (the visual-language spec, a .gitignore, a
# README) and nothing of the example organisation; `new page` makes a
# draft; `publish` refuses the starter's TODOs at their file and line, with
# a hint whose command works.
use strict;
use warnings;
use Cwd qw(abs_path);
use File::Temp qw(tempdir);

my $build = $ENV{BADGESITE_BUILD} || 'build';
my $bin = abs_path("$build/badgesite");
my $tmp = tempdir(CLEANUP => 1);
my $n = 0;
my $fails = 0;
sub ok { my ($c, $name, @diag) = @_; $n++; print(($c ? "ok" : "not ok") . " $n - $name\n"); unless ($c) { $fails++; print "#   $_\n" for @diag } return $c }
sub run { my $cmd = shift; my $out = `$cmd 2>&1`; return ($? >> 8, $out) }
sub slurp { my ($f) = @_; open(my $h, '<:raw', $f) or return undef; local $/; my $d = <$h>; close $h; return $d }
sub spew { my ($f, $d) = @_; open(my $h, '>:raw', $f) or die "$f: $!"; print $h $d; close $h }

my $site = "$tmp/fresh";
my ($rc, $out) = run("cd '$tmp' && '$bin' new site fresh");
ok($rc == 0, "new site", $out);
# check says what publish would refuse; a check of the preview does not
($rc, my $co) = run("cd '$tmp/fresh' && '$bin' check");
ok($rc == 1 && $co =~ m{site\.json:\d+:\d+: error: base_url https://badges\.example\.org/ is a placeholder}, "check of a new site names the placeholder base_url publish refuses", $co);
($rc, $co) = run("cd '$tmp/fresh' && '$bin' check --drafts");
ok($rc == 0 && $co =~ /no problems found/, "check --drafts checks the preview", $co);
my $spec = slurp("$site/assets/visual-language.json");
ok(defined $spec && $spec eq slurp('assets/visual-language.json'), "writes the default visual-language spec");
my $gi = slurp("$site/.gitignore") // '';
ok($gi =~ m{^public/$}m && $gi =~ m{^\.public\.prev/$}m && $gi =~ m{^\.badgesite-cache/$}m, ".gitignore keeps out public/, the site kept before it and the cache", $gi);
my $readme = slurp("$site/README.md") // '';
ok($readme =~ /badgesite build/ && $readme =~ /badgesite publish/ && $readme =~ /rsync|static host/,
   "README.md says how to preview, publish and deploy", $readme);
# the command new site names works as it says
my ($dir) = $out =~ /preview it with: cd (\S+) && badgesite serve --drafts\)/;
ok(defined $dir && "$tmp/$dir" eq $site, "it names the preview command, in the site's folder", $out);
($rc, my $o2) = run("cd '$site' && '$bin' build --drafts --quiet");
ok($rc == 0, "the new site builds", $o2);
opendir(my $dh, "$site/public/assets/img") or die; my @img = grep { !/^\./ } readdir($dh); closedir $dh;
ok("@img" eq "favicon.svg", "publishes no logo of the example organisation", @img);

# new page: a draft, kept out of a build until it is ready
($rc, $out) = run("cd '$site' && '$bin' new page about/contact");
ok($rc == 0 && (slurp("$site/content/about/contact.md") // '') =~ /"status": "draft"/, "new page makes a draft", $out);
($rc, $out) = run("cd '$site' && '$bin' build --quiet");
ok($rc == 0 && !-e "$site/public/about/contact/index.html", "and a build leaves it out", $out);

# publish refuses the starter's TODOs, at their file and line
my $conf = slurp("$site/site.json");
$conf =~ s{https://badges\.example\.org/}{https://badges.starter.test/} or die;
spew("$site/site.json", $conf);
($rc, $out) = run("cd '$site' && '$bin' new badge speaker --class event");
ok($rc == 0, "new badge", $out);
for my $f ("$site/content/badges/speaker.md", "$site/content/about/contact.md") {
    my $t = slurp($f);
    $t =~ s/,\n  "status": "draft"//m or die "$f: no status";
    spew($f, $t);
}
($rc, $out) = run("cd '$site' && '$bin' publish");
ok($rc == 1 && $out =~ m{content/badges/speaker\.md:4:\d+: error: this badge still holds a TODO of the starter}
   && $out =~ m{content/about/contact\.md:2:13: error: this page still holds a TODO}
   && $out =~ m{content/badges/speaker\.md:\d+:1: error: this badge still holds a TODO},
   "publish refuses the TODOs of a badge and a page at their line and column", $out);
ok(!-e "$site/content/published.txt", "and records nothing");
my ($hint) = $out =~ /`(badgesite [^`]+)`/;
($rc, $o2) = run("cd '$site' && '$bin' " . substr($hint // 'x', 10) . " --quiet");
ok(defined $hint && $rc == 0, "the command its hint names works", $out, $o2);
($rc, $out) = run("cd '$site' && '$bin' build --quiet");
ok($rc == 0, "a preview build still takes them", $out);
for my $f ("$site/content/badges/speaker.md", "$site/content/about/contact.md") {
    my $t = slurp($f);
    $t =~ s/TODO:?/Done/g;
    spew($f, $t);
}
($rc, $out) = run("cd '$site' && '$bin' publish");
ok($rc == 0 && -e "$site/content/published.txt", "once filled in, it publishes", $out);

print "1..$n\n";
exit($fails ? 1 : 0);
