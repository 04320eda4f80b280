#!/usr/bin/perl
# The cache (SITE/.badgesite-cache) is keyed by every input of an output,
# so a cached build equals a build from scratch, file for file, after any
# kind of edit: a badge field, a badge another badge lists, a criteria
# narrative, a free page, a menu title, site.json, framework.json, a
# layout, the visual-language spec, an icon outside assets/, a glossary
# term, the home page, a badge's name or category (which facet pages
# follow), a badge turned draft and back, --drafts, a
# stylesheet (which redraws no image), a published file edited in place
# (which writes through to its cache entry), and entries tampered with: a
# hit is proven by content, never by file times, and only regular files
# are linked. Every cached build after the second starts from the site
# before the last (kept beside the output), so each edit also checks that
# bringing that site up to date in place equals a build from scratch.
# (Previews at another address, so the ledger lets the badges change.)
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
# files that differ between two output trees, either way
sub differ {
    my ($a, $b) = @_;
    my %seen;
    my @diff;
    for my $f (map { split /\n/, `cd '$_' && find . -type f | LC_ALL=C sort` } $a, $b) {
        next if $seen{$f}++;
        push @diff, $f unless (slurp("$a/$f") // "\0a") eq (slurp("$b/$f") // "\0b");
    }
    return @diff;
}

my $site = "$tmp/site";
# the spec's icons live outside assets/: any site path is allowed; the copy
# leaves out the cache tests/build.t leaves in tests/sites/minimal
system("cp -r tests/sites/minimal '$site' && rm -rf '$site/.badgesite-cache' && mkdir -p '$site/icons' '$site/assets/css' '$site/layouts' && cp assets/visual-language.json '$site/assets/' && cp assets/icons/*.svg '$site/icons/' && cp assets/css/site.css '$site/assets/css/' && cp layouts/badge.mustache '$site/layouts/'") == 0 or die;
{ my $vl = slurp("$site/assets/visual-language.json"); $vl =~ s{"assets/icons/}{"icons/}g; spew("$site/assets/visual-language.json", $vl) }
my $preview = '--quiet --base-url http://localhost:8000/';
# a build from scratch, then one from the cache: the same files
sub check {
    my ($what) = @_;
    my ($rc1, $o1) = run("'$bin' build '$site' -o '$tmp/fresh' --no-cache $preview");
    my ($rc2, $o2) = run("'$bin' build '$site' -o '$tmp/cached' $preview");
    my @d = differ("$tmp/fresh", "$tmp/cached");
    ok($rc1 == 0 && $rc2 == 0 && !@d, "$what: the cached build equals a fresh one", $o1, $o2, @d);
}
# the file changed with the edit just made and checked
my %before;
sub keep { %before = map { $_ => slurp("$tmp/cached/$_") } @_ }
sub changed { my ($f, $what) = @_; ok((slurp("$tmp/cached/$f") // '') ne ($before{$f} // ''), "and $what changed") }

my ($rc, $o) = run("'$bin' build '$site' -o '$tmp/cached' $preview");
my @png = glob("$site/.badgesite-cache/*.png");
my @html = glob("$site/.badgesite-cache/*.html");
my @json = glob("$site/.badgesite-cache/*.json");
# two JSON files per badge: badge.json (OB 2.0) and achievement.json (OB 3.0);
# seven PNGs: three badge images, three badge cards and the site's card
ok($rc == 0 && @png == 7 && @html >= 3 && @json == 6, "a build fills the cache with images, pages and JSON", $o);
check("warm cache");
my @entries = glob("$site/.badgesite-cache/*");
($rc, $o) = run("'$bin' build '$site' -o '$tmp/cached' --base-url http://localhost:8000/");
my @again = glob("$site/.badgesite-cache/*");
my ($files, $same) = $o =~ /\((\d+) files, (\d+) unchanged from the cache\)/;
ok($rc == 0 && $same && $same >= $files - 16, "and the build says how many files it took from the cache", $o);
ok(@again == @entries, "a rebuild with nothing changed adds no entry: every output is reused", scalar(@entries) . " then " . scalar(@again));
my $ino = (stat("$tmp/cached/badges/meetup/index.html"))[1];
ok($ino == (stat("$tmp/fresh/badges/meetup/index.html"))[1] ? 0 : 1, "a fresh build does not share files with the cache");
ok(grep({ (stat($_))[1] == $ino } @html), "a cached page is linked, not copied");

keep('badges/unit-one/badge.svg', 'badges/unit-one/index.html', 'badges/unit-one/badge.json');
edit("$site/content/badges/unit-one.md", '"hours": 20', '"hours": 40');
check("a badge field");
changed($_, $_) for sort keys %before;

keep('badges/course-pass/index.html');
edit("$site/content/badges/unit-one.md", '"name": "Unit One"', '"name": "Unit Uno"');
check("the name of a badge another badge lists");
changed('badges/course-pass/index.html', "the page of the badge it stacks into");

# a catalogue page is rendered again only when a badge it lists changes
sub inode { (stat("$tmp/cached/$_[0]"))[1] // 0 }
my ($other, $own) = (inode('badges/by-class/assessment/index.html'), inode('badges/by-class/event/index.html'));
keep('badges/by-class/event/index.html');
edit("$site/content/badges/meetup.md", '"name": "', '"name": "The ');
check("the name of a badge in one facet");
changed('badges/by-class/event/index.html', 'the facet page that lists it');
ok(inode('badges/by-class/assessment/index.html') == $other, "and a facet page that does not list it is reused, not rendered");
edit("$site/content/badges/unit-one.md", '"category": "Testing"', '"category": "Trials"');
check("a badge moved to another category");
ok((slurp("$tmp/cached/badges/by-category/trials/index.html") // '') =~ m{unit-one/} && slurp("$tmp/cached/badges/by-category/testing/index.html") !~ m{unit-one/}, "and the facet pages follow it");

keep('badges/unit-one/index.html', 'badges/unit-one/badge.json');
edit("$site/content/badges/unit-one.md", 'Be observed doing the task.', 'Be observed doing the whole task.');
check("a criteria narrative");
changed($_, $_) for sort keys %before;

keep('about/contact/index.html');
edit("$site/content/about/contact.md", 'Write', 'Please write');
check("a free page");
changed('about/contact/index.html', 'that page');

keep('badges/meetup/index.html');
edit("$site/content/about/contact.md", '"title": "', '"title": "Our ');
check("a title in the menu");
changed('badges/meetup/index.html', 'every page\'s menu');

keep('badges/meetup/index.html', 'badges/meetup/badge.json');
edit("$site/site.json", '"title": "', '"title": "The ');
check("site.json");
changed('badges/meetup/index.html', 'a badge page');

keep('badges/meetup/index.html');
edit("$site/content/framework.json", '"Event badge"', '"Event award"');
check("framework.json");
changed('badges/meetup/index.html', 'a badge page');

keep('badges/meetup/index.html', 'about/contact/index.html');
edit("$site/layouts/badge.mustache", '{{$main}}', '{{$main}}<!-- edited layout -->');
check("a layout");
changed('badges/meetup/index.html', 'the pages that use it');
ok(slurp("$tmp/cached/about/contact/index.html") eq $before{'about/contact/index.html'}, "and the pages that do not are the same");

keep('badges/course-pass/badge.png');
edit("$site/assets/visual-language.json", '#2a6cc0', '#c02a6c');
check("the spec");
changed('badges/course-pass/badge.png', "the recoloured class's image");

keep('badges/meetup/badge.svg');
my $icon = slurp("$site/icons/calendar.svg");
$icon =~ s/(<path[^>]*\bd=")/$1M1 1h2v2h-2z /;
spew("$site/icons/calendar.svg", $icon);
check("an icon outside assets/");
changed('badges/meetup/badge.svg', 'the image that uses the icon');

keep('glossary/index.html');
edit("$site/content/glossary/digital-badge.md", '"term": "', '"term": "A ');
check("a glossary term");
changed('glossary/index.html', 'the glossary');

keep('index.html');
edit("$site/content/_index.md", 'Welcome.', 'Welcome, reader.');
check("the home page");
changed('index.html', 'the home page');

keep('badges/index.html');
edit("$site/content/badges/meetup.md", '"name": "', qq{"status": "draft",\n  "name": "});
check("a badge made a draft");
changed('badges/index.html', 'the catalogue');
($rc, $o) = run("'$bin' build '$site' -o '$tmp/cached' --drafts $preview");
my ($rc2, $o2) = run("'$bin' build '$site' -o '$tmp/fresh' --drafts --no-cache $preview");
my @d = differ("$tmp/fresh", "$tmp/cached");
ok($rc == 0 && $rc2 == 0 && !@d, "--drafts: the cached build equals a fresh one", $o, $o2, @d);
edit("$site/content/badges/meetup.md", qq{"status": "draft",\n  }, '');
check("and published again");

# a stylesheet is copied, not drawn from: no image is drawn again
my @before_png = glob("$site/.badgesite-cache/*.png");
edit("$site/assets/css/site.css", 'body', "/* edited */\nbody");
check("a stylesheet");
my @after_png = glob("$site/.badgesite-cache/*.png");
ok(@after_png == @before_png, "and no image was drawn again", scalar(@before_png) . " then " . scalar(@after_png));

# a published file written in place writes through to its cache entry
# (they are one file): the next build notices and renders it again
spew("$tmp/cached/badges/meetup/index.html", "edited in place\n");
spew("$tmp/cached/badges/meetup/badge.png", "edited in place\n");
check("a published page and image edited in place");
ok(slurp("$tmp/cached/badges/meetup/index.html") ne "edited in place\n", "and the page is whole again");

# a hit is proven by content, never by file times, and only a regular
# file is linked: (a) a published file edited in place and then chmodded
# (so its change time passes its modification time)
sub entry_of { my $ino = (stat("$tmp/cached/$_[0]"))[1]; my @e = grep { (lstat($_))[1] == $ino } glob("$site/.badgesite-cache/*"); @e == 1 or die "no entry for $_[0]"; $e[0] }
sub tick { select(undef, undef, undef, 0.05) }
spew("$tmp/cached/badges/meetup/index.html", "edited in place\n");
spew("$tmp/cached/badges/meetup/badge.svg", "<svg/>\n");
tick();
chmod(0644, "$tmp/cached/badges/meetup/index.html", "$tmp/cached/badges/meetup/badge.svg");
check("a published page and image edited in place, then chmodded");
ok(slurp("$tmp/cached/badges/meetup/index.html") ne "edited in place\n" && slurp("$tmp/cached/badges/meetup/badge.svg") ne "<svg/>\n", "and the edited bytes are gone");

# (b) an entry's bytes replaced, its modification time set back. The
# previous site a build starts from is removed first, so that every file
# is linked from the cache and each entry proven (a file the previous site
# holds unchanged is kept where it is: tests/inplace.t)
sub from_cache_only { system('rm', '-rf', "$tmp/.cached.prev") == 0 or die }
my $e = entry_of('badges/unit-one/index.html');
from_cache_only();
system('touch', '-r', $e, "$tmp/stamp") == 0 or die;
spew("$e.new", "tampered\n");
rename("$e.new", $e) or die;
system('touch', '-m', '-r', "$tmp/stamp", $e) == 0 or die;
check("a cache entry overwritten with its old mtime");
ok(slurp("$tmp/cached/badges/unit-one/index.html") ne "tampered\n", "and it was not served");

# (c) entries replaced by symlinks: to another entry inside the site, and
# to a copy of its own bytes outside it
my ($in, $out) = (entry_of('badges/course-pass/index.html'), entry_of('badges/meetup/badge.svg'));
my $other_entry = entry_of('badges/unit-one/index.html');
spew("$tmp/outside.svg", slurp($out));
tick();
chmod(0644, "$tmp/outside.svg");
unlink($in, $out);
symlink($other_entry, $in) && symlink("$tmp/outside.svg", $out) or die;
from_cache_only();
check("cache entries replaced by symlinks");
my @links = split /\n/, `find '$tmp/cached' -type l`;
ok(!@links, "and the published site holds no symlink", @links);

print "1..$n\n";
exit($fails ? 1 : 0);
