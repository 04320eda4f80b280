#!/usr/bin/perl
# The image cache (SITE/.badgesite-cache) is keyed by every input of an
# image, so a cached build equals a build from scratch after any kind of
# edit: a badge field, the visual-language spec, an icon. (Previews at
# another address, so the ledger lets the badges change.)
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
sub same_images {
    my ($a, $b) = @_;
    my @diff;
    for my $f (split /\n/, `cd '$a' && find badges -name 'badge.*' | sort`) {
        push @diff, $f unless (slurp("$a/$f") // 'x') eq (slurp("$b/$f") // 'y');
    }
    return @diff;
}

my $site = "$tmp/site";
system("cp -r tests/sites/minimal '$site' && mkdir -p '$site/assets/icons' && cp assets/visual-language.json '$site/assets/' && cp assets/icons/*.svg '$site/assets/icons/'") == 0 or die;
# what a build from scratch gives, then what the cache gives
sub check {
    my ($what) = @_;
    my ($rc1, $o1) = run("'$bin' build '$site' -o '$tmp/fresh' --no-cache --quiet --base-url http://localhost:8000/");
    my ($rc2, $o2) = run("'$bin' build '$site' -o '$tmp/cached' --quiet --base-url http://localhost:8000/");
    my @d = same_images("$tmp/fresh", "$tmp/cached");
    ok($rc1 == 0 && $rc2 == 0 && !@d, "$what: cached images equal fresh ones", $o1, $o2, @d);
}
my ($rc, $o) = run("'$bin' build '$site' -o '$tmp/cached' --quiet --base-url http://localhost:8000/");
my @cached = glob("$site/.badgesite-cache/*.png");
ok($rc == 0 && @cached == 3, "a build fills the cache", $o);
check("warm cache");
my $before = slurp("$tmp/cached/badges/unit-one/badge.png");
edit("$site/content/badges/unit-one.md", '"hours": 20', '"hours": 40');
check("a badge field");
ok(slurp("$tmp/cached/badges/unit-one/badge.png") ne $before, "and the edited badge's image changed");
$before = slurp("$tmp/cached/badges/course-pass/badge.png");
edit("$site/assets/visual-language.json", '#2a6cc0', '#c02a6c');
check("the spec");
ok(slurp("$tmp/cached/badges/course-pass/badge.png") ne $before, "and the recoloured class's image changed");
$before = slurp("$tmp/cached/badges/meetup/badge.svg");
my $icon = slurp("$site/assets/icons/calendar.svg");
$icon =~ s/(<path[^>]*\bd=")/$1M1 1h2v2h-2z /;
spew("$site/assets/icons/calendar.svg", $icon);
check("an icon");
ok(slurp("$tmp/cached/badges/meetup/badge.svg") ne $before, "and the image that uses the icon changed");
($rc, $o) = run("'$bin' check '$site'");
print "1..$n\n";
exit($fails ? 1 : 0);
